// The review page's own calls: telling the audit trail a recording page was opened and a player session
// played it, and the download URL.
import { useEffect, useRef } from 'react';
import * as z from 'zod/mini';
import type { PlayReport } from '../../../contract/audit';
import { apiPost, apiUrl } from '../../lib/api-client';
import type { PlayerHandle } from './player-handle';

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

/**
 * Tells the audit trail, at the player session's first `play`, that the recording played: S3 media never
 * passes through Tapeline, so this is the play's only trace there (local media is heard by the media
 * route too, under the same session: the trail keeps one entry).
 */
export function usePlayReported(
  player: Pick<PlayerHandle, 'on' | 'paused'> | null,
  activityId: string | null,
  playSession: string,
) {
  const reported = useRef(false);
  useEffect(() => {
    if (!player || !activityId) return;
    const report = () => {
      if (reported.current) return;
      reported.current = true;
      const body: PlayReport = { playSession };
      // Fire and forget: playback never waits for the trail, nor stops when it cannot be told.
      apiPost(`/api/activities/${encodeURIComponent(activityId)}/plays`, body, z.null()).catch(
        () => undefined,
      );
    };
    if (!player.paused()) report();
    return player.on('play', report);
  }, [player, activityId, playSession]);
}
