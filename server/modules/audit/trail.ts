// The audit trail's writer: callers record events without waiting for the database; entries are buffered
// and appended to the chain in batches (every second, at 200 entries, on close), so a hot path such as
// the media route pays for a push onto an array, not a transaction ([decision 013]).
import type { Database } from '../../db/database';
import type { BackgroundJob } from '../../lib/jobs';
import type { Log } from '../../lib/log';
import type { AuditAction } from '../../../contract/audit';
import { auditRepo, type NewAuditEntry } from './repo';

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface AuditActor {
  id: string | null;
  username: string | null;
  /** Set when the actor called with an API key (the actor is then the key's user). */
  apiKeyId?: string | null;
}

/** Who acts, and from where: what a route hands a service that records entries itself. */
export interface AuditContext {
  actor: AuditActor | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEvent {
  action: AuditAction;
  actor: AuditActor | null;
  resource?: { type: string; id: string } | null;
  outcome?: AuditOutcome;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
  /** At most one entry ever carries this key (a player session). */
  dedupeKey?: string | null;
}

/**
 * The dedupe key of a `media.played` entry, whoever told of the play (the media route, the player's own
 * report): one per recording (or media object no recording has) and player session. Led by the resource,
 * so a session id used again for another recording is another play.
 */
export function playDedupeKey(resource: { type: string; id: string }, playSession: string): string {
  return `play:${resource.type}:${resource.id}:${playSession}`;
}

/**
 * The `media.played` entry a player reports for its session's play of a recording (the review page's
 * report, a playlist's): one with the media route's for the same session, whichever comes first.
 */
export function reportedPlay(
  context: AuditContext,
  activityId: string,
  playSession: string,
  details?: Record<string, unknown>,
): AuditEvent {
  const resource = { type: 'recording', id: activityId };
  return {
    action: 'media.played',
    actor: context.actor,
    resource,
    ip: context.ip,
    userAgent: context.userAgent,
    details,
    dedupeKey: playDedupeKey(resource, playSession),
  };
}

/** An event whose actor or resource is looked up at flush time, off the request's path. */
type Resolver = () => Promise<AuditEvent | null>;

interface Buffered {
  at: Date;
  event: AuditEvent | Resolver;
}

export interface AuditTrailOptions {
  flushIntervalMs?: number;
  maxBatch?: number;
}

/**
 * PostgreSQL's text and jsonb hold neither NUL nor unpaired surrogates, and an entry records what a
 * hostile client sent (a user agent, search filters): such characters become U+FFFD, so one entry can
 * never keep a whole batch out of the trail.
 */
function storableText(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').toWellFormed();
}
function storable(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(storable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [storableText(key), storable(item)]),
    );
  }
  return value;
}
const storableOrNull = (text: string | null | undefined) => (text == null ? null : storableText(text));

function toEntry(at: Date, event: AuditEvent): NewAuditEntry {
  return {
    at,
    actorId: event.actor?.id ?? null,
    actorUsername: storableOrNull(event.actor?.username),
    apiKeyId: event.actor?.apiKeyId ?? null,
    action: event.action,
    resourceType: event.resource?.type ?? null,
    resourceId: storableOrNull(event.resource?.id),
    outcome: event.outcome ?? 'success',
    ip: storableOrNull(event.ip),
    userAgent: storableOrNull(event.userAgent?.slice(0, 512)),
    details: storable(event.details ?? {}) as NewAuditEntry['details'],
    dedupeKey: storableOrNull(event.dedupeKey),
  };
}

export function auditTrail(db: Database, log: Log, options: AuditTrailOptions = {}) {
  const { flushIntervalMs = 1000, maxBatch = 200 } = options;
  const repo = auditRepo(db);
  let buffer: Buffered[] = [];
  // One flush at a time in this process; across processes the chain's lock orders them.
  let flushing: Promise<void> = Promise.resolve();

  async function writeBatch(batch: Buffered[]) {
    const entries: NewAuditEntry[] = [];
    for (const { at, event } of batch) {
      try {
        const resolved = typeof event === 'function' ? await event() : event;
        if (resolved) entries.push(toEntry(at, resolved));
      } catch (error) {
        log.warn({ err: error }, 'an audit event could not be resolved');
      }
    }
    if (entries.length === 0) return;
    try {
      await db.transaction((tx) => repo.append(tx, entries));
    } catch (error) {
      // Kept for the next flush rather than lost; the chain is unchanged (the transaction rolled back).
      log.error({ err: error, entries: entries.length }, 'audit entries could not be written; retrying');
      buffer = [...entries.map((entry) => ({ at: entry.at, event: fromEntry(entry) })), ...buffer];
      throw error;
    }
  }

  function flush(): Promise<void> {
    flushing = flushing
      .catch(() => undefined)
      .then(async () => {
        while (buffer.length > 0) {
          const batch = buffer.slice(0, maxBatch);
          buffer = buffer.slice(batch.length);
          await writeBatch(batch);
        }
      });
    return flushing;
  }

  function push(item: Buffered) {
    buffer.push(item);
    if (buffer.length >= maxBatch) flush().catch(() => undefined);
  }

  let timer: NodeJS.Timeout | undefined;
  const job: BackgroundJob = {
    name: 'audit-flush',
    start() {
      timer ??= setInterval(() => flush().catch(() => undefined), flushIntervalMs).unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await flush().catch(() => undefined);
    },
  };

  return {
    /** Records `event` (written with the next batch). */
    record(event: AuditEvent) {
      push({ at: new Date(), event });
    },
    /** Records the event `resolve` finds at flush time (null: nothing to record). */
    recordLater(resolve: Resolver) {
      push({ at: new Date(), event: resolve });
    },
    /** Writes everything recorded so far; resolves once it is in the database. */
    flush,
    /** Records `event` and waits until it is written (deletions: the entry must not be lost). */
    async recordNow(event: AuditEvent) {
      push({ at: new Date(), event });
      await flush();
    },
    job,
  };
}
export type AuditTrail = ReturnType<typeof auditTrail>;

function fromEntry(entry: NewAuditEntry): AuditEvent {
  return {
    action: entry.action as AuditAction,
    actor: { id: entry.actorId, username: entry.actorUsername, apiKeyId: entry.apiKeyId },
    resource: entry.resourceType !== null ? { type: entry.resourceType, id: entry.resourceId ?? '' } : null,
    outcome: entry.outcome as AuditOutcome,
    ip: entry.ip,
    userAgent: entry.userAgent,
    details: entry.details,
    dedupeKey: entry.dedupeKey,
  };
}
