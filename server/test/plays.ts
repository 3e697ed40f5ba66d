// What the plays specs do as a player and as an auditor: fetch a recording's URL in 40 ranges, as one
// player session does, and read the `media.played` entries that name a recording.
import { expect } from 'vitest';
import type { AuditEntry } from '../../contract/audit';
import type { TestContext } from './harness';

const RANGE_REQUESTS = 40;

/**
 * One player session's fetches: 40 ranges of `recordingUrl`, through the media route (local storage, with
 * the session's `play=` and the viewer's cookie) or straight from the bucket (S3, the URL presigned).
 */
export async function playInRanges(
  ctx: TestContext,
  play: { storage: 'local' | 's3'; recordingUrl: string; playSession: string; cookie: string },
) {
  for (let i = 0; i < RANGE_REQUESTS; i += 1) {
    const range = `bytes=${i * 100}-${i * 100 + 99}`;
    if (play.storage === 's3') {
      const response = await fetch(play.recordingUrl, { headers: { range } });
      await response.arrayBuffer();
      expect(response.status).toBe(206);
    } else {
      const url = new URL(play.recordingUrl);
      const response = await ctx.app.inject({
        method: 'GET',
        url: `${url.pathname}${url.search}&play=${play.playSession}`,
        headers: { cookie: play.cookie, range },
      });
      expect(response.statusCode).toBe(206);
    }
  }
}

/** The `media.played` entries naming the recording, read by an admin's key (the trail's buffer is written first). */
export async function mediaPlayedEntries(
  ctx: TestContext,
  adminKey: string,
  activityId: string,
): Promise<AuditEntry[]> {
  const response = await ctx.app.inject({
    method: 'GET',
    url: `/api/audit?action=media.played&resourceId=${activityId}`,
    headers: { authorization: `Bearer ${adminKey}` },
  });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { data: AuditEntry[] }).data;
}
