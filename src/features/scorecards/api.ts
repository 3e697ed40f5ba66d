// Scorecards: one scorecard, and creating, editing, archiving (the list is shared: src/api/qa.ts).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  scorecardSchema,
  type Scorecard,
  type ScorecardInput,
  type ScorecardUpdate,
} from '../../../contract/scorecards';
import { qaKeys } from '../../api/qa';
import { apiGet, apiPost, apiPut } from '../../lib/api-client';

export function scorecardQueryOptions(id: string) {
  return queryOptions({
    queryKey: qaKeys.scorecard(id),
    queryFn: ({ signal }) => apiGet(`/api/scorecards/${encodeURIComponent(id)}`, scorecardSchema, { signal }),
  });
}

function useScorecardSaved() {
  const queryClient = useQueryClient();
  return async (scorecard: Scorecard) => {
    queryClient.setQueryData(qaKeys.scorecard(scorecard.id), scorecard);
    await queryClient.invalidateQueries({ queryKey: qaKeys.scorecardLists });
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
