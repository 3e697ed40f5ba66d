// Authentication for every /api route that asks for it: `preHandler: app.authenticate`.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { HttpError } from '../../lib/http';
import { OPERATOR } from './operator';
import type { AuthService, Principal } from './service';
import { hashToken } from './tokens';

export const SESSION_COOKIE = 'tapeline_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The caller of an authenticated route; routes call this after `preHandler: app.authenticate`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, 'Sign in or send an API key.');
  return request.principal;
}

/** Sets the session cookie after a sign-in (password, setup link, set-password link). */
export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  options: { secureCookies: boolean; sessionTtlSeconds: number },
) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secureCookies,
    maxAge: options.sessionTtlSeconds,
  });
}

function sameSecret(a: string, b: string) {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export default fp(
  async function authentication(
    app: FastifyInstance,
    opts: {
      auth: AuthService;
      /** This process's operator token, for the CLI on this machine. */ operatorToken?: string;
    },
  ) {
    const operatorHash = opts.operatorToken ? hashToken(opts.operatorToken) : null;
    app.decorateRequest('principal', null);
    app.decorate('authenticate', async (request: FastifyRequest) => {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
        if (match && operatorHash && sameSecret(hashToken(match[1]!), operatorHash)) {
          request.principal = { user: OPERATOR, via: 'api_key', csrfToken: null };
          return;
        }
        const principal = match ? await opts.auth.fromApiKey(match[1]!) : null;
        if (!principal) throw new HttpError(401, 'The API key is missing, malformed, revoked or unknown.');
        request.principal = principal;
        return;
      }
      const token = request.cookies[SESSION_COOKIE];
      const principal = token ? await opts.auth.fromSessionToken(token) : null;
      if (!principal) throw new HttpError(401, 'Sign in or send an API key.');
      // Cookies ride along on cross-site requests; a write must also prove it read the CSRF token.
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameSecret(sent, principal.csrfToken ?? '')) {
          throw new HttpError(403, 'This request lacks a valid X-CSRF-Token header; reload the page.');
        }
      }
      request.principal = principal;
    });
  },
  { name: 'authentication', dependencies: ['@fastify/cookie'] },
);
