// One `media.played` audit entry per player session, however many range requests it makes. The media
// route hands over every GET; this keeps the sessions it has seen (bounded) and, the first time, leaves
// an entry whose viewer (the session cookie a same-origin player sends) and recording are looked up at
// flush time, off the request's path. The dedupe key (playDedupeKey, the same the player's own report
// carries: POST /api/activities/{id}/plays) makes it once across instances, and whichever comes first.
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../db/database';
import { playDedupeKey, type AuditTrail } from '../audit/trail';
import type { AuthService } from '../auth/service';
import { SESSION_COOKIE } from '../auth/plugin';
import { mediaRepo } from './repo';

const REMEMBERED_SESSIONS = 10_000;

export function playRecorder(deps: {
  db: Queryable;
  trail: AuditTrail;
  auth: Pick<AuthService, 'fromSessionToken'>;
}) {
  const repo = mediaRepo(deps.db);
  const seen = new Set<string>();

  return (request: FastifyRequest, key: string, playSession: string) => {
    // The key and the session decide the recording the entry names: each pair is queued once.
    const seenKey = `${key}\n${playSession}`;
    if (seen.has(seenKey)) return;
    seen.add(seenKey);
    // A Set iterates in insertion order: drop the oldest.
    if (seen.size > REMEMBERED_SESSIONS) seen.delete(seen.values().next().value!);
    const sessionToken = request.cookies?.[SESSION_COOKIE];
    const ip = request.ip;
    const userAgent = request.headers['user-agent'] ?? null;
    deps.trail.recordLater(async () => {
      const viewer = sessionToken ? await deps.auth.fromSessionToken(sessionToken) : null;
      // The SPA's session ids start with the activity id (`<id>-<random>`); the key must still match.
      const activityId = await repo.activityOfStorageKey(key, /^(\d{1,18})-/.exec(playSession)?.[1] ?? null);
      const resource = activityId ? { type: 'recording', id: activityId } : { type: 'media', id: key };
      return {
        action: 'media.played',
        actor: viewer ? { id: viewer.user.id, username: viewer.user.username } : null,
        resource,
        ip,
        userAgent,
        details: viewer ? {} : { via: 'signed media URL without a session' },
        dedupeKey: playDedupeKey(resource, playSession),
      };
    });
  };
}
