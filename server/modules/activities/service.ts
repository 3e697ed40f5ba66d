// The Activities API's rules: visibility, paging, and the CommBox shape of a recording activity.
import type { CurrentUser } from '../../../contract/auth';
import {
  RECORDING_ACTIVITY_TYPE,
  type Activity,
  type ConversationObject,
} from '../../../contract/activities';
import { HttpError, notFound } from '../../lib/http';
import type { CursorCodec } from '../../lib/signed-cursor';
import type { AccessControl } from '../access/service';
import { contentTypeForKey, type MediaStorage } from '../media/storage';
import type { ActivitiesRepo, ActivityRow } from './repo';

export interface ActivitiesQuery {
  activityType?: number;
  limit?: number;
  cursor?: string;
}

interface CursorPayload {
  o: string;
  k: number | null;
  t: string;
  i: string;
}

function isCursorPayload(value: unknown): value is CursorPayload {
  const v = value as CursorPayload | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.o === 'string' &&
    (v.k === null || typeof v.k === 'number') &&
    typeof v.t === 'string' &&
    typeof v.i === 'string' &&
    /^[0-9]{1,18}$/.test(v.i)
  );
}

/** What the completed recording's metadata says it holds (audio alone, or video); video when unsaid. */
function recordingTypeOf(data: unknown): 'video' | 'audio' {
  const said =
    typeof data === 'object' && data !== null ? (data as { recordingType?: unknown }).recordingType : null;
  return said === 'audio' ? 'audio' : 'video';
}

/** The CommBox shape of an activity row; recording activities get a playable URL from `storage`. */
export async function activityFromRow(row: ActivityRow, storage: MediaStorage): Promise<Activity> {
  const user = row.user_id
    ? { id: row.user_id, first_name: row.first_name ?? '', last_name: row.last_name ?? '' }
    : null;
  const common = {
    id: row.id,
    objectId: row.object_id,
    createdTime: row.created_time.toISOString(),
    user,
    identity: { identityId: row.user_id, thumbnailUrl: null },
    data: JSON.stringify(row.data),
  };
  if (row.activity_type === RECORDING_ACTIVITY_TYPE && row.storage_key !== null) {
    return {
      ...common,
      type: RECORDING_ACTIVITY_TYPE,
      activityType: RECORDING_ACTIVITY_TYPE,
      recordingType: recordingTypeOf(row.data),
      recordingUrl: await storage.url(row.storage_key),
      duration: Math.round(row.duration_seconds ?? 0),
      timestamp: (row.started_at ?? row.created_time).toISOString(),
      fileSize: Number(row.file_size ?? 0),
    };
  }
  return { ...common, type: row.activity_type, activityType: row.activity_type };
}

export function activitiesService(deps: {
  repo: ActivitiesRepo;
  access: AccessControl;
  storage: MediaStorage;
  cursors: CursorCodec;
}) {
  const { repo, access, storage, cursors } = deps;

  const toActivity = (row: ActivityRow) => activityFromRow(row, storage);

  return {
    async listObjects(user: CurrentUser): Promise<ConversationObject[]> {
      const rows = await repo.listObjects(user);
      return rows.map((row) => ({
        objectId: row.object_id,
        title: row.title,
        team: { id: row.team_id, name: row.team_name },
        agent: { id: row.agent_id, first_name: row.agent_first_name, last_name: row.agent_last_name },
        lastActivityTime: row.last_activity_time?.toISOString() ?? null,
        recordingCount: row.recording_count,
      }));
    },

    async listActivities(user: CurrentUser, objectId: string, query: ActivitiesQuery) {
      const activityType = query.activityType ?? null;
      let after: { time: string; id: string } | undefined;
      if (query.cursor !== undefined) {
        const payload = cursors.decode(query.cursor);
        if (!isCursorPayload(payload) || payload.o !== objectId || payload.k !== activityType) {
          throw new HttpError(400, 'cursor is not one this server issued for this object and activityType.');
        }
        after = { time: payload.t, id: payload.i };
      }
      // Unknown and invisible objects answer alike, so existence is not leaked.
      await access.require(user, 'object.read', objectId);

      const rows = await repo.listActivities(user, {
        objectId,
        activityType: query.activityType,
        limit: query.limit,
        after,
      });
      const pageRows = query.limit !== undefined ? rows.slice(0, query.limit) : rows;
      const last = pageRows.at(-1);
      const hasMore = query.limit !== undefined && rows.length > query.limit;
      const nextCursor =
        hasMore && last
          ? cursors.encode({ o: objectId, k: activityType, t: last.created_time_key, i: last.id })
          : null;
      return { activities: await Promise.all(pageRows.map(toActivity)), nextCursor };
    },

    /** The recording's file, for an explicit download (the review page's "Download"). */
    async download(user: CurrentUser, activityId: string) {
      await access.require(user, 'recording.read', activityId);
      const media = await repo.mediaOf(activityId);
      if (!media) throw notFound(`The media of recording activity ${activityId}`);
      const extension = /\.([a-z0-9]+)$/i.exec(media.storage_key)?.[1] ?? 'webm';
      return {
        body: await storage.read(media.storage_key),
        contentType: contentTypeForKey(media.storage_key),
        fileName: `recording-${activityId}.${extension}`,
      };
    },
  };
}
export type ActivitiesService = ReturnType<typeof activitiesService>;
