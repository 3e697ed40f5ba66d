// Calls: start one, read it (its host), join it (its guest).
import { queryOptions } from '@tanstack/react-query';
import { callSchema, guestCallSchema } from '../../../contract/calls';
import { apiGet, apiPost } from '../../lib/api-client';

export const callKeys = {
  call: (id: string) => ['calls', id] as const,
};

export function startCall(objectId: string) {
  return apiPost(`/api/objects/${encodeURIComponent(objectId)}/calls`, undefined, callSchema);
}

export function callQueryOptions(id: string) {
  return queryOptions({
    queryKey: callKeys.call(id),
    queryFn: ({ signal }) => apiGet(`/api/calls/${encodeURIComponent(id)}`, callSchema, { signal }),
    // The ICE credentials in it are short-lived, but a running call keeps the ones it started with.
    staleTime: Infinity,
  });
}

export function joinCall(token: string, guestKey: string | undefined) {
  return apiPost('/api/calls/join', guestKey ? { token, guestKey } : { token }, guestCallSchema);
}
