// Disputes for QA managers: the list by status, and resolving one (uphold or revise).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { evaluationChanged } from '../../api/qa';
import { disputeListItemSchema, type Dispute, type ResolveDispute } from '../../../contract/disputes';
import { evaluationSchema } from '../../../contract/evaluations';
import { apiGet, apiPost } from '../../lib/api-client';

export type DisputeStatus = 'open' | 'resolved';

export const disputeKeys = {
  all: ['disputes'] as const,
  list: (status: DisputeStatus) => ['disputes', { status }] as const,
};

/** Each dispute comes with its evaluation's current score, revision and scorecard name: one request per list. */
export function disputesQueryOptions(status: DisputeStatus) {
  return queryOptions({
    queryKey: disputeKeys.list(status),
    queryFn: ({ signal }) =>
      apiGet(`/api/disputes?status=${status}`, z.array(disputeListItemSchema), { signal }),
  });
}

/** Resolving touches the dispute lists and the evaluation everywhere it is shown (evaluationChanged). */
/**
 * `onResolved` runs before the lists refresh: once the open list drops the dispute, the form that asked is
 * gone, and a callback passed to `mutate` would never run.
 */
export function useResolveDispute(dispute: Dispute, { onResolved }: { onResolved: () => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (resolution: ResolveDispute) =>
      apiPost(`/api/disputes/${encodeURIComponent(dispute.id)}/resolve`, resolution, evaluationSchema),
    onSuccess: async (evaluation) => {
      onResolved();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: disputeKeys.all }),
        evaluationChanged(queryClient, evaluation),
      ]);
    },
  });
}
