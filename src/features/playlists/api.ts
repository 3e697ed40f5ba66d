// Playlists: the lists, one playlist with its clips, the completion table and the caller's training;
// the changes a trainer makes, and the progress and plays a player reports.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import type { PlayReport } from '../../../contract/audit';
import {
  itemProgressSchema,
  playlistAssignmentSchema,
  playlistItemSchema,
  playlistSchema,
  playlistSummarySchema,
  trainingAssignmentSchema,
  type PlaylistAssignmentInput,
  type PlaylistInput,
  type PlaylistItemInput,
  type PlaylistItemPatch,
} from '../../../contract/playlists';
import { apiDelete, apiGet, apiPatch, apiPost, apiPut } from '../../lib/api-client';

export const playlistKeys = {
  all: ['playlists'] as const,
  list: () => ['playlists', 'list'] as const,
  one: (id: string) => ['playlists', id] as const,
  assignments: (id: string) => ['playlists', id, 'assignments'] as const,
  training: () => ['playlists', 'training'] as const,
};

const path = (id: string) => `/api/playlists/${encodeURIComponent(id)}`;

export const playlistsQueryOptions = () =>
  queryOptions({
    queryKey: playlistKeys.list(),
    queryFn: ({ signal }) => apiGet('/api/playlists', z.array(playlistSummarySchema), { signal }),
  });

export const playlistQueryOptions = (id: string) =>
  queryOptions({
    queryKey: playlistKeys.one(id),
    queryFn: ({ signal }) => apiGet(path(id), playlistSchema, { signal }),
  });

export const assignmentsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: playlistKeys.assignments(id),
    queryFn: ({ signal }) => apiGet(`${path(id)}/assignments`, z.array(playlistAssignmentSchema), { signal }),
  });

export const trainingQueryOptions = () =>
  queryOptions({
    queryKey: playlistKeys.training(),
    queryFn: ({ signal }) => apiGet('/api/me/training', z.array(trainingAssignmentSchema), { signal }),
  });

/** Every change to a playlist refreshes everything about playlists: one line, keys from general to specific. */
function useInvalidatingMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: playlistKeys.all }),
  });
}

export const useCreatePlaylist = () =>
  useInvalidatingMutation((input: PlaylistInput) => apiPost('/api/playlists', input, playlistSchema));

export const useUpdatePlaylist = (id: string) =>
  useInvalidatingMutation((patch: { title?: string; description?: string }) =>
    apiPatch(path(id), patch, playlistSchema),
  );

export const useDeletePlaylist = (id: string) => useInvalidatingMutation(() => apiDelete(path(id), z.null()));

export const useAddClip = () =>
  useInvalidatingMutation(({ playlistId, ...clip }: PlaylistItemInput & { playlistId: string }) =>
    apiPost(`${path(playlistId)}/items`, clip, playlistItemSchema),
  );

export const useUpdateClip = (playlistId: string) =>
  useInvalidatingMutation(({ itemId, ...patch }: PlaylistItemPatch & { itemId: string }) =>
    apiPatch(`${path(playlistId)}/items/${encodeURIComponent(itemId)}`, patch, playlistItemSchema),
  );

export const useRemoveClip = (playlistId: string) =>
  useInvalidatingMutation((itemId: string) =>
    apiDelete(`${path(playlistId)}/items/${encodeURIComponent(itemId)}`, z.null()),
  );

/** Shows the new order at once; a 409 (the clips changed meanwhile) brings back the server's copy. */
export function useReorderClips(playlistId: string) {
  const queryClient = useQueryClient();
  const key = playlistQueryOptions(playlistId).queryKey;
  return useMutation({
    mutationFn: (itemIds: string[]) => apiPut(`${path(playlistId)}/items/order`, { itemIds }, playlistSchema),
    onMutate: async (itemIds) => {
      await queryClient.cancelQueries({ queryKey: key });
      queryClient.setQueryData(key, (playlist) =>
        playlist
          ? {
              ...playlist,
              items: itemIds.flatMap((id) => playlist.items.filter((item) => item.id === id)),
            }
          : playlist,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: playlistKeys.all }),
  });
}

export const useAssignPlaylist = (playlistId: string) =>
  useInvalidatingMutation((input: PlaylistAssignmentInput) =>
    apiPost(`${path(playlistId)}/assignments`, input, z.array(playlistAssignmentSchema)),
  );

/** Reports ranges played of a clip; the server merges them with what it had. */
export const reportProgress = (playlistId: string, itemId: string, playedRanges: [number, number][]) =>
  apiPut(
    `${path(playlistId)}/items/${encodeURIComponent(itemId)}/progress`,
    { playedRanges },
    itemProgressSchema,
  );

/**
 * Tells the audit trail that a player session started playing the clip's recording: S3 media never passes
 * through Tapeline, so this is the play's only trace there, and the playlist vouches for assignees who may
 * not see the recording itself (the review page's report would be refused them).
 */
export const reportPlay = (playlistId: string, itemId: string, playSession: string) => {
  const body: PlayReport = { playSession };
  return apiPost(`${path(playlistId)}/items/${encodeURIComponent(itemId)}/plays`, body, z.null());
};
