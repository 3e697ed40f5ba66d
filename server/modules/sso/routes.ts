// GET /api/auth/oidc/login → the provider; GET /api/auth/oidc/callback ← the provider. Browsers follow
// these, so failures come back to the login page as words (?ssoError=), never as an error document.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { text } from '../../../contract/fields';
import { setSessionCookie } from '../auth/plugin';
import { FLOW_COOKIE, FLOW_TTL_SECONDS } from './flow-cookie';
import { SsoRefusal, type SsoService } from './service';

interface SsoRoutesOptions {
  sso: SsoService;
  publicUrl: string;
  secureCookies: boolean;
  sessionTtlSeconds: number;
}

const tags = ['auth'];
const redirect = z.null().describe('Redirects (302) the browser; no body');

const ssoRoutes: FastifyPluginAsyncZod<SsoRoutesOptions> = async (app, opts) => {
  const flowCookie = {
    path: '/api/auth/oidc',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: opts.secureCookies,
  };
  const toLogin = (message: string) => `/login?ssoError=${encodeURIComponent(message)}`;

  app.get(
    '/auth/oidc/login',
    {
      schema: {
        tags,
        summary:
          'Sign in with the organisation’s OpenID provider: redirects there (Authorization Code + PKCE)',
        querystring: z.object({ returnTo: z.optional(text().check(z.maxLength(2000))) }),
        response: { 302: redirect },
      },
    },
    async (request, reply) => {
      try {
        const { url, cookie } = await opts.sso.begin(request.query.returnTo);
        reply.setCookie(FLOW_COOKIE, cookie, { ...flowCookie, maxAge: FLOW_TTL_SECONDS });
        return reply.redirect(url, 302);
      } catch (error) {
        if (error instanceof SsoRefusal) return reply.redirect(toLogin(error.message), 302);
        throw error;
      }
    },
  );

  app.get(
    '/auth/oidc/callback',
    {
      // A refusal names nobody (the provider's answer did not prove who it is), so it leaves no entry.
      config: { audit: { action: 'auth.login_succeeded', details: () => ({ via: 'sso' }) } },
      schema: {
        tags,
        summary: 'Where the OpenID provider sends the browser back: signs in (provisioning on first sign-in)',
        // The provider's own parameters (code, state, iss, error…) are read by openid-client.
        querystring: z.record(z.string(), z.unknown()),
        response: { 302: redirect },
      },
    },
    async (request, reply) => {
      reply.clearCookie(FLOW_COOKIE, flowCookie);
      try {
        const callbackUrl = new URL(request.url, opts.publicUrl);
        const signedIn = await opts.sso.finish(callbackUrl, request.cookies[FLOW_COOKIE], {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        request.principal = signedIn.principal;
        setSessionCookie(reply, signedIn.token, opts);
        return reply.redirect(signedIn.returnTo, 302);
      } catch (error) {
        if (error instanceof SsoRefusal) return reply.redirect(toLogin(error.message), 302);
        throw error;
      }
    },
  );
};

export default ssoRoutes;
