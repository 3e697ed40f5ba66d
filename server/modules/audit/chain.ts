// The audit trail's hash chain: each entry's hash covers the previous entry's hash and every field of its
// own, in one canonical text, so editing, removing or reordering any entry breaks a link `verify` finds.
import { createHash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: string;
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  apiKeyId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  dedupeKey: string | null;
}

/** JSON with object keys sorted at every depth: jsonb reorders keys, the hash must not care. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function entryHash(prevHash: string, entry: ChainedFields): string {
  const fields = [
    entry.id,
    entry.at.toISOString(),
    entry.actorId,
    entry.actorUsername,
    entry.apiKeyId,
    entry.action,
    entry.resourceType,
    entry.resourceId,
    entry.outcome,
    entry.ip,
    entry.userAgent,
    canonicalJson(entry.details),
    entry.dedupeKey,
  ];
  return createHash('sha256').update(prevHash).update(canonicalJson(fields)).digest('hex');
}
