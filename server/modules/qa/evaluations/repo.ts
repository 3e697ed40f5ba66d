// SQL for evaluations, their revisions and their audit trail; reads are filtered by what the caller may see.
import type { CurrentUser } from '../../../../contract/auth';
import type { EvaluationStatus } from '../../../../contract/evaluations';
import type { Ratings } from '../../../../contract/ratings';
import type { Queryable } from '../../../db/database';
import { RECORDING_ACTIVITY_TYPE } from '../../../../contract/activities';
import { userRefSql } from '../../../lib/user-ref';
import { visibleActivities, visibleEvaluations } from '../../access/visibility';

export interface EvaluationRow {
  id: string;
  activity_id: string;
  object_id: string;
  team_id: string;
  agent_id: string;
  agent_first_name: string;
  agent_last_name: string;
  evaluator_id: string;
  evaluator_first_name: string;
  evaluator_last_name: string;
  scorecard_id: string;
  scorecard_version: number;
  status: EvaluationStatus;
  version: number;
  revision: number;
  ratings: Ratings;
  overall_comment: string | null;
  score: number | null;
  created_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
  acknowledged_at: Date | null;
  /** When its recording was deleted (retention, or on request); null while it exists. */
  recording_deleted_at: Date | null;
}

export interface RevisionRow {
  revision: number;
  ratings: Ratings;
  overall_comment: string | null;
  score: number | null;
  created_at: Date;
  author_id: string;
  author_first_name: string;
  author_last_name: string;
}

export interface EventRow {
  id: string;
  action: string;
  at: Date;
  details: Record<string, unknown>;
  actor_id: string;
  actor_first_name: string;
  actor_last_name: string;
}

const SELECT = `select e.id::text as id, e.activity_id::text as activity_id, a.object_id::text as object_id,
       o.team_id::text as team_id, ${userRefSql('ag', 'agent')}, ${userRefSql('ev', 'evaluator')},
       e.scorecard_id::text as scorecard_id, e.scorecard_version, e.status, e.version, e.revision,
       e.ratings, e.overall_comment, e.score, e.created_at, e.updated_at, e.submitted_at, e.acknowledged_at,
       a.deleted_at as recording_deleted_at
  from evaluations e
  join evaluated_recordings a on a.id = e.activity_id
  join objects o on o.id = a.object_id
  join users ag on ag.id = a.user_id
  join users ev on ev.id = e.evaluator_id`;

export interface SummaryRow {
  activity_id: string;
  submitted_count: number;
  latest_id: string | null;
  latest_score: number | null;
  latest_status: EvaluationStatus | null;
  my_draft_id: string | null;
  open_disputes: number;
}

export function evaluationsRepo(db: Queryable) {
  return {
    async insert(activityId: string, scorecardId: string, scorecardVersion: number, evaluatorId: string) {
      const { rows } = await db.query<{ id: string }>(
        `insert into evaluations (activity_id, scorecard_id, scorecard_version, evaluator_id, status)
         values ($1, $2, $3, $4, 'draft') returning id::text as id`,
        [activityId, scorecardId, scorecardVersion, evaluatorId],
      );
      return rows[0]!.id;
    },

    async findVisible(user: CurrentUser, id: string) {
      const { rows } = await db.query<EvaluationRow>(
        `${SELECT} where e.id = $2 and ${visibleEvaluations(user, '$1')}`,
        [user.id, id],
      );
      return rows[0] ?? null;
    },

    async listVisibleForActivity(user: CurrentUser, activityId: string) {
      const { rows } = await db.query<EvaluationRow>(
        `${SELECT} where e.activity_id = $2 and ${visibleEvaluations(user, '$1')}
         order by e.submitted_at desc nulls first, e.id desc`,
        [user.id, activityId],
      );
      return rows;
    },

    /** Writes the draft if it is still at `fromVersion` and a draft; false when stale or submitted. */
    async saveDraft(
      id: string,
      fromVersion: number,
      draft: { ratings: Ratings; overallComment: string | null; score: number | null },
    ) {
      const { rows } = await db.query(
        `update evaluations set ratings = $3, overall_comment = $4, score = $5, version = version + 1,
                updated_at = now()
         where id = $1 and version = $2 and status = 'draft' returning id`,
        [id, fromVersion, JSON.stringify(draft.ratings), draft.overallComment, draft.score],
      );
      return rows.length > 0;
    },

    /**
     * Moves the evaluation from one of `from` to `to` (and sets the given columns) if it is still in that
     * state and, when given, at `fromVersion`; false otherwise.
     */
    async transition(
      id: string,
      change: {
        from: EvaluationStatus[];
        to: EvaluationStatus;
        fromVersion?: number;
        submitted?: boolean;
        acknowledged?: boolean | null;
        content?: { revision: number; ratings: Ratings; overallComment: string | null; score: number | null };
      },
    ) {
      const { rows } = await db.query(
        `update evaluations set status = $3, version = version + 1, updated_at = now(),
                submitted_at = case when $5 then now() else submitted_at end,
                acknowledged_at = case when $6::boolean is null then null
                                       when $6 then now() else acknowledged_at end,
                revision = coalesce($7, revision),
                ratings = coalesce($8::jsonb, ratings),
                overall_comment = case when $7::int is null then overall_comment else $9 end,
                score = case when $7::int is null then score else $10 end
         where id = $1 and status = any($2::text[]) and ($4::int is null or version = $4)
         returning id`,
        [
          id,
          change.from,
          change.to,
          change.fromVersion ?? null,
          change.submitted ?? false,
          change.acknowledged === undefined ? false : change.acknowledged,
          change.content?.revision ?? null,
          change.content ? JSON.stringify(change.content.ratings) : null,
          change.content?.overallComment ?? null,
          change.content?.score ?? null,
        ],
      );
      return rows.length > 0;
    },

    async insertRevision(
      id: string,
      authorId: string,
      content: { revision: number; ratings: Ratings; overallComment: string | null; score: number | null },
    ) {
      await db.query(
        `insert into evaluation_revisions (evaluation_id, revision, ratings, overall_comment, score, created_by)
         values ($1, $2, $3, $4, $5, $6)`,
        [
          id,
          content.revision,
          JSON.stringify(content.ratings),
          content.overallComment,
          content.score,
          authorId,
        ],
      );
    },

    async revisions(id: string) {
      const { rows } = await db.query<RevisionRow>(
        `select r.revision, r.ratings, r.overall_comment, r.score, r.created_at, ${userRefSql('u', 'author')}
         from evaluation_revisions r join users u on u.id = r.created_by
         where r.evaluation_id = $1 order by r.revision`,
        [id],
      );
      return rows;
    },

    async addEvent(id: string, actorId: string, action: string, details: Record<string, unknown> = {}) {
      await db.query(
        `insert into evaluation_events (evaluation_id, actor_id, action, details) values ($1, $2, $3, $4)`,
        [id, actorId, action, JSON.stringify(details)],
      );
    },

    /** Autosaves are coalesced: at most one 'edited' event per evaluation, author and minute. */
    async addEditedEvent(id: string, actorId: string) {
      await db.query(
        `insert into evaluation_events (evaluation_id, actor_id, action)
         select $1, $2, 'edited'
         where not exists (select 1 from evaluation_events
                           where evaluation_id = $1 and actor_id = $2 and action = 'edited'
                             and at > now() - interval '1 minute')`,
        [id, actorId],
      );
    },

    async events(id: string) {
      const { rows } = await db.query<EventRow>(
        `select ev.id::text as id, ev.action, ev.at, ev.details, ${userRefSql('u', 'actor')}
         from evaluation_events ev join users u on u.id = ev.actor_id
         where ev.evaluation_id = $1 order by ev.at, ev.id`,
        [id],
      );
      return rows;
    },

    /** Per visible recording of the object: submitted evaluations, the latest one, the caller's draft. */
    async summary(user: CurrentUser, objectId: string) {
      const { rows } = await db.query<SummaryRow>(
        `select a.id::text as activity_id,
                (select count(*) from evaluations e where e.activity_id = a.id and e.status <> 'draft')::int
                  as submitted_count,
                latest.id::text as latest_id, latest.score as latest_score, latest.status as latest_status,
                (select max(e.id) from evaluations e
                  where e.activity_id = a.id and e.status = 'draft' and e.evaluator_id = $1)::text as my_draft_id,
                (select count(*) from evaluation_disputes d join evaluations e on e.id = d.evaluation_id
                  where e.activity_id = a.id and d.resolved_at is null)::int as open_disputes
         from activities a
         join objects o on o.id = a.object_id
         left join lateral (
           select e.id, e.score, e.status from evaluations e
           where e.activity_id = a.id and e.status <> 'draft'
           order by e.submitted_at desc, e.id desc limit 1
         ) latest on true
         where a.object_id = $2 and a.activity_type = ${RECORDING_ACTIVITY_TYPE} and ${visibleActivities(user, '$1')}
         order by a.created_time desc, a.id desc`,
        [user.id, objectId],
      );
      return rows;
    },
  };
}
export type EvaluationsRepo = ReturnType<typeof evaluationsRepo>;
