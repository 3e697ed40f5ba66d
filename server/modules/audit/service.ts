// Reading the audit trail (admins): filtered pages by keyset, the CSV export page by page, and `verify`,
// which walks the chain and reports its first broken link.
import type { AuditEntry, AuditQuery } from '../../../contract/audit';
import { HttpError } from '../../lib/http';
import type { CursorCodec } from '../../lib/signed-cursor';
import type { Actor } from '../access/policy';
import type { AccessControl } from '../access/service';
import { entryHash, GENESIS_HASH } from './chain';
import type { AuditFilter, AuditRepo, AuditRow } from './repo';
import { reportedPlay, type AuditContext, type AuditTrail } from './trail';

const DEFAULT_LIMIT = 100;
const EXPORT_PAGE = 1000;

export interface BrokenLink {
  id: string;
  reason: string;
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor:
      row.actorId === null && row.actorUsername === null
        ? null
        : { id: row.actorId, username: row.actorUsername, apiKeyId: row.apiKeyId },
    action: row.action,
    resource: row.resourceType === null ? null : { type: row.resourceType, id: row.resourceId ?? '' },
    outcome: row.outcome as AuditEntry['outcome'],
    ip: row.ip,
    userAgent: row.userAgent,
    details: row.details,
  };
}

const CSV_COLUMNS = [
  'id',
  'at',
  'actor',
  'apiKeyId',
  'action',
  'resourceType',
  'resourceId',
  'outcome',
  'ip',
  'userAgent',
  'details',
];

/** One CSV field: quoted, and never read as a formula by a spreadsheet. */
function csvField(value: string | null): string {
  const text = value ?? '';
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

function csvLine(row: AuditRow): string {
  return `${[
    row.id,
    row.at.toISOString(),
    row.actorUsername,
    row.apiKeyId,
    row.action,
    row.resourceType,
    row.resourceId,
    row.outcome,
    row.ip,
    row.userAgent,
    JSON.stringify(row.details),
  ]
    .map(csvField)
    .join(',')}\r\n`;
}

export function auditService(deps: {
  repo: AuditRepo;
  trail: AuditTrail;
  access: AccessControl;
  cursors: CursorCodec;
}) {
  const { repo, trail, access, cursors } = deps;

  function filterOf(query: AuditQuery): AuditFilter {
    const from = query.from === undefined ? undefined : new Date(query.from);
    const to = query.to === undefined ? undefined : new Date(query.to);
    if (from && to && from >= to) throw new HttpError(400, 'from must be before to.');
    let beforeId: string | undefined;
    if (query.cursor !== undefined) {
      const payload = cursors.decode(query.cursor) as { audit?: unknown } | null;
      if (typeof payload?.audit !== 'string')
        throw new HttpError(400, 'cursor is not one this server issued for the audit trail.');
      beforeId = payload.audit;
    }
    return { actor: query.actor, action: query.action, resourceId: query.resourceId, from, to, beforeId };
  }

  return {
    /** A page of entries matching `query`, newest first; entries this instance holds are written first. */
    async list(actor: Actor, query: AuditQuery) {
      access.requirePermission(actor, 'audit.read');
      const filter = filterOf(query);
      await trail.flush();
      const limit = query.limit ?? DEFAULT_LIMIT;
      const rows = await repo.page(filter, limit + 1);
      const page = rows.slice(0, limit);
      const nextCursor = rows.length > limit ? cursors.encode({ audit: page.at(-1)!.id }) : null;
      return { entries: page.map(toAuditEntry), nextCursor };
    },

    /** The CSV export of every entry matching `query` (cursor and limit aside), streamed page by page. */
    async exportCsv(actor: Actor, query: AuditQuery): Promise<AsyncGenerator<string>> {
      access.requirePermission(actor, 'audit.read');
      const filter = filterOf({ ...query, cursor: undefined });
      await trail.flush();
      return (async function* lines() {
        yield `${CSV_COLUMNS.join(',')}\r\n`;
        let beforeId: string | undefined;
        for (;;) {
          const rows = await repo.page({ ...filter, beforeId }, EXPORT_PAGE);
          if (rows.length > 0) yield rows.map(csvLine).join('');
          if (rows.length < EXPORT_PAGE) return;
          beforeId = rows.at(-1)!.id;
        }
      })();
    },

    /** Walks the whole chain; the first entry whose link or hash does not hold, or null. */
    async verify(): Promise<{ checked: number; firstBroken: BrokenLink | null }> {
      await trail.flush();
      let prevHash = GENESIS_HASH;
      let position = 0n;
      let checked = 0;
      for (;;) {
        const rows = await repo.chainAfter(position.toString(), EXPORT_PAGE);
        for (const row of rows) {
          const expectedId = (position + 1n).toString();
          if (row.id !== expectedId) {
            return {
              checked,
              firstBroken: {
                id: expectedId,
                reason: `entry ${expectedId} is missing (the next is ${row.id})`,
              },
            };
          }
          if (row.prevHash !== prevHash) {
            return {
              checked,
              firstBroken: {
                id: row.id,
                reason: `entry ${row.id} does not link to the hash of entry ${position}`,
              },
            };
          }
          if (entryHash(prevHash, row) !== row.hash) {
            return {
              checked,
              firstBroken: {
                id: row.id,
                reason: `entry ${row.id} was changed after it was written (its hash does not match)`,
              },
            };
          }
          prevHash = row.hash;
          position += 1n;
          checked += 1;
        }
        if (rows.length < EXPORT_PAGE) return { checked, firstBroken: null };
      }
    },

    /** A recording page was opened: checks the caller may see it (the route's declaration records it). */
    async viewRecording(actor: Actor, activityId: string) {
      await access.require(actor, 'recording.read', activityId);
    },

    /**
     * A player session started playing the recording (404 unless the caller may see it): one entry per
     * recording and session, the one the media route leaves for the same session included.
     */
    async playRecording(actor: Actor, context: AuditContext, activityId: string, playSession: string) {
      const recording = await access.require(actor, 'recording.read', activityId);
      trail.record(reportedPlay(context, recording.activityId, playSession));
    },
  };
}
export type AuditService = ReturnType<typeof auditService>;
