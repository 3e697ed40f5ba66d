// Retention, deletion on request and legal holds over HTTP (PRODUCT.md, compliance).
import { z } from './zod';
import { text } from './fields';
import { idSchema } from './ids';

const reason = text().check(
  z.trim(),
  z.minLength(1, 'must say why'),
  z.maxLength(500, 'must be at most 500 characters'),
);

/** Exactly one of `activityId`, `objectId`, `agent` (a username): what the hold keeps. */
export const holdInputSchema = z.object({
  activityId: z.optional(idSchema),
  objectId: z.optional(idSchema),
  agent: z.optional(
    text().check(z.minLength(1, 'must not be empty'), z.maxLength(100, 'must be at most 100 characters')),
  ),
  reason,
});
export type HoldInput = z.infer<typeof holdInputSchema>;

export const holdSchema = z.object({
  id: z.string(),
  target: z.enum(['recording', 'conversation', 'agent']),
  targetId: z.string(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  releasedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type Hold = z.infer<typeof holdSchema>;

export const holdsQuerySchema = z.object({
  activityId: z.optional(idSchema),
  includeReleased: z.optional(z.enum(['true', 'false'])),
});

export const deleteRecordingQuerySchema = z.object({ reason });

/** Days to keep a team's recordings, or null to keep them forever. */
export const retentionInputSchema = z.object({
  days: z.nullable(
    z
      .int('must be a whole number of days, or null for forever')
      .check(
        z.gte(1, 'must be at least 1 day, or null for forever'),
        z.lte(36_500, 'must be at most 36500 days (100 years), or null for forever'),
      ),
  ),
});

export const teamRetentionSchema = z.object({ id: z.string(), name: z.string(), days: z.nullable(z.int()) });
export type TeamRetention = z.infer<typeof teamRetentionSchema>;

export const retentionRunSchema = z.object({
  deleted: z.array(
    z.object({ activityId: z.string(), objectId: z.string(), teamId: z.string(), createdTime: z.string() }),
  ),
  keptByHold: z.array(
    z.object({ activityId: z.string(), objectId: z.string(), holdId: z.string(), holdReason: z.string() }),
  ),
});
export type RetentionRunResult = z.infer<typeof retentionRunSchema>;
