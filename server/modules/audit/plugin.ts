// Auditing by declaration: a route says `config: { audit: { action, resource } }` and one onResponse hook
// records the entry with the caller, address, user agent and outcome — no audit calls in services.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditAction } from '../../../contract/audit';
import type { AuditActor, AuditContext, AuditOutcome, AuditTrail } from './trail';

export interface AuditDeclaration {
  /**
   * The action, or the action for the answer's status and the request (sign-in: succeeded or failed; a
   * user's change: deactivated or updated).
   */
  action: AuditAction | ((statusCode: number, request: FastifyRequest) => AuditAction);
  /** The resource acted on: a path parameter's value, or (for creations) the `data.id` of the answer. */
  resource?: { type: string; param?: string; fromResponse?: boolean };
  /** What else the entry keeps (a search's filters, a deletion's reason). */
  details?: (request: FastifyRequest) => Record<string, unknown>;
  /** Who the request names when it carries no credentials (sign-in). */
  anonymousActor?: (request: FastifyRequest) => string | null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    audit?: AuditDeclaration;
  }
  interface FastifyRequest {
    auditedResourceId: string | null;
  }
}

export function outcomeOf(statusCode: number): AuditOutcome {
  if (statusCode < 400) return 'success';
  return statusCode === 401 || statusCode === 403 || statusCode === 404 ? 'denied' : 'failure';
}

/** The caller as an audit actor: the signed-in user, or an API key's user and the key. */
export function actorOf(request: FastifyRequest): AuditActor | null {
  const principal = request.principal;
  if (!principal) return null;
  return { id: principal.user.id, username: principal.user.username, apiKeyId: principal.apiKeyId };
}

/** The caller, address and user agent, for a service that records its own entries (deletions). */
export function auditContextOf(request: FastifyRequest): AuditContext {
  return { actor: actorOf(request), ip: request.ip, userAgent: request.headers['user-agent'] ?? null };
}

/**
 * The named fields the request's body holds, for an entry's details (what a change asked for). The body
 * may be what the client sent when validation refused it, so anything but an object gives nothing.
 */
export function bodyFields(request: FastifyRequest, names: readonly string[]): Record<string, unknown> {
  const body = request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return {};
  return Object.fromEntries(
    names
      .filter((name) => Object.hasOwn(body, name))
      .map((name) => [name, (body as Record<string, unknown>)[name]]),
  );
}

function idInAnswer(payload: unknown): string | null {
  if (typeof payload !== 'string') return null;
  try {
    const id = (JSON.parse(payload) as { data?: { id?: unknown } }).data?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  } catch {
    return null;
  }
}

function record(trail: AuditTrail, request: FastifyRequest, reply: FastifyReply, declared: AuditDeclaration) {
  let actor = actorOf(request);
  if (!actor) {
    const named = declared.anonymousActor?.(request) ?? null;
    // A request nobody could be named for (no credentials, not a sign-in) is not an action of anyone.
    if (named === null) return;
    actor = { id: null, username: named };
  }
  const statusCode = reply.statusCode;
  const action =
    typeof declared.action === 'function' ? declared.action(statusCode, request) : declared.action;
  const spec = declared.resource;
  const params = request.params as Record<string, string | undefined> | undefined;
  const resourceId = spec?.fromResponse
    ? request.auditedResourceId
    : spec?.param
      ? params?.[spec.param]
      : null;
  trail.record({
    action,
    actor,
    resource: spec && resourceId ? { type: spec.type, id: resourceId } : null,
    outcome: outcomeOf(statusCode),
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    details: declared.details?.(request) ?? {},
  });
}

export default fp(
  async function auditing(app: FastifyInstance, opts: { trail: AuditTrail }) {
    app.decorateRequest('auditedResourceId', null);
    app.addHook('onSend', async (request, _reply, payload) => {
      if (request.routeOptions.config.audit?.resource?.fromResponse) {
        request.auditedResourceId = idInAnswer(payload);
      }
      return payload;
    });
    app.addHook('onResponse', async (request, reply) => {
      const declared = request.routeOptions.config.audit;
      if (declared) record(opts.trail, request, reply, declared);
    });
  },
  { name: 'auditing' },
);
