// The administrators' people: users and teams (the users and teams API of issue 10).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { teamSchema } from '../../../contract/auth';
import {
  createdUserSchema,
  userSchema,
  type CreateUserRequest,
  type UpdateUserRequest,
} from '../../../contract/users';
import { apiGet, apiPatch, apiPost } from '../../lib/api-client';

const usersKey = ['users'] as const;

export function usersQueryOptions() {
  return queryOptions({
    queryKey: usersKey,
    queryFn: ({ signal }) => apiGet('/api/users', z.array(userSchema), { signal }),
  });
}

export function teamsQueryOptions() {
  return queryOptions({
    queryKey: ['teams'],
    queryFn: ({ signal }) => apiGet('/api/teams', z.array(teamSchema), { signal }),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateUserRequest) => apiPost('/api/users', request, createdUserSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateUserRequest }) =>
      apiPatch(`/api/users/${encodeURIComponent(id)}`, changes, userSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
