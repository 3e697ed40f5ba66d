// Evaluations: a reviewer's draft on a recording, submitted to the agent; optimistic concurrency on writes.
import type { CurrentUser } from '../../../../contract/auth';
import {
  type Evaluation,
  type EvaluationEvent,
  type RecordingQaSummary,
} from '../../../../contract/evaluations';
import { scoreOf, type Ratings } from '../../../../contract/ratings';
import type { Database, Queryable } from '../../../db/database';
import { HttpError, notFound } from '../../../lib/http';
import { userRef } from '../../../lib/user-ref';
import type { AccessControl } from '../../access/service';
import { StaleWriteError } from '../conflict';
import { disputesRepo, type DisputeRow } from '../disputes/repo';
import { scorecardsRepo } from '../scorecards/repo';
import { toScorecard } from '../scorecards/service';
import { checkRatings } from './ratings';
import { evaluationsRepo, type EvaluationRow } from './repo';

export function toDispute(row: DisputeRow) {
  return {
    id: row.id,
    evaluationId: row.evaluation_id,
    activityId: row.activity_id,
    objectId: row.object_id,
    revision: row.revision,
    reason: row.reason,
    raisedBy: userRef(row, 'raiser'),
    raisedAt: row.raised_at.toISOString(),
    outcome: row.outcome,
    resolutionComment: row.resolution_comment,
    resolvedBy: row.resolver_id ? userRef(row, 'resolver') : null,
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    recordingDeletedAt: row.recording_deleted_at?.toISOString() ?? null,
  };
}

/** Reads and shapes evaluations; shared by the evaluation and dispute services. */
export function evaluationReader(db: Queryable) {
  const repo = evaluationsRepo(db);

  async function toEvaluation(row: EvaluationRow): Promise<Evaluation> {
    const scorecard = await scorecardsRepo(db).find(row.scorecard_id, row.scorecard_version);
    const revisions = await repo.revisions(row.id);
    const disputes = await disputesRepo(db).forEvaluation(row.id);
    return {
      id: row.id,
      activityId: row.activity_id,
      objectId: row.object_id,
      agent: userRef(row, 'agent'),
      evaluator: userRef(row, 'evaluator'),
      scorecard: toScorecard(scorecard!),
      status: row.status,
      version: row.version,
      revision: row.revision,
      ratings: row.ratings,
      overallComment: row.overall_comment,
      score: row.score,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
      submittedAt: row.submitted_at?.toISOString() ?? null,
      acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
      recordingDeletedAt: row.recording_deleted_at?.toISOString() ?? null,
      revisions: revisions.map((revision) => ({
        revision: revision.revision,
        ratings: revision.ratings,
        overallComment: revision.overall_comment,
        score: revision.score,
        createdAt: revision.created_at.toISOString(),
        createdBy: userRef(revision, 'author'),
      })),
      disputes: disputes.map(toDispute),
    };
  }

  return {
    toEvaluation,
    /** The evaluation's row if `user` may see it: 404 for unknown, invisible and others' drafts alike. */
    async requireRow(user: CurrentUser, id: string) {
      const row = await repo.findVisible(user, id);
      if (!row) throw notFound(`Evaluation ${id}`);
      return row;
    },
    async current(user: CurrentUser, id: string) {
      const row = await repo.findVisible(user, id);
      if (!row) throw notFound(`Evaluation ${id}`);
      return toEvaluation(row);
    },
  };
}

export function evaluationsService(db: Database, access: AccessControl) {
  const repo = evaluationsRepo(db);
  const reader = evaluationReader(db);

  async function ownDraft(user: CurrentUser, id: string) {
    await access.require(user, 'evaluation.edit', id);
    const row = await reader.requireRow(user, id);
    if (row.status !== 'draft') {
      throw new HttpError(409, `Evaluation ${id} is already submitted; drafts only can be edited.`);
    }
    if (row.recording_deleted_at) {
      throw new HttpError(
        409,
        `Evaluation ${id} is of a recording deleted on ${row.recording_deleted_at.toISOString()}; ` +
          'it is kept as it was and can no longer be edited or submitted.',
      );
    }
    return row;
  }

  async function scorecardVersionOf(row: EvaluationRow) {
    return (await scorecardsRepo(db).find(row.scorecard_id, row.scorecard_version))!.definition;
  }

  async function stale(user: CurrentUser, id: string, sentVersion: number | undefined): Promise<never> {
    const current = await reader.current(user, id);
    throw new StaleWriteError(
      `Evaluation ${id} changed since version ${sentVersion ?? '?'} (it is at version ${current.version}, ` +
        `${current.status}). Reload it, or send your changes again with version ${current.version}.`,
      current,
    );
  }

  return {
    get: reader.current,

    async create(user: CurrentUser, activityId: string, scorecardId: string) {
      const recording = await access.require(user, 'evaluation.create', activityId);
      const scorecard = await scorecardsRepo(db).find(scorecardId);
      if (!scorecard) throw new HttpError(400, `scorecardId: there is no scorecard ${scorecardId}.`);
      if (scorecard.archived_at) {
        throw new HttpError(400, `scorecardId: scorecard ${scorecardId} is archived; pick an active one.`);
      }
      const id = await db.transaction(async (tx) => {
        const txRepo = evaluationsRepo(tx);
        const created = await txRepo.insert(recording.activityId, scorecardId, scorecard.version, user.id);
        await txRepo.addEvent(created, user.id, 'created', {
          scorecardId,
          scorecardVersion: scorecard.version,
        });
        return created;
      });
      return reader.current(user, id);
    },

    async listForActivity(user: CurrentUser, activityId: string) {
      await access.require(user, 'recording.read', activityId);
      const rows = await repo.listVisibleForActivity(user, activityId);
      return Promise.all(rows.map(reader.toEvaluation));
    },

    async saveDraft(
      user: CurrentUser,
      id: string,
      draft: { version: number; ratings: Ratings; overallComment: string | null },
    ) {
      const row = await ownDraft(user, id);
      const definition = await scorecardVersionOf(row);
      checkRatings(definition, draft.ratings, { complete: false });
      const score = scoreOf(definition, draft.ratings);
      const saved = await db.transaction(async (tx) => {
        const txRepo = evaluationsRepo(tx);
        const ok = await txRepo.saveDraft(id, draft.version, { ...draft, score });
        if (ok) await txRepo.addEditedEvent(id, user.id);
        return ok;
      });
      if (!saved) return stale(user, id, draft.version);
      return reader.current(user, id);
    },

    async submit(user: CurrentUser, id: string, version: number | undefined) {
      const row = await ownDraft(user, id);
      // A stale version first: the client is submitting something other than what the server holds.
      if (version !== undefined && version !== row.version) return stale(user, id, version);
      const definition = await scorecardVersionOf(row);
      checkRatings(definition, row.ratings, { complete: true });
      const content = {
        revision: 1,
        ratings: row.ratings,
        overallComment: row.overall_comment,
        score: scoreOf(definition, row.ratings),
      };
      const submitted = await db.transaction(async (tx) => {
        const txRepo = evaluationsRepo(tx);
        // The stored draft is what gets submitted: `version` (or the version read above) guards against an
        // autosave landing between the read and this write.
        const ok = await txRepo.transition(id, {
          from: ['draft'],
          to: 'submitted',
          fromVersion: version ?? row.version,
          submitted: true,
          content,
        });
        if (!ok) return false;
        await txRepo.insertRevision(id, user.id, content);
        await txRepo.addEvent(id, user.id, 'submitted', { revision: 1, score: content.score });
        return true;
      });
      if (!submitted) return stale(user, id, version ?? row.version);
      return reader.current(user, id);
    },

    async history(user: CurrentUser, id: string): Promise<EvaluationEvent[]> {
      await reader.requireRow(user, id);
      const events = await repo.events(id);
      return events.map((event) => ({
        id: event.id,
        action: event.action as EvaluationEvent['action'],
        actor: userRef(event, 'actor'),
        at: event.at.toISOString(),
        details: event.details,
      }));
    },

    async summary(user: CurrentUser, objectId: string): Promise<RecordingQaSummary[]> {
      await access.require(user, 'object.read', objectId);
      const rows = await repo.summary(user, objectId);
      return rows.map((row) => ({
        activityId: row.activity_id,
        state: row.submitted_count > 0 ? 'submitted' : row.my_draft_id ? 'draft' : 'not_evaluated',
        latestEvaluationId: row.latest_id,
        latestScore: row.latest_score,
        latestStatus: row.latest_status,
        submittedCount: row.submitted_count,
        myDraftId: row.my_draft_id,
        openDisputes: row.open_disputes,
      }));
    },
  };
}
export type EvaluationsService = ReturnType<typeof evaluationsService>;
