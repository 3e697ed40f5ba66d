// The agent's answer to a submitted evaluation (acknowledge or dispute) and the QA manager's resolution.
import type { CurrentUser } from '../../../../contract/auth';
import { type DisputeListItem } from '../../../../contract/disputes';
import { scoreOf, type Ratings } from '../../../../contract/ratings';
import type { Database } from '../../../db/database';
import { HttpError } from '../../../lib/http';
import type { AccessControl } from '../../access/service';
import { checkRatings } from '../evaluations/ratings';
import { evaluationsRepo, type EvaluationRow } from '../evaluations/repo';
import { evaluationReader, toDispute } from '../evaluations/service';
import { scorecardsRepo } from '../scorecards/repo';
import { disputesRepo } from './repo';

export type Resolution =
  | { outcome: 'upheld'; comment: string }
  | { outcome: 'revised'; ratings: Ratings; overallComment?: string | null; comment: string | null };

const conflict = (description: string) => new HttpError(409, description);

export function disputesService(db: Database, access: AccessControl) {
  const reader = evaluationReader(db);

  async function asTheAgent(user: CurrentUser, id: string): Promise<EvaluationRow> {
    await access.require(user, 'evaluation.respond', id);
    return reader.requireRow(user, id);
  }

  return {
    async acknowledge(user: CurrentUser, id: string) {
      const row = await asTheAgent(user, id);
      // Acknowledging twice is harmless: a retried request answers the same.
      if (row.status === 'acknowledged') return reader.current(user, id);
      if (row.status !== 'submitted') {
        throw conflict(`Evaluation ${id} is ${row.status}; only a submitted evaluation can be acknowledged.`);
      }
      const done = await db.transaction(async (tx) => {
        const repo = evaluationsRepo(tx);
        if (!(await repo.transition(id, { from: ['submitted'], to: 'acknowledged', acknowledged: true })))
          return false;
        await repo.addEvent(id, user.id, 'acknowledged', { revision: row.revision });
        return true;
      });
      if (!done) throw conflict(`Evaluation ${id} changed meanwhile; reload it.`);
      return reader.current(user, id);
    },

    async dispute(user: CurrentUser, id: string, reason: string) {
      const row = await asTheAgent(user, id);
      if (row.status !== 'submitted') {
        throw conflict(
          `Evaluation ${id} is ${row.status}; only a submitted evaluation you have not acknowledged can be disputed.`,
        );
      }
      const done = await db.transaction(async (tx) => {
        const repo = evaluationsRepo(tx);
        if (!(await repo.transition(id, { from: ['submitted'], to: 'disputed' }))) return false;
        const disputeId = await disputesRepo(tx).insert(id, row.revision, reason, user.id);
        await repo.addEvent(id, user.id, 'disputed', { disputeId, revision: row.revision, reason });
        return true;
      });
      if (!done) throw conflict(`Evaluation ${id} changed meanwhile; reload it.`);
      return reader.current(user, id);
    },

    async list(user: CurrentUser, status: 'open' | 'resolved' | 'all'): Promise<DisputeListItem[]> {
      return (await disputesRepo(db).listVisible(user, status)).map((row) => ({
        ...toDispute(row),
        evaluation: {
          revision: row.evaluation_revision,
          score: row.evaluation_score,
          scorecardName: row.scorecard_name,
        },
      }));
    },

    /** Upholds the evaluation with a comment, or revises it: a new revision; the old one is kept. */
    async resolve(user: CurrentUser, disputeId: string, resolution: Resolution) {
      await access.require(user, 'dispute.resolve', disputeId);
      const dispute = (await disputesRepo(db).findVisible(user, disputeId))!;
      if (dispute.resolved_at) throw conflict(`Dispute ${disputeId} is already ${dispute.outcome}.`);
      const row = await reader.requireRow(user, dispute.evaluation_id);
      const id = row.id;

      let content:
        | { revision: number; ratings: Ratings; overallComment: string | null; score: number | null }
        | undefined;
      if (resolution.outcome === 'revised') {
        const definition = (await scorecardsRepo(db).find(row.scorecard_id, row.scorecard_version))!
          .definition;
        checkRatings(definition, resolution.ratings, { complete: true });
        content = {
          revision: row.revision + 1,
          ratings: resolution.ratings,
          overallComment:
            resolution.overallComment === undefined ? row.overall_comment : resolution.overallComment,
          score: scoreOf(definition, resolution.ratings),
        };
      }
      const done = await db.transaction(async (tx) => {
        const repo = evaluationsRepo(tx);
        if (!(await disputesRepo(tx).resolve(disputeId, resolution.outcome, resolution.comment, user.id))) {
          return false;
        }
        // Back to submitted: the agent sees the outcome and may acknowledge (or dispute the new revision).
        const moved = await repo.transition(id, {
          from: ['disputed'],
          to: 'submitted',
          acknowledged: null,
          content,
        });
        if (!moved) throw conflict(`Evaluation ${id} is no longer disputed; reload it.`);
        if (content) {
          await repo.insertRevision(id, user.id, content);
          await repo.addEvent(id, user.id, 'revised', {
            disputeId,
            revision: content.revision,
            previousRevision: row.revision,
            score: content.score,
            previousScore: row.score,
            comment: resolution.comment,
          });
        } else {
          await repo.addEvent(id, user.id, 'upheld', {
            disputeId,
            revision: row.revision,
            comment: resolution.comment,
          });
        }
        return true;
      });
      if (!done) throw conflict(`Dispute ${disputeId} was resolved by someone else meanwhile; reload it.`);
      return reader.current(user, id);
    },
  };
}
export type DisputesService = ReturnType<typeof disputesService>;
