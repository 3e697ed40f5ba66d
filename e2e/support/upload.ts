// A client's whole upload through the recordings lifecycle: create, one PUT of every byte, complete.
import { expect, type APIRequestContext } from '@playwright/test';
import type { ApiRecording } from './person';

/**
 * Uploads `bytes` as a new recording described by `body` (`POST /api/recordings`) and returns the
 * completed activity. `headers` go with every request (a session's CSRF token; an API key's context
 * carries its own authorization).
 */
export async function uploadRecording(
  request: APIRequestContext,
  base: string,
  body: object,
  bytes: Buffer,
  {
    headers = {},
    contentType = 'application/octet-stream',
  }: { headers?: Record<string, string>; contentType?: string } = {},
): Promise<ApiRecording> {
  const created = await request.post(`${base}/api/recordings`, { headers, data: body });
  expect(created.status(), await created.text()).toBe(201);
  const recording = ((await created.json()) as { data: { id: string; uploadUrl: string } }).data;
  const put = await request.put(recording.uploadUrl, {
    headers: {
      ...headers,
      'content-type': contentType,
      'content-range': `bytes 0-${bytes.length - 1}/${bytes.length}`,
    },
    data: bytes,
  });
  expect(put.status(), await put.text()).toBe(200);
  const completed = await request.post(`${base}/api/recordings/${recording.id}/complete`, {
    headers,
    data: {},
  });
  expect(completed.status(), await completed.text()).toBe(200);
  return ((await completed.json()) as { data: { activity: ApiRecording } }).data.activity;
}
