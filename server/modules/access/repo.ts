// SQL for the access model: each kind of resource looked up through the visibility rule, so a hidden
// resource and a missing one are the same null.
import type { CurrentUser } from '../../../contract/auth';
import { RECORDING_ACTIVITY_TYPE } from '../../../contract/activities';
import type { Queryable } from '../../db/database';
import {
  visibleActivities,
  visibleEvaluations,
  visibleObjects,
  visiblePlaylists,
  visibleUploads,
} from './visibility';

type Viewer = Pick<CurrentUser, 'id' | 'role'>;

export interface ObjectRef {
  objectId: string;
  teamId: string;
  agentId: string;
}

export interface RecordingRef {
  activityId: string;
  objectId: string;
  teamId: string;
  agentId: string;
  durationSeconds: number;
}

export interface EvaluationRef {
  id: string;
  activityId: string;
  agentId: string;
  evaluatorId: string;
}

export interface DisputeRef {
  id: string;
  evaluationId: string;
}

export interface AnnotationRef {
  id: string;
  activityId: string;
  authorId: string;
  recording: RecordingRef;
}

export interface UploadRef {
  id: string;
  objectId: string;
  agentId: string;
}

export interface PlaylistRef {
  id: string;
  ownerId: string;
  /** The actor is one of its assignees. */
  assigned: boolean;
}

export interface CallRef {
  id: string;
  objectId: string;
  hostId: string;
}

export interface ApiKeyRef {
  id: string;
  userId: string;
}

const RECORDING_COLUMNS = `a.id::text as "activityId", a.object_id::text as "objectId", o.team_id::text as "teamId",
  a.user_id::text as "agentId", coalesce(r.duration_seconds, 0) as "durationSeconds"`;

export function accessRepo(db: Queryable) {
  async function first<Row>(sql: string, params: unknown[]) {
    return (await db.query<Row>(sql, params)).rows[0] ?? null;
  }

  return {
    object: (user: Viewer, objectId: string) =>
      first<ObjectRef>(
        `select o.id::text as "objectId", o.team_id::text as "teamId", o.agent_id::text as "agentId"
         from objects o where o.id = $2 and ${visibleObjects(user, '$1')}`,
        [user.id, objectId],
      ),

    recording: (user: Viewer, activityId: string) =>
      first<RecordingRef>(
        `select ${RECORDING_COLUMNS}
         from activities a
         join objects o on o.id = a.object_id
         left join recordings r on r.id = a.recording_id
         where a.id = $2 and a.activity_type = ${RECORDING_ACTIVITY_TYPE} and ${visibleActivities(user, '$1')}`,
        [user.id, activityId],
      ),

    evaluation: (user: Viewer, id: string) =>
      first<EvaluationRef>(
        `select e.id::text as id, e.activity_id::text as "activityId", a.user_id::text as "agentId",
                e.evaluator_id::text as "evaluatorId"
         from evaluations e
         join evaluated_recordings a on a.id = e.activity_id
         join objects o on o.id = a.object_id
         where e.id = $2 and ${visibleEvaluations(user, '$1')}`,
        [user.id, id],
      ),

    dispute: (user: Viewer, id: string) =>
      first<DisputeRef>(
        `select d.id::text as id, d.evaluation_id::text as "evaluationId"
         from evaluation_disputes d
         join evaluations e on e.id = d.evaluation_id
         join evaluated_recordings a on a.id = e.activity_id
         join objects o on o.id = a.object_id
         where d.id = $2 and ${visibleActivities(user, '$1')}`,
        [user.id, id],
      ),

    async annotation(user: Viewer, id: string): Promise<AnnotationRef | null> {
      const row = await first<RecordingRef & { id: string; authorId: string }>(
        `select n.id::text as id, n.author_id::text as "authorId", ${RECORDING_COLUMNS}
         from annotations n
         join activities a on a.id = n.activity_id
         join objects o on o.id = a.object_id
         left join recordings r on r.id = a.recording_id
         where n.id = $2 and ${visibleActivities(user, '$1')}`,
        [user.id, id],
      );
      if (!row) return null;
      const { id: annotationId, authorId, ...recording } = row;
      return { id: annotationId, activityId: recording.activityId, authorId, recording };
    },

    upload: (user: Viewer, id: string) =>
      first<UploadRef>(
        `select r.id::text as id, r.object_id::text as "objectId", r.agent_id::text as "agentId"
         from recordings r join objects o on o.id = r.object_id
         where r.id = $2 and ${visibleUploads(user, '$1')}`,
        [user.id, id],
      ),

    playlist: (user: Viewer, id: string) =>
      first<PlaylistRef>(
        `select p.id::text as id, p.owner_id::text as "ownerId",
                exists (select 1 from playlist_assignments pa where pa.playlist_id = p.id and pa.user_id = $1)
                  as assigned
         from playlists p where p.id = $2 and ${visiblePlaylists(user, '$1')}`,
        [user.id, id],
      ),
    call: (user: Viewer, id: string) =>
      first<CallRef>(
        `select c.id::text as id, c.object_id::text as "objectId", c.host_id::text as "hostId"
         from calls c join objects o on o.id = c.object_id
         where c.id = $2 and ${visibleObjects(user, '$1')}`,
        [user.id, id],
      ),
    // A person sees their own API keys only; anyone else's is as missing as an unknown one.
    apiKey: (user: Viewer, id: string) =>
      first<ApiKeyRef>(
        `select k.id::text as id, k.user_id::text as "userId" from api_keys k where k.id = $2 and k.user_id = $1`,
        [user.id, id],
      ),
  };
}
export type AccessRepo = ReturnType<typeof accessRepo>;
