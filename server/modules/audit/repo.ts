// SQL for the audit trail: appending a batch to the chain under its lock, reading pages by keyset, and
// walking the chain for `verify`.
import type { Queryable } from '../../db/database';
import { entryHash, GENESIS_HASH, type ChainedFields } from './chain';

/** The advisory lock every writer of the chain takes (any instance, any process). */
const CHAIN_LOCK = 727273;

export type NewAuditEntry = Omit<ChainedFields, 'id'>;

export interface AuditRow extends ChainedFields {
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  /** An action, or a family of them: `evaluation.*`. */
  action?: string;
  resourceId?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this one (keyset: newest first). */
  beforeId?: string;
}

const COLUMNS = `id::text as id, at, actor_id::text as "actorId", actor_username as "actorUsername",
  api_key_id::text as "apiKeyId", action, resource_type as "resourceType", resource_id as "resourceId",
  outcome, ip, user_agent as "userAgent", details, dedupe_key as "dedupeKey", prev_hash as "prevHash", hash`;

export function auditRepo(db: Queryable) {
  return {
    /**
     * Appends `entries` in order, in one transaction holding the chain's lock: read the last link,
     * number and hash each entry after it. Entries whose dedupe key is already in the trail are dropped
     * (a play another instance has already recorded). Returns how many were written.
     */
    async append(tx: Queryable, entries: readonly NewAuditEntry[]): Promise<number> {
      await tx.query('select pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
      const keys = entries.map((entry) => entry.dedupeKey).filter((key): key is string => key !== null);
      const seen = new Set(
        keys.length === 0
          ? []
          : (
              await tx.query<{ key: string }>(
                'select dedupe_key as key from audit_log where dedupe_key = any($1::text[])',
                [keys],
              )
            ).rows.map((row) => row.key),
      );
      const last = (
        await tx.query<{ id: string; hash: string }>(
          'select id::text as id, hash from audit_log order by audit_log.id desc limit 1',
        )
      ).rows[0];
      let prevHash = last?.hash ?? GENESIS_HASH;
      let position = BigInt(last?.id ?? 0);
      const rows: unknown[][] = [];
      for (const entry of entries) {
        if (entry.dedupeKey !== null) {
          if (seen.has(entry.dedupeKey)) continue;
          seen.add(entry.dedupeKey);
        }
        position += 1n;
        const fields = { ...entry, id: position.toString() };
        const hash = entryHash(prevHash, fields);
        rows.push([
          fields.id,
          fields.at,
          fields.actorId,
          fields.actorUsername,
          fields.apiKeyId,
          fields.action,
          fields.resourceType,
          fields.resourceId,
          fields.outcome,
          fields.ip,
          fields.userAgent,
          JSON.stringify(fields.details),
          fields.dedupeKey,
          prevHash,
          hash,
        ]);
        prevHash = hash;
      }
      // One statement per batch: unnest keeps the parameter count at 15 whatever the batch size.
      if (rows.length > 0) {
        const column = (index: number) => rows.map((row) => row[index]);
        await tx.query(
          `insert into audit_log (id, at, actor_id, actor_username, api_key_id, action, resource_type,
             resource_id, outcome, ip, user_agent, details, dedupe_key, prev_hash, hash)
           select id, at, actor_id, actor_username, api_key_id, action, resource_type, resource_id, outcome,
             ip, user_agent, details::jsonb, dedupe_key, prev_hash, hash
           from unnest($1::bigint[], $2::timestamptz[], $3::bigint[], $4::text[], $5::bigint[], $6::text[],
             $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
             $14::text[], $15::text[])
             as t(id, at, actor_id, actor_username, api_key_id, action, resource_type, resource_id, outcome,
               ip, user_agent, details, dedupe_key, prev_hash, hash)`,
          Array.from({ length: 15 }, (_, index) => column(index)),
        );
      }
      return rows.length;
    },

    /** Up to `limit` entries matching `filter`, newest first. */
    async page(filter: AuditFilter, limit: number): Promise<AuditRow[]> {
      const conditions: string[] = [];
      const params: unknown[] = [];
      const where = (condition: (param: string) => string, value: unknown) => {
        params.push(value);
        conditions.push(condition(`$${params.length}`));
      };
      if (filter.actor !== undefined) where((p) => `actor_username = ${p}`, filter.actor);
      if (filter.action !== undefined) {
        if (filter.action.endsWith('.*')) {
          // A family: `evaluation.*` is every action from `evaluation.` up to (not including) `evaluation/`.
          const family = filter.action.slice(0, -1);
          where((p) => `action >= ${p}`, family);
          where((p) => `action < ${p}`, `${family.slice(0, -1)}/`);
        } else where((p) => `action = ${p}`, filter.action);
      }
      if (filter.resourceId !== undefined) where((p) => `resource_id = ${p}`, filter.resourceId);
      if (filter.from !== undefined) where((p) => `at >= ${p}`, filter.from);
      if (filter.to !== undefined) where((p) => `at < ${p}`, filter.to);
      if (filter.beforeId !== undefined) where((p) => `id < ${p}::bigint`, filter.beforeId);
      params.push(limit);
      const { rows } = await db.query<AuditRow>(
        `select ${COLUMNS} from audit_log
         ${conditions.length > 0 ? `where ${conditions.join(' and ')}` : ''}
         order by audit_log.id desc limit $${params.length}`,
        params,
      );
      return rows;
    },

    /** The chain in order, `limit` entries after position `afterId`. */
    async chainAfter(afterId: string, limit: number): Promise<AuditRow[]> {
      const { rows } = await db.query<AuditRow>(
        `select ${COLUMNS} from audit_log where id > $1::bigint order by audit_log.id limit $2`,
        [afterId, limit],
      );
      return rows;
    },
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;
