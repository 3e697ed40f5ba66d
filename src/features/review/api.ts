// The review page's own calls: telling the audit trail a recording page was opened, and the download URL.
import { useEffect } from 'react';
import * as z from 'zod/mini';
import { apiPost, apiUrl } from '../../lib/api-client';

export function recordingDownloadUrl(activityId: string): string {
  return apiUrl(`/api/activities/${encodeURIComponent(activityId)}/download`);
}

/** Records one "recording viewed" audit entry each time the page opens a recording. */
export function useRecordingViewed(activityId: string | null) {
  useEffect(() => {
    if (!activityId) return;
    // Best effort: the page works whether or not the trail heard of it (a CommBox API has no such route).
    apiPost(`/api/activities/${encodeURIComponent(activityId)}/views`, undefined, z.null()).catch(
      () => undefined,
    );
  }, [activityId]);
}
