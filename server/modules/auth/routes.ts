// Sign-in, sign-out and "who am I" for the SPA; API-key callers use /api/me too.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  loginRequestSchema,
  sessionSchema,
  signInOptionsSchema,
  type SignInOptions,
} from '../../../contract/auth';
import { envelopeSchema, errorEnvelopeSchema } from '../../../contract/envelope';
import { envelope, HttpError } from '../../lib/http';
import type { RateLimiter } from '../../lib/rate-limiter';
import { principalOf, SESSION_COOKIE, setSessionCookie, spend } from './plugin';
import type { AuthService } from './service';

/** Sign-in attempts allowed per minute: per address and username, per address, per username. */
export interface LoginLimits {
  perAddressAndUsername: number;
  perAddress: number;
  perUsername: number;
}

interface AuthRoutesOptions {
  auth: AuthService;
  limiter: RateLimiter;
  loginLimits: LoginLimits;
  sessionTtlSeconds: number;
  secureCookies: boolean;
  signInOptions: SignInOptions;
}

/** The username a sign-in names, bounded (the body may be anything when it fails validation). */
function usernameIn(body: unknown): string | null {
  const username = (body as { username?: unknown } | null)?.username;
  return typeof username === 'string' && username.isWellFormed()
    ? username.replaceAll('\u0000', '').slice(0, 100)
    : null;
}

const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  const sessionEnvelope = envelopeSchema(sessionSchema);
  const errors = {
    400: errorEnvelopeSchema,
    401: errorEnvelopeSchema,
    403: errorEnvelopeSchema,
    429: errorEnvelopeSchema,
    503: errorEnvelopeSchema,
  };
  app.get(
    '/auth/options',
    {
      schema: {
        tags: ['auth'],
        summary: 'How people sign in here: with a password, with single sign-on, or both',
        response: { 200: envelopeSchema(signInOptionsSchema) },
      },
    },
    async () => envelope(opts.signInOptions),
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a username and password; sets the session cookie',
        body: loginRequestSchema,
        response: { 200: sessionEnvelope, ...errors },
      },
      config: {
        audit: {
          action: (statusCode) => (statusCode === 200 ? 'auth.login_succeeded' : 'auth.login_failed'),
          anonymousActor: (request) => usernameIn(request.body),
        },
      },
      // Before any hashing: guessing one account's password is slow (per address and username), so is
      // trying one password across many accounts from one address, and many addresses against one
      // account; other people still sign in.
      preHandler: async (request) => {
        const username = request.body.username.trim().toLowerCase();
        const { perAddressAndUsername, perAddress, perUsername } = opts.loginLimits;
        await spend(opts.limiter, `login:address:${request.ip}`, perAddress);
        await spend(opts.limiter, `login:username:${username}`, perUsername);
        await spend(opts.limiter, `login:pair:${request.ip}:${username}`, perAddressAndUsername);
      },
    },
    async (request, reply) => {
      if (!opts.signInOptions.password) {
        throw new HttpError(403, 'Password sign-in is turned off here; sign in with single sign-on.');
      }
      const signedIn = await opts.auth.signIn(request.body.username, request.body.password);
      if (!signedIn) throw new HttpError(401, 'Wrong username or password.');
      request.principal = signedIn.principal;
      setSessionCookie(reply, signedIn.token, opts);
      return envelope(signedIn.principal);
    },
  );

  app.post(
    '/auth/logout',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session and clears its cookie',
        response: { 200: envelopeSchema(z.null()), 401: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await opts.auth.signOut(token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return envelope(null);
    },
  );

  app.get(
    '/me',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user (or the API key’s user) and the CSRF token for writes',
        response: { 200: sessionEnvelope, 401: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return envelope({ user: principal.user, csrfToken: principal.csrfToken });
    },
  );
};

export default authRoutes;
