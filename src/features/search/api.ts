// Search's calls: the results of one search, page by page (the first with facets), and saved searches.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { savedSearchSchema, searchEnvelopeSchema, type SavedSearchInput } from '../../../contract/search';
import { apiGet, apiGetEnvelope, apiPost } from '../../lib/api-client';

const PAGE_SIZE = 50;

export const searchKeys = {
  all: ['search'] as const,
  results: (query: string) => ['search', 'recordings', query] as const,
  saved: ['search', 'saved'] as const,
};

/** `query` is the canonical query string (searchQueryString); a new query cancels the previous request. */
export function searchResultsQueryOptions(query: string) {
  return infiniteQueryOptions({
    queryKey: searchKeys.results(query),
    queryFn: ({ pageParam, signal }) => {
      const page = pageParam ? `cursor=${encodeURIComponent(pageParam)}` : 'facets=true';
      const separator = query ? '&' : '';
      return apiGetEnvelope(
        `/api/search/recordings?${query}${separator}limit=${PAGE_SIZE}&${page}`,
        searchEnvelopeSchema,
        { signal },
      );
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function savedSearchesQueryOptions() {
  return queryOptions({
    queryKey: searchKeys.saved,
    queryFn: ({ signal }) => apiGet('/api/search/saved', z.array(savedSearchSchema), { signal }),
  });
}

export function useSaveSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SavedSearchInput) => apiPost('/api/search/saved', input, savedSearchSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: searchKeys.saved }),
  });
}

/** Opening a saved search starts its count of new hits again. */
export function useOpenSavedSearch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiPost(`/api/search/saved/${encodeURIComponent(id)}/opened`, undefined, savedSearchSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: searchKeys.saved }),
  });
}
