// The administrators' people: users and teams (the users and teams API of issue 10). A team's members
// are the users who list it: membership is changed on the user (PATCH /api/users/{id} {teams}).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { teamSchema } from '../../../contract/auth';
import {
  createdUserSchema,
  userSchema,
  type CreateTeamRequest,
  type CreateUserRequest,
  type UpdateUserRequest,
} from '../../../contract/users';
import { apiGet, apiPatch, apiPost } from '../../lib/api-client';

const usersKey = ['users'] as const;
const teamsKey = ['teams'] as const;

export function usersQueryOptions() {
  return queryOptions({
    queryKey: usersKey,
    queryFn: ({ signal }) => apiGet('/api/users', z.array(userSchema), { signal }),
  });
}

export function teamsQueryOptions() {
  return queryOptions({
    queryKey: teamsKey,
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

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateTeamRequest) => apiPost('/api/teams', request, teamSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}
