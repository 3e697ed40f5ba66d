// Who is calling, and how much they may call. Every /api request is identified first (`identify`, an
// onRequest hook of the /api scope): the session cookie or API key is resolved, and the request is
// counted against that credential's quota — or against the address when there is none or it is wrong,
// so unauthenticated and failed requests are counted too. Routes that need a caller then assert one
// with `authenticate`.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { HttpError } from '../../lib/http';
import type { RateLimiter } from '../../lib/rate-limiter';
import { OPERATOR } from './operator';
import type { AuthService, Principal } from './service';
import { hashToken } from './tokens';

export const SESSION_COOKIE = 'tapeline_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const ANONYMOUS = 'Sign in or send an API key.';
/** `Bearer <token>`: one scheme, any case, one run of spaces or tabs (RFC 9110 §11.4). */
const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

declare module 'fastify' {
  interface FastifyInstance {
    identify: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Why the credential sent was refused, when one was sent and refused. */
    credentialRefusal: string | null;
  }
}

/** The caller of an authenticated route; routes call this after `preHandler: app.authenticate`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new HttpError(401, ANONYMOUS);
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

/** Counts a hit against `key`; throws 429 with Retry-After when the window's quota is spent. */
export async function spend(limiter: RateLimiter, key: string, max: number, windowSeconds = 60) {
  const hit = await limiter.hit(key, { max, windowSeconds });
  if (!hit.allowed) {
    throw new HttpError(429, `Too many requests; retry in ${hit.retryAfterSeconds} s.`, {
      'retry-after': String(hit.retryAfterSeconds),
    });
  }
}

interface AuthenticationOptions {
  auth: AuthService;
  limiter: RateLimiter;
  requestsPerMinute: number;
  /** This server's operator token, for the CLI on this machine (DATA_DIR/run/server.json). */
  operatorToken?: string;
}

export default fp(
  async function authentication(app: FastifyInstance, opts: AuthenticationOptions) {
    const operatorHash = opts.operatorToken ? hashToken(opts.operatorToken) : null;
    app.decorateRequest('principal', null);
    app.decorateRequest('credentialRefusal', null);

    async function resolve(request: FastifyRequest): Promise<Principal | string | null> {
      const header = request.headers.authorization;
      if (header !== undefined) {
        const match = BEARER.exec(header);
        if (match && operatorHash && sameSecret(hashToken(match[1]!), operatorHash)) {
          return { user: OPERATOR, via: 'api_key', credential: 'operator', csrfToken: null, apiKeyId: null };
        }
        const principal = match ? await opts.auth.fromApiKey(match[1]!) : null;
        return principal ?? 'The API key is missing, malformed, revoked or unknown.';
      }
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return null;
      return (await opts.auth.fromSessionToken(token)) ?? 'Your session has ended; sign in again.';
    }

    app.decorate('identify', async (request: FastifyRequest) => {
      const resolved = await resolve(request);
      if (typeof resolved === 'string') request.credentialRefusal = resolved;
      else request.principal = resolved;
      const key = request.principal ? request.principal.credential : `address:${request.ip}`;
      await spend(opts.limiter, `api:${key}`, opts.requestsPerMinute);
    });

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const principal = request.principal;
      if (!principal) throw new HttpError(401, request.credentialRefusal ?? ANONYMOUS);
      // Cookies ride along on cross-site requests; a write must also prove it read the CSRF token.
      if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !sameSecret(sent, principal.csrfToken ?? '')) {
          throw new HttpError(403, 'This request lacks a valid X-CSRF-Token header; reload the page.');
        }
      }
    });
  },
  { name: 'authentication', dependencies: ['@fastify/cookie'] },
);
