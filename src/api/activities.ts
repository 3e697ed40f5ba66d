// Conversations and their recording activities: the queryOptions every feature reads them through.
// Keys go from general to specific, so `['objects']` invalidates everything below it.
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import {
  RECORDING_ACTIVITY_TYPE,
  conversationObjectSchema,
  recordingActivitySchema,
  type RecordingActivity,
} from '../../contract/activities';
import { apiGetList, type ApiPage } from '../lib/api-client';
import { reportRejectedItems } from '../lib/contract-notices';

/** A recording activity with the key the SPA uses for it (the id, or one derived when a server omits it). */
export type RecordingEntry = RecordingActivity & { key: string };

export const TIMELINE_PAGE_SIZE = 200;

function withKeys(page: ApiPage<RecordingActivity>): ApiPage<RecordingEntry> {
  return { ...page, items: page.items.map((activity) => ({ ...activity, key: recordingKey(activity) })) };
}

/** Stable across fetches: signed URLs change their query string, never their path. */
export function recordingKey(activity: Pick<RecordingActivity, 'id' | 'recordingUrl' | 'timestamp'>): string {
  if (activity.id) return activity.id;
  const url = new URL(activity.recordingUrl);
  return `${url.origin}${url.pathname}@${activity.timestamp}`;
}

export const objectKeys = {
  all: ['objects'] as const,
  recordings: (objectId: string) =>
    ['objects', objectId, 'activities', { type: RECORDING_ACTIVITY_TYPE }] as const,
  recordingPages: (objectId: string) =>
    ['objects', objectId, 'activities', { type: RECORDING_ACTIVITY_TYPE, paged: true }] as const,
};

export function objectsQueryOptions() {
  return queryOptions({
    queryKey: objectKeys.all,
    queryFn: async ({ signal }) => {
      const page = await apiGetList('/api/objects', conversationObjectSchema, { signal });
      reportRejectedItems('/api/objects', page.rejected);
      return page.items;
    },
  });
}

const recordingsPath = (objectId: string) =>
  `/api/objects/${encodeURIComponent(objectId)}/activities?activityType=${RECORDING_ACTIVITY_TYPE}`;

/** Every recording of an object, newest first (for the review page: the current one, previous and next). */
export function objectRecordingsQueryOptions(objectId: string) {
  return queryOptions({
    queryKey: objectKeys.recordings(objectId),
    queryFn: async ({ signal }) => {
      const path = recordingsPath(objectId);
      const page = withKeys(await apiGetList(path, recordingActivitySchema, { signal }));
      reportRejectedItems(path, page.rejected);
      return page.items;
    },
  });
}

/** The object's recordings page by page (for long timelines). */
export function objectRecordingPagesQueryOptions(objectId: string, pageSize = TIMELINE_PAGE_SIZE) {
  return infiniteQueryOptions({
    queryKey: objectKeys.recordingPages(objectId),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const cursor = pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : '';
      const path = `${recordingsPath(objectId)}&limit=${pageSize}${cursor}`;
      const page = withKeys(await apiGetList(path, recordingActivitySchema, { signal }));
      reportRejectedItems(path, page.rejected);
      return page;
    },
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
