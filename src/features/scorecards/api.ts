// Scorecards: the list (optionally with archived ones), one scorecard, and creating, editing, archiving.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import {
  scorecardSchema,
  type Scorecard,
  type ScorecardInput,
  type ScorecardUpdate,
} from '../../contract/qa';
import { apiGet, apiPost, apiPut } from '../../lib/api-client';

export const scorecardKeys = {
  all: ['scorecards'] as const,
  list: (includeArchived: boolean) => ['scorecards', 'list', { includeArchived }] as const,
  detail: (id: string) => ['scorecards', 'detail', id] as const,
};

export function scorecardsQueryOptions(includeArchived: boolean) {
  return queryOptions({
    queryKey: scorecardKeys.list(includeArchived),
    queryFn: ({ signal }) =>
      apiGet(`/api/scorecards${includeArchived ? '?includeArchived=true' : ''}`, z.array(scorecardSchema), {
        signal,
      }),
  });
}

export function scorecardQueryOptions(id: string) {
  return queryOptions({
    queryKey: scorecardKeys.detail(id),
    queryFn: ({ signal }) => apiGet(`/api/scorecards/${encodeURIComponent(id)}`, scorecardSchema, { signal }),
  });
}

function useScorecardSaved() {
  const queryClient = useQueryClient();
  return async (scorecard: Scorecard) => {
    queryClient.setQueryData(scorecardKeys.detail(scorecard.id), scorecard);
    await queryClient.invalidateQueries({ queryKey: ['scorecards', 'list'] });
  };
}

/** Creates a scorecard (no id) or publishes a new version of one (`version` = the one it was edited from). */
export function useSaveScorecard(id: string | null) {
  const saved = useScorecardSaved();
  return useMutation({
    mutationFn: (input: ScorecardInput | ScorecardUpdate) =>
      id === null
        ? apiPost('/api/scorecards', input, scorecardSchema)
        : apiPut(`/api/scorecards/${encodeURIComponent(id)}`, input, scorecardSchema),
    onSuccess: saved,
  });
}

export function useArchiveScorecard() {
  const saved = useScorecardSaved();
  return useMutation({
    mutationFn: (id: string) =>
      apiPost(`/api/scorecards/${encodeURIComponent(id)}/archive`, undefined, scorecardSchema),
    onSuccess: saved,
  });
}
