// The caller's queue: what each role should do next, read in a handful of queries.
import type { CurrentUser } from '../../../contract/auth';
import { mayEvaluate, visibilityScope } from '../../../contract/permissions';
import { QUEUE_LIMIT, type Queue, type QueueRecording } from '../../../contract/queue';
import type { Queryable } from '../../db/database';
import { userRef } from '../../lib/user-ref';
import { queueRepo, type QueueRecordingRow } from './repo';

function toQueueRecording(row: QueueRecordingRow): QueueRecording {
  return {
    activityId: row.activity_id,
    objectId: row.object_id,
    objectTitle: row.object_title,
    agent: userRef(row, 'agent'),
    timestamp: row.timestamp.toISOString(),
    duration: row.duration,
  };
}

export function queueService(db: Queryable) {
  const repo = queueRepo(db);
  return {
    async forUser(user: CurrentUser, limit = QUEUE_LIMIT): Promise<Queue> {
      if (mayEvaluate(user)) {
        const [toEvaluate, drafts, openDisputes] = await Promise.all([
          repo.toEvaluate(user, limit),
          repo.drafts(user, limit),
          repo.openDisputes(user),
        ]);
        return {
          kind: 'reviewer',
          toEvaluate: toEvaluate.map(toQueueRecording),
          toEvaluateTotal: toEvaluate[0]?.total ?? 0,
          yourDrafts: drafts.map((row) => ({
            ...toQueueRecording(row),
            evaluationId: row.evaluation_id,
            score: row.score,
          })),
          openDisputes,
        };
      }
      const recent = (await repo.recent(user, limit)).map((row) => ({
        ...toQueueRecording(row),
        latestScore: row.latest_score,
      }));
      if (visibilityScope(user.role) !== 'own') return { kind: 'team', recent };
      const toAcknowledge = (await repo.toAcknowledge(user, limit)).map((row) => ({
        ...toQueueRecording(row),
        evaluationId: row.evaluation_id,
        score: row.score,
        evaluator: userRef(row, 'evaluator'),
        submittedAt: row.submitted_at.toISOString(),
      }));
      return { kind: 'agent', toAcknowledge, recent };
    },
  };
}
export type QueueService = ReturnType<typeof queueService>;
