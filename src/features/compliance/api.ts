// Compliance for admins: the audit trail (keyset pages, CSV export), legal holds on a recording, deleting
// a recording on request, per-team retention and running it now.
import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import * as z from 'zod/mini';
import { auditEntrySchema } from '../../../contract/audit';
import { holdSchema, retentionRunSchema, teamRetentionSchema } from '../../../contract/retention';
import { objectKeys } from '../../api/activities';
import { apiDelete, apiGet, apiGetList, apiPost, apiPut, apiUrl } from '../../lib/api-client';

export interface AuditFilters {
  actor?: string;
  action?: string;
  resourceId?: string;
  /** ISO-8601 instants. */
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export const complianceKeys = {
  audit: (filters: AuditFilters) => ['audit', filters] as const,
  holds: (activityId: string) => ['holds', { activityId }] as const,
  retention: ['retention'] as const,
};

function auditSearch(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return params;
}

export function auditQueryOptions(filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: complianceKeys.audit(filters),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = auditSearch(filters);
      params.set('limit', String(AUDIT_PAGE_SIZE));
      if (pageParam) params.set('cursor', pageParam);
      return apiGetList(`/api/audit?${params}`, auditEntrySchema, { signal });
    },
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** The CSV export of every entry matching `filters` (the browser downloads it). */
export function auditCsvUrl(filters: AuditFilters): string {
  const params = auditSearch(filters).toString();
  return apiUrl(`/api/audit.csv${params ? `?${params}` : ''}`);
}

export function holdsQueryOptions(activityId: string) {
  return queryOptions({
    queryKey: complianceKeys.holds(activityId),
    queryFn: ({ signal }) =>
      apiGet(`/api/holds?activityId=${encodeURIComponent(activityId)}`, z.array(holdSchema), { signal }),
  });
}

export function usePlaceHold(activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      apiPost('/api/holds', { activityId, reason }, z.object({ id: z.string() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complianceKeys.holds(activityId) }),
  });
}

export function useReleaseHold(activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (holdId: string) => apiDelete(`/api/holds/${encodeURIComponent(holdId)}`, z.null()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complianceKeys.holds(activityId) }),
  });
}

export function useDeleteRecording(objectId: string, activityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      apiDelete(
        `/api/activities/${encodeURIComponent(activityId)}?reason=${encodeURIComponent(reason)}`,
        z.null(),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: objectKeys.recordings(objectId).slice(0, 2) }),
  });
}

export function retentionQueryOptions() {
  return queryOptions({
    queryKey: complianceKeys.retention,
    queryFn: ({ signal }) => apiGet('/api/retention', z.array(teamRetentionSchema), { signal }),
  });
}

export function useSetRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ teamId, days }: { teamId: string; days: number | null }) =>
      apiPut(`/api/teams/${encodeURIComponent(teamId)}/retention`, { days }, teamRetentionSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: complianceKeys.retention }),
  });
}

export function useRunRetention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiPost('/api/retention/run', undefined, retentionRunSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: objectKeys.all }),
  });
}
