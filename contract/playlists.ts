// Trainers' playlists over HTTP: clips cut from recordings, their order, assignments and measured progress.
import { z } from './zod';
import { dateTime, text } from './fields';
import { activityUserSchema } from './activities';
import { idSchema } from './ids';

/** Seconds in the recording; 24 h bounds a clip far beyond any call. */
const seconds = () =>
  z.number().check(z.gte(0, 'must be 0 or more'), z.lte(86_400, 'must be at most 86400 seconds'));

const title = () =>
  text().check(
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(200, 'must be at most 200 characters'),
  );
const description = () => text().check(z.maxLength(4000, 'must be at most 4000 characters'));
const note = () => text().check(z.maxLength(2000, 'must be at most 2000 characters'));

export const playlistInputSchema = z.object({
  title: title(),
  description: z._default(description(), ''),
});
export type PlaylistInput = z.input<typeof playlistInputSchema>;

export const playlistPatchSchema = z.object({
  title: z.optional(title()),
  description: z.optional(description()),
});

export const playlistItemInputSchema = z.object({
  activityId: idSchema,
  startSeconds: seconds(),
  endSeconds: seconds(),
  note: z._default(note(), ''),
});
export type PlaylistItemInput = z.input<typeof playlistItemInputSchema>;

export const playlistItemPatchSchema = z.object({
  startSeconds: z.optional(seconds()),
  endSeconds: z.optional(seconds()),
  note: z.optional(note()),
});
export type PlaylistItemPatch = z.input<typeof playlistItemPatchSchema>;

export const playlistOrderSchema = z.object({
  /** Every item of the playlist, exactly once, in the new order; any other set answers 409. */
  itemIds: z.array(idSchema).check(z.maxLength(1000, 'at most 1000 items')),
});

export const playlistAssignmentInputSchema = z.object({
  usernames: z._default(
    z
      .array(
        text().check(z.minLength(1, 'must not be empty'), z.maxLength(100, 'must be at most 100 characters')),
      )
      .check(z.maxLength(500, 'at most 500 usernames')),
    [],
  ),
  /** Team ids: every agent of each team is assigned. */
  teams: z._default(z.array(idSchema).check(z.maxLength(50, 'at most 50 teams')), []),
  dueAt: z.optional(z.nullable(dateTime())),
});
export type PlaylistAssignmentInput = z.input<typeof playlistAssignmentInputSchema>;

/** Ranges played, `[from, to]` in seconds of the recording. */
const playedRangesSchema = z.array(z.tuple([seconds(), seconds()]));

export const playlistProgressInputSchema = z.object({
  playedRanges: playedRangesSchema.check(z.maxLength(1000, 'at most 1000 ranges')),
});

export const itemProgressSchema = z.object({
  itemId: z.string(),
  /** Merged, within the clip, sorted. */
  playedRanges: z.array(z.tuple([z.number(), z.number()])),
  watchedSeconds: z.number(),
  /** At least 90 % of the clip's range has been played. */
  watched: z.boolean(),
});
export type ItemProgress = z.infer<typeof itemProgressSchema>;

export const playlistItemSchema = z.object({
  id: z.string(),
  /** Null once the recording is gone (deleted). */
  activityId: z.nullable(z.string()),
  startSeconds: z.number(),
  endSeconds: z.number(),
  note: z.string(),
  /** False when the recording was deleted: the clip shows as no longer available. */
  available: z.boolean(),
  /** Signed for this recording only; null when not available. */
  recordingUrl: z.nullable(z.string()),
  /** The recording's container (`webm`, `mp4`), for the player's MIME type. */
  container: z.nullable(z.string()),
  /** The call's agent and time, to tell clips apart. */
  agent: z.nullable(activityUserSchema),
  recordedAt: z.nullable(z.iso.datetime({ offset: true })),
  /** The caller's own progress on this clip. */
  progress: itemProgressSchema,
});
export type PlaylistItem = z.infer<typeof playlistItemSchema>;

export const playlistSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  owner: activityUserSchema,
  itemCount: z.int(),
  totalSeconds: z.number(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type PlaylistSummary = z.infer<typeof playlistSummarySchema>;

export const playlistSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  owner: activityUserSchema,
  items: z.array(playlistItemSchema),
  /** The running time of the available clips. */
  totalSeconds: z.number(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Playlist = z.infer<typeof playlistSchema>;

/** One assignee's completion: the trainer's per-agent, per-clip table. */
export const playlistAssignmentSchema = z.object({
  user: z.extend(activityUserSchema, { username: z.string() }),
  assignedAt: z.iso.datetime({ offset: true }),
  dueAt: z.nullable(z.iso.datetime({ offset: true })),
  completedAt: z.nullable(z.iso.datetime({ offset: true })),
  /** Ids of the clips this assignee has watched. */
  watchedItemIds: z.array(z.string()),
});
export type PlaylistAssignment = z.infer<typeof playlistAssignmentSchema>;

/** `GET /api/me/training`: one per playlist assigned to the caller. */
export const trainingAssignmentSchema = z.object({
  playlistId: z.string(),
  title: z.string(),
  dueAt: z.nullable(z.iso.datetime({ offset: true })),
  watchedItems: z.int(),
  totalItems: z.int(),
  completedAt: z.nullable(z.iso.datetime({ offset: true })),
});
export type TrainingAssignment = z.infer<typeof trainingAssignmentSchema>;

/** A clip counts as watched once this share of its range has been played. */
export const WATCHED_SHARE = 0.9;

type Range = readonly [number, number];

/** Ranges sorted and merged, cut to `[start, end]`; empty ranges dropped. */
export function mergeRanges(ranges: readonly Range[], start: number, end: number): [number, number][] {
  const cut = ranges
    .map(([from, to]) => [Math.max(from, start), Math.min(to, end)] as [number, number])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of cut) {
    const last = merged.at(-1);
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

export const playedSeconds = (ranges: readonly Range[]) =>
  ranges.reduce((sum, [from, to]) => sum + (to - from), 0);

export const isWatched = (ranges: readonly Range[], start: number, end: number) =>
  end > start && playedSeconds(ranges) >= WATCHED_SHARE * (end - start);
