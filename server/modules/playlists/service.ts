// Playlists' rules: clips must lie within their recording, the order is changed only from the current
// set of clips (else 409), assignees see exactly the clips, progress is merged from played ranges, and
// a clip's play reaches the audit trail for whoever the playlist lets watch it.
import type { CurrentUser } from '../../../contract/auth';
import {
  isWatched,
  mergeRanges,
  playedSeconds,
  type ItemProgress,
  type Playlist,
  type PlaylistAssignment,
  type PlaylistItem,
  type PlaylistSummary,
  type TrainingAssignment,
} from '../../../contract/playlists';
import type { Database } from '../../db/database';
import { HttpError, notFound } from '../../lib/http';
import { userRef } from '../../lib/user-ref';
import type { RecordingRef } from '../access/repo';
import type { AccessControl } from '../access/service';
import { reportedPlay, type AuditContext, type AuditTrail } from '../audit/trail';
import type { MediaStorage } from '../media/storage';
import { playlistsRepo, type ClipContent, type PlaylistItemRow, type PlaylistRow } from './repo';

/** The measured duration, or the whole seconds the Activities API reports when that rounds up. */
const durationOf = (recording: RecordingRef) =>
  Math.max(recording.durationSeconds, Math.round(recording.durationSeconds));

function checkClip(recording: RecordingRef, clip: ClipContent) {
  const duration = durationOf(recording);
  if (clip.startSeconds > duration) {
    throw new HttpError(400, `startSeconds: must be within the recording (0–${duration} s).`);
  }
  if (clip.endSeconds <= clip.startSeconds)
    throw new HttpError(400, 'endSeconds: must be after startSeconds.');
  if (clip.endSeconds > duration) {
    throw new HttpError(400, `endSeconds: must be within the recording (0–${duration} s).`);
  }
}

function progressOf(itemId: string, ranges: [number, number][], start: number, end: number): ItemProgress {
  const merged = mergeRanges(ranges, start, end);
  return {
    itemId,
    playedRanges: merged,
    watchedSeconds: playedSeconds(merged),
    watched: isWatched(merged, start, end),
  };
}

function toSummary(row: PlaylistRow): PlaylistSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    owner: userRef(row, 'owner'),
    itemCount: row.item_count,
    totalSeconds: row.total_seconds,
    updatedAt: row.updated_at.toISOString(),
  };
}

export function playlistsService(deps: {
  db: Database;
  access: AccessControl;
  storage: MediaStorage;
  trail: AuditTrail;
}) {
  const { db, access, storage, trail } = deps;
  const repo = playlistsRepo(db);

  async function toItem(row: PlaylistItemRow): Promise<PlaylistItem> {
    const available = row.activity_id !== null && row.storage_key !== null;
    return {
      id: row.id,
      activityId: row.activity_id,
      startSeconds: row.start_seconds,
      endSeconds: row.end_seconds,
      note: row.note,
      available,
      // Signed for this recording's file only: the clip grants nothing else.
      recordingUrl: available ? await storage.url(row.storage_key!) : null,
      container: available ? row.container : null,
      agent: available && row.agent_id ? userRef(row, 'agent') : null,
      recordedAt: available && row.recorded_at ? row.recorded_at.toISOString() : null,
      progress: progressOf(row.id, row.played_ranges ?? [], row.start_seconds, row.end_seconds),
    };
  }

  async function detail(user: CurrentUser, id: string): Promise<Playlist> {
    const row = (await repo.find(id))!;
    const items = await Promise.all((await repo.items(id, user.id)).map(toItem));
    return {
      ...toSummary(row),
      items,
      totalSeconds: items
        .filter((item) => item.available)
        .reduce((sum, item) => sum + (item.endSeconds - item.startSeconds), 0),
    };
  }

  async function itemOf(playlistId: string, itemId: string) {
    const item = await repo.item(playlistId, itemId);
    if (!item) throw notFound(`Item ${itemId} of playlist ${playlistId}`);
    return item;
  }

  /** The clip and its recording; 409 once the recording was deleted (nothing of it plays any more). */
  async function playableItemOf(playlistId: string, itemId: string) {
    const { activity_id: activityId, ...item } = await itemOf(playlistId, itemId);
    if (activityId === null) throw new HttpError(409, 'This clip’s recording is no longer available.');
    return { ...item, activityId };
  }

  return {
    async list(user: CurrentUser): Promise<PlaylistSummary[]> {
      return (await repo.list(user)).map(toSummary);
    },

    async get(user: CurrentUser, id: string) {
      await access.require(user, 'playlist.read', id);
      return detail(user, id);
    },

    async create(user: CurrentUser, input: { title: string; description: string }) {
      access.requirePermission(user, 'playlists.manage');
      return detail(user, await repo.insert(user.id, input.title, input.description));
    },

    async update(user: CurrentUser, id: string, patch: { title?: string; description?: string }) {
      await access.require(user, 'playlist.edit', id);
      await repo.update(id, patch);
      return detail(user, id);
    },

    async remove(user: CurrentUser, id: string) {
      await access.require(user, 'playlist.edit', id);
      await repo.remove(id);
    },

    async addItem(
      user: CurrentUser,
      id: string,
      input: { activityId: string; startSeconds: number; endSeconds: number; note: string },
    ) {
      await access.require(user, 'playlist.edit', id);
      const recording = await access.require(user, 'recording.read', input.activityId);
      checkClip(recording, input);
      const itemId = await db.transaction(async (tx) => {
        const txRepo = playlistsRepo(tx);
        await txRepo.lock(id);
        const created = await txRepo.insertItem(id, input.activityId, input);
        await txRepo.touch(id);
        return created;
      });
      const row = (await repo.items(id, user.id)).find((item) => item.id === itemId)!;
      return toItem(row);
    },

    async updateItem(user: CurrentUser, id: string, itemId: string, patch: Partial<ClipContent>) {
      await access.require(user, 'playlist.edit', id);
      const item = await itemOf(id, itemId);
      const clip: ClipContent = {
        startSeconds: patch.startSeconds ?? item.startSeconds,
        endSeconds: patch.endSeconds ?? item.endSeconds,
        note: patch.note ?? item.note,
      };
      if (item.activity_id === null) {
        if (patch.startSeconds !== undefined || patch.endSeconds !== undefined) {
          throw new HttpError(409, 'This clip’s recording was deleted; only its note can change.');
        }
      } else {
        checkClip(await access.require(user, 'recording.read', item.activity_id), clip);
      }
      await repo.updateItem(itemId, clip);
      await repo.touch(id);
      return toItem((await repo.items(id, user.id)).find((row) => row.id === itemId)!);
    },

    async removeItem(user: CurrentUser, id: string, itemId: string) {
      await access.require(user, 'playlist.edit', id);
      await itemOf(id, itemId);
      await repo.removeItem(itemId);
      await repo.touch(id);
    },

    /** The new order must name exactly the current clips: an order built on a stale copy answers 409. */
    async reorder(user: CurrentUser, id: string, itemIds: readonly string[]) {
      await access.require(user, 'playlist.edit', id);
      await db.transaction(async (tx) => {
        const txRepo = playlistsRepo(tx);
        await txRepo.lock(id);
        const current = await txRepo.itemIds(id);
        const given = new Set(itemIds);
        if (
          given.size !== itemIds.length ||
          given.size !== current.length ||
          current.some((i) => !given.has(i))
        ) {
          throw new HttpError(
            409,
            'The playlist’s clips changed meanwhile: reload it and order the clips it has now.',
          );
        }
        await txRepo.setOrder(id, itemIds);
        await txRepo.touch(id);
      });
      return detail(user, id);
    },

    async assign(
      user: CurrentUser,
      id: string,
      input: { usernames: string[]; teams: string[]; dueAt?: string | null },
    ): Promise<PlaylistAssignment[]> {
      await access.require(user, 'playlist.edit', id);
      if (input.usernames.length === 0 && input.teams.length === 0) {
        throw new HttpError(400, 'usernames: name at least one user or team to assign.');
      }
      const users = await repo.usersByName(input.usernames);
      const unknown = input.usernames.filter((name) => !users.some((u) => u.username === name));
      if (unknown.length > 0) throw new HttpError(400, `usernames: no such user: ${unknown.join(', ')}.`);
      const { teams, agents } = await repo.teamAgents(input.teams);
      const missingTeams = input.teams.filter((team) => !teams.includes(team));
      if (missingTeams.length > 0)
        throw new HttpError(400, `teams: no such team: ${missingTeams.join(', ')}.`);
      const userIds = [...new Set([...users.map((u) => u.id), ...agents])];
      await repo.assign(id, userIds, input.dueAt ?? null, user.id);
      return this.assignments(user, id);
    },

    /** The trainer's completion table: per assignee, the watched clips and when they finished. */
    async assignments(user: CurrentUser, id: string): Promise<PlaylistAssignment[]> {
      await access.require(user, 'playlist.edit', id);
      return (await repo.assignments(id)).map((row) => ({
        user: { ...userRef(row, 'user'), username: row.username },
        assignedAt: row.assigned_at.toISOString(),
        dueAt: row.due_at?.toISOString() ?? null,
        completedAt: row.completed_at?.toISOString() ?? null,
        watchedItemIds: row.watched_item_ids,
      }));
    },

    async training(user: CurrentUser): Promise<TrainingAssignment[]> {
      return (await repo.training(user.id)).map((row) => ({
        playlistId: row.playlist_id,
        title: row.title,
        dueAt: row.due_at?.toISOString() ?? null,
        watchedItems: row.watched_items,
        totalItems: row.total_items,
        completedAt: row.completed_at?.toISOString() ?? null,
      }));
    },

    /**
     * A player session started playing the clip's recording: its `media.played` entry, one per recording
     * and session with the media route's and the review page's (`playDedupeKey`). The check is the one
     * that handed out the clip's media URL (`playlist.read`), so an assignee who may not read the
     * recording itself is audited too; the details say the play came through this playlist.
     */
    async recordPlay(
      user: CurrentUser,
      context: AuditContext,
      id: string,
      itemId: string,
      playSession: string,
    ) {
      await access.require(user, 'playlist.read', id);
      const { activityId } = await playableItemOf(id, itemId);
      trail.record(reportedPlay(context, activityId, playSession, { playlistId: id, itemId }));
    },

    /** Merges the ranges just played into what was saved; two devices' reports add up, never overwrite. */
    async recordProgress(
      user: CurrentUser,
      id: string,
      itemId: string,
      playedRanges: [number, number][],
    ): Promise<ItemProgress> {
      await access.require(user, 'playlist.watch', id);
      const item = await playableItemOf(id, itemId);
      const bad = playedRanges.findIndex(([from, to]) => to < from);
      if (bad >= 0) throw new HttpError(400, `playedRanges.${bad}: the end must not be before the start.`);
      return db.transaction(async (tx) => {
        const txRepo = playlistsRepo(tx);
        await txRepo.lockAssignment(id, user.id);
        const saved = await txRepo.progress(itemId, user.id);
        const progress = progressOf(
          itemId,
          [...(saved?.played_ranges ?? []), ...playedRanges],
          item.startSeconds,
          item.endSeconds,
        );
        await txRepo.saveProgress(itemId, user.id, progress.playedRanges, progress.watched);
        if (progress.watched) await txRepo.completeIfDone(id, user.id);
        return progress;
      });
    },
  };
}
export type PlaylistsService = ReturnType<typeof playlistsService>;
