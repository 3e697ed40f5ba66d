// The signed-in person's own account: their API keys and their password.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import {
  apiKeySchema,
  createdApiKeySchema,
  type ChangePasswordRequest,
  type CreateApiKeyRequest,
} from '../../../contract/account';
import { apiDelete, apiGet, apiPost, apiPut } from '../../lib/api-client';

const apiKeysKey = ['me', 'api-keys'] as const;

export function apiKeysQueryOptions() {
  return queryOptions({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) => apiGet('/api/me/api-keys', z.array(apiKeySchema), { signal }),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateApiKeyRequest) => apiPost('/api/me/api-keys', request, createdApiKeySchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete(`/api/me/api-keys/${encodeURIComponent(id)}`, apiKeySchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (request: ChangePasswordRequest) => apiPut('/api/me/password', request, z.null()),
  });
}
