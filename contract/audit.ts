// The audit trail over HTTP: entries, their filters, and the action names (PRODUCT.md, compliance).
import { z } from './zod';
import { integerParam } from './activities';
import { dateTime, text } from './fields';

export const AUDIT_ACTIONS = [
  'auth.login_succeeded',
  'auth.login_failed',
  'apikey.created',
  'apikey.revoked',
  'recording.viewed',
  'media.played',
  'media.downloaded',
  'recording.deleted',
  'hold.set',
  'hold.released',
  'retention.changed',
  'user.created',
  'user.updated',
  'user.deactivated',
  'team.created',
  'search.run',
  'evaluation.created',
  'evaluation.updated',
  'evaluation.submitted',
  'evaluation.acknowledged',
  'dispute.raised',
  'dispute.resolved',
  'annotation.created',
  'annotation.updated',
  'annotation.deleted',
  'playlist.created',
  'playlist.updated',
  'playlist.deleted',
  'playlist.item_added',
  'playlist.item_updated',
  'playlist.item_removed',
  'playlist.reordered',
  'playlist.assigned',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditOutcomeSchema = z.enum(['success', 'denied', 'failure']);

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  actor: z.nullable(
    z.object({
      id: z.nullable(z.string()),
      username: z.nullable(z.string()),
      apiKeyId: z.nullable(z.string()),
    }),
  ),
  action: z.string(),
  resource: z.nullable(z.object({ type: z.string(), id: z.string() })),
  outcome: auditOutcomeSchema,
  ip: z.nullable(z.string()),
  userAgent: z.nullable(z.string()),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const shortText = (max: number) =>
  text().check(z.minLength(1, 'must not be empty'), z.maxLength(max, `must be at most ${max} characters`));

/** An action name, or a family of them (`evaluation.*`). */
const actionFilter = shortText(64).check(
  z.regex(
    /^[a-z_]+(\.[a-z_]+|\.\*)$/,
    'must be an action such as media.played, or a family such as evaluation.*',
  ),
);

export const auditQuerySchema = z.object({
  actor: z.optional(shortText(100)),
  action: z.optional(actionFilter),
  resourceId: z.optional(shortText(100)),
  from: z.optional(dateTime()),
  to: z.optional(dateTime()),
  limit: z.optional(integerParam('limit', 1, 500)),
  cursor: z.optional(shortText(200)),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** A player session id: what the review player adds to media URLs (`play=`) and reports when it plays. */
export const PLAY_SESSION_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * `POST /api/activities/{id}/plays` (the review page) and `POST /api/playlists/{id}/items/{itemId}/plays`
 * (the playlist play page): a player session started playing the recording.
 */
export const playReportSchema = z.object({
  playSession: text().check(
    z.regex(PLAY_SESSION_PATTERN, 'must be 8 to 64 letters, digits, "-" or "_" (the player session id)'),
  ),
});
export type PlayReport = z.infer<typeof playReportSchema>;
