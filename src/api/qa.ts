// Quality assurance reads more than one feature needs: a conversation's QA summary, an evaluation and its
// history, the scorecards. Keys sit under the resource they describe, so invalidating
// `['objects', objectId]`, `['evaluations', id]` or `['scorecards', 'list']` refreshes everything below it.
import { queryOptions, type QueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import {
  evaluationEventSchema,
  evaluationSchema,
  recordingQaSummarySchema,
  type Evaluation,
  type RecordingQaSummary,
} from '../../contract/evaluations';
import { queueSchema } from '../../contract/queue';
import { scorecardSchema } from '../../contract/scorecards';
import { apiGet, apiGetList } from '../lib/api-client';
import { reportRejectedItems } from '../lib/contract-notices';

export const qaKeys = {
  summary: (objectId: string) => ['objects', objectId, 'qa-summary'] as const,
  evaluation: (evaluationId: string) => ['evaluations', evaluationId] as const,
  evaluationHistory: (evaluationId: string) => ['evaluations', evaluationId, 'history'] as const,
  /** A recording's evaluations (the caller's drafts among them). */
  evaluationsOf: (activityId: string) => ['activities', activityId, 'evaluations'] as const,
  queue: ['queue'] as const,
  scorecardLists: ['scorecards', 'list'] as const,
  scorecardList: (includeArchived: boolean) => ['scorecards', 'list', { includeArchived }] as const,
  scorecard: (id: string) => ['scorecards', 'detail', id] as const,
};

/** The scorecards, current versions; archived ones only when asked for (they cannot start evaluations). */
export function scorecardsQueryOptions(includeArchived: boolean) {
  return queryOptions({
    queryKey: qaKeys.scorecardList(includeArchived),
    queryFn: ({ signal }) =>
      apiGet(`/api/scorecards${includeArchived ? '?includeArchived=true' : ''}`, z.array(scorecardSchema), {
        signal,
      }),
  });
}

/** The QA state of every recording of a conversation, keyed by activity id (one request per conversation). */
export function qaSummaryQueryOptions(objectId: string) {
  return queryOptions({
    queryKey: qaKeys.summary(objectId),
    queryFn: async ({ signal }): Promise<ReadonlyMap<string, RecordingQaSummary>> => {
      const path = `/api/objects/${encodeURIComponent(objectId)}/qa-summary`;
      const page = await apiGetList(path, recordingQaSummarySchema, { signal });
      reportRejectedItems(path, page.rejected);
      return new Map(page.items.map((summary) => [summary.activityId, summary]));
    },
  });
}

/** One evaluation with the scorecard version it was made with, its revisions and disputes. */
export function evaluationQueryOptions(evaluationId: string) {
  return queryOptions({
    queryKey: qaKeys.evaluation(evaluationId),
    queryFn: ({ signal }) =>
      apiGet(`/api/evaluations/${encodeURIComponent(evaluationId)}`, evaluationSchema, { signal }),
  });
}

/** Everything that happened to an evaluation, oldest first. */
export function evaluationHistoryQueryOptions(evaluationId: string) {
  return queryOptions({
    queryKey: qaKeys.evaluationHistory(evaluationId),
    queryFn: ({ signal }) =>
      apiGet(`/api/evaluations/${encodeURIComponent(evaluationId)}/history`, z.array(evaluationEventSchema), {
        signal,
      }),
  });
}

/**
 * What the caller should do next (home page). Always refetched when shown: evaluating, submitting or
 * acknowledging elsewhere changes it, and it is one small request.
 */
export function queueQueryOptions() {
  return queryOptions({
    queryKey: qaKeys.queue,
    queryFn: ({ signal }) => apiGet('/api/queue', queueSchema, { signal }),
    staleTime: 0,
  });
}

/**
 * An evaluation changed on the server (submitted, acknowledged, disputed, resolved): its own cache entry,
 * the recording's list of evaluations, its history and the conversation's QA state.
 */
export function evaluationChanged(queryClient: QueryClient, evaluation: Evaluation): Promise<unknown> {
  queryClient.setQueryData(qaKeys.evaluation(evaluation.id), evaluation);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: qaKeys.evaluationsOf(evaluation.activityId) }),
    queryClient.invalidateQueries({ queryKey: qaKeys.evaluationHistory(evaluation.id) }),
    queryClient.invalidateQueries({ queryKey: qaKeys.summary(evaluation.objectId) }),
  ]);
}
