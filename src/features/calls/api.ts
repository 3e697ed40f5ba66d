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

export function getCall(id: string, signal?: AbortSignal) {
  return apiGet(`/api/calls/${encodeURIComponent(id)}`, callSchema, { signal });
}

export function callQueryOptions(id: string) {
  return queryOptions({
    queryKey: callKeys.call(id),
    queryFn: ({ signal }) => getCall(id, signal),
    // The ICE credentials in it are short-lived: a running call asks for fresh ones itself (getCall).
    staleTime: Infinity,
  });
}

export function joinCall(token: string, guestKey: string | undefined) {
  return apiPost('/api/calls/join', guestKey ? { token, guestKey } : { token }, guestCallSchema);
}
