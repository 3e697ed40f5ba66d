// SQL for agents' disputes of evaluations and their resolution.
import type { CurrentUser } from '../../../../contract/auth';
import type { Queryable } from '../../../db/database';
import { userRefSql } from '../../../lib/user-ref';
import { visibleActivities } from '../../access/visibility';

export interface DisputeRow {
  id: string;
  evaluation_id: string;
  activity_id: string;
  object_id: string;
  revision: number;
  reason: string;
  raised_at: Date;
  raiser_id: string;
  raiser_first_name: string;
  raiser_last_name: string;
  outcome: 'revised' | 'upheld' | null;
  resolution_comment: string | null;
  resolved_at: Date | null;
  resolver_id: string | null;
  resolver_first_name: string | null;
  resolver_last_name: string | null;
  recording_deleted_at: Date | null;
}

const COLUMNS = `d.id::text as id, d.evaluation_id::text as evaluation_id, e.activity_id::text as activity_id,
       a.object_id::text as object_id, d.revision, d.reason, d.raised_at, ${userRefSql('ru', 'raiser')},
       d.outcome, d.resolution_comment, d.resolved_at, ${userRefSql('su', 'resolver')},
       a.deleted_at as recording_deleted_at`;
const FROM = `from evaluation_disputes d
  join evaluations e on e.id = d.evaluation_id
  join evaluated_recordings a on a.id = e.activity_id
  join objects o on o.id = a.object_id
  join users ru on ru.id = d.raised_by
  left join users su on su.id = d.resolved_by`;
const SELECT = `select ${COLUMNS} ${FROM}`;

export interface DisputeListRow extends DisputeRow {
  evaluation_revision: number;
  evaluation_score: number | null;
  scorecard_name: string;
}

/** The list also reads the evaluation's current revision, score and scorecard name, in the same query. */
const LIST_SELECT = `select ${COLUMNS}, e.revision as evaluation_revision, e.score as evaluation_score,
       sv.definition->>'name' as scorecard_name
  ${FROM}
  join scorecard_versions sv on sv.scorecard_id = e.scorecard_id and sv.version = e.scorecard_version`;

export function disputesRepo(db: Queryable) {
  return {
    async insert(evaluationId: string, revision: number, reason: string, raisedBy: string) {
      const { rows } = await db.query<{ id: string }>(
        `insert into evaluation_disputes (evaluation_id, revision, reason, raised_by)
         values ($1, $2, $3, $4) returning id::text as id`,
        [evaluationId, revision, reason, raisedBy],
      );
      return rows[0]!.id;
    },

    async forEvaluation(evaluationId: string) {
      const { rows } = await db.query<DisputeRow>(
        `${SELECT} where d.evaluation_id = $1 order by d.raised_at, d.id`,
        [evaluationId],
      );
      return rows;
    },

    /** Disputes of submitted evaluations on recordings `user` may see. */
    async listVisible(user: CurrentUser, status: 'open' | 'resolved' | 'all') {
      const { rows } = await db.query<DisputeListRow>(
        `${LIST_SELECT} where ${visibleActivities(user, '$1')}
           and ($2 = 'all' or ($2 = 'open') = (d.resolved_at is null))
         order by d.raised_at desc, d.id desc`,
        [user.id, status],
      );
      return rows;
    },

    async findVisible(user: CurrentUser, id: string) {
      const { rows } = await db.query<DisputeRow>(
        `${SELECT} where d.id = $2 and ${visibleActivities(user, '$1')}`,
        [user.id, id],
      );
      return rows[0] ?? null;
    },

    /** Closes the dispute if it is still open; false when someone else resolved it first. */
    async resolve(id: string, outcome: 'revised' | 'upheld', comment: string | null, resolvedBy: string) {
      const { rows } = await db.query(
        `update evaluation_disputes set outcome = $2, resolution_comment = $3, resolved_by = $4, resolved_at = now()
         where id = $1 and resolved_at is null returning id`,
        [id, outcome, comment, resolvedBy],
      );
      return rows.length > 0;
    },
  };
}
export type DisputesRepo = ReturnType<typeof disputesRepo>;
