// The QA panel's server state: evaluations of a recording and annotations; shared reads are in src/api/qa.ts.
// Keys go from general to specific; the mutations below invalidate exactly what they change.
import { queryOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { annotationSchema, type Annotation, type AnnotationInput } from '../../../contract/annotations';
import { evaluationSchema, type Evaluation, type SaveDraft } from '../../../contract/evaluations';
import { evaluationChanged, qaKeys } from '../../api/qa';
import { apiDelete, apiGet, apiPatch, apiPost, apiPut } from '../../lib/api-client';

/** The QA panel's own key; evaluations, their history, the summary and the scorecards use shared ones. */
const annotationsOf = (activityId: string) => ['activities', activityId, 'annotations'] as const;

const path = (...segments: string[]) => `/api/${segments.map(encodeURIComponent).join('/')}`;

/** Submitted evaluations of a recording, plus the caller's own drafts. */
export function activityEvaluationsQueryOptions(activityId: string) {
  return queryOptions({
    queryKey: qaKeys.evaluationsOf(activityId),
    queryFn: ({ signal }) =>
      apiGet(path('activities', activityId, 'evaluations'), z.array(evaluationSchema), { signal }),
  });
}

export function annotationsQueryOptions(activityId: string) {
  return queryOptions({
    queryKey: annotationsOf(activityId),
    queryFn: ({ signal }) =>
      apiGet(path('activities', activityId, 'annotations'), z.array(annotationSchema), { signal }),
  });
}

// ─── Evaluations ───────────────────────────────────────────────────────────────────────────────

/** PUT the draft. `keepalive` for the save sent while the tab closes. */
export function saveEvaluationDraft(id: string, draft: SaveDraft, { keepalive = false } = {}) {
  return apiPut(path('evaluations', id), draft, evaluationSchema, { keepalive });
}

/** An autosave landed: the caches take the new copy as is (no refetch on every keystroke's save). */
export function draftSaved(queryClient: QueryClient, evaluation: Evaluation): void {
  queryClient.setQueryData(qaKeys.evaluation(evaluation.id), evaluation);
  queryClient.setQueryData<Evaluation[]>(qaKeys.evaluationsOf(evaluation.activityId), (list) =>
    list?.map((entry) => (entry.id === evaluation.id ? evaluation : entry)),
  );
}

export function useStartEvaluation(activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scorecardId: string) =>
      apiPost(path('activities', activityId, 'evaluations'), { scorecardId }, evaluationSchema),
    onSuccess: (evaluation) => evaluationChanged(queryClient, evaluation),
  });
}

export function useSubmitEvaluation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      apiPost(path('evaluations', id, 'submit'), { version }, evaluationSchema),
    onSuccess: (evaluation) => evaluationChanged(queryClient, evaluation),
  });
}

export function useAcknowledgeEvaluation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiPost(path('evaluations', id, 'acknowledge'), undefined, evaluationSchema),
    onSuccess: (evaluation) => evaluationChanged(queryClient, evaluation),
  });
}

export function useDisputeEvaluation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      apiPost(path('evaluations', id, 'dispute'), { reason }, evaluationSchema),
    onSuccess: (evaluation) => evaluationChanged(queryClient, evaluation),
  });
}

// ─── Annotations ───────────────────────────────────────────────────────────────────────────────

export function useCreateAnnotation(activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AnnotationInput) =>
      apiPost(path('activities', activityId, 'annotations'), input, annotationSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationsOf(activityId) }),
  });
}

export function useUpdateAnnotation(activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: Partial<AnnotationInput> }) =>
      apiPatch(path('annotations', id), changes, annotationSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationsOf(activityId) }),
  });
}

export function useDeleteAnnotation(activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (annotation: Pick<Annotation, 'id'>) =>
      apiDelete(path('annotations', annotation.id), z.null()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: annotationsOf(activityId) }),
  });
}
