// A call with the camera off is a real call: Chromium records sound alone with MediaRecorder, the server
// keeps it as an audio recording, and the review page plays and seeks it in an audio view. Audio files in
// the other formats (Ogg/Opus, M4A/AAC), imported through the API, play in Chromium too.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import config from '../playwright.config';
import { apiData, signIn, tapelineUrl, type ApiObject, type ApiRecording } from './support/person';
import { uploadRecording } from './support/upload';

const projectArgs = config.use?.launchOptions?.args ?? [];

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...projectArgs,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

async function danasObject(page: Page) {
  const objects = await apiData<ApiObject[]>(page, '/api/objects');
  return objects.find((object) => object.agent.first_name === 'Dana')!.objectId;
}

/** The CSRF header a signed-in page sends with writes. */
async function csrfHeaders(page: Page) {
  const me = await apiData<{ csrfToken: string }>(page, '/api/me');
  return { 'x-csrf-token': me.csrfToken };
}

test('a call with the camera off becomes an audio recording that plays and seeks in the review page', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, 'admin');
  const objectId = await danasObject(page);
  const callId = `e2e-audio-${Date.now()}`;

  const result = await page.evaluate(
    async ({ objectId, callId }) => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
      const recorder = new MediaRecorder(stream, { mimeType: 'audio/webm;codecs=opus' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(1000);
      await new Promise((resolve) => setTimeout(resolve, 5000)); // the call itself lasts 5 s
      recorder.stop();
      await stopped;
      stream.getTracks().forEach((track) => track.stop());

      const me = await (await fetch('/api/me')).json();
      const headers = { 'x-csrf-token': me.data.csrfToken as string };
      const created = await fetch('/api/recordings', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ objectId, agent: 'agent', callId }),
      });
      const recording = (await created.json()).data;
      const total = chunks.reduce((sum, chunk) => sum + chunk.size, 0);
      let offset = 0;
      for (const [index, chunk] of chunks.entries()) {
        const last = index === chunks.length - 1;
        const put = await fetch(recording.uploadUrl, {
          method: 'PUT',
          headers: {
            ...headers,
            'content-type': 'audio/webm',
            'content-range': `bytes ${offset}-${offset + chunk.size - 1}/${last ? total : '*'}`,
          },
          body: chunk,
        });
        if (!put.ok) throw new Error(`chunk ${index}: ${put.status} ${await put.text()}`);
        offset += chunk.size;
      }
      const completed = await fetch(`/api/recordings/${recording.id}/complete`, { method: 'POST', headers });
      return { status: completed.status, body: await completed.json() };
    },
    { objectId, callId },
  );

  expect(result.status, JSON.stringify(result.body)).toBe(200);
  const activity = result.body.data.activity as ApiRecording;
  expect(activity.recordingType).toBe('audio');
  expect(Math.abs(activity.duration - 5)).toBeLessThanOrEqual(1);
  expect(JSON.parse(activity.data!)).toMatchObject({ callId, recordingType: 'audio', audioCodec: 'opus' });
  const media = await page.request.head(activity.recordingUrl);
  expect(media.headers()['content-type']).toBe('audio/webm');

  await page.goto(`${tapelineUrl()}/objects/${objectId}/recordings/${activity.id}`);
  const audioView = page.getByTestId('audio-view');
  await expect(audioView).toBeVisible();
  await expect(audioView).toContainText('Audio recording');
  const player = page.locator('video.vjs-tech');
  await expect.poll(() => player.evaluate((video: HTMLVideoElement) => video.duration)).toBeGreaterThan(4);

  // Plays: time moves on. Seeks: jumping near the end plays on from there.
  await page.getByRole('button', { name: 'Play Video' }).click();
  await expect
    .poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime))
    .toBeGreaterThan(0.5);
  await page.screenshot({ path: 'test-results/audio-review.png' });
  // It may have played to the end meanwhile: seek back, and play on from there.
  await player.evaluate(async (video: HTMLVideoElement) => {
    video.pause();
    video.currentTime = 3.5;
    await video.play();
  });
  await expect
    .poll(() => player.evaluate((video: HTMLVideoElement) => video.currentTime))
    .toBeGreaterThan(3.6);
  await expect(page.locator('.vjs-control-bar')).toBeVisible();
});

test('Ogg/Opus and M4A/AAC recordings imported through the API play in Chromium', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'admin');
  const objectId = await danasObject(page);
  const headers = await csrfHeaders(page);
  const dir = await mkdtemp(join(tmpdir(), 'tapeline-e2e-audio-'));
  try {
    for (const [file, codec, mimeType] of [
      ['voice.ogg', 'libopus', 'audio/ogg'],
      ['voice.m4a', 'aac', 'audio/mp4'],
    ] as const) {
      const path = join(dir, file);
      await promisify(execFile)('ffmpeg', [
        ...['-v', 'error', '-f', 'lavfi', '-i', 'sine=f=440', '-t', '4', '-c:a', codec, path],
      ]);
      const bytes = await readFile(path);
      const activity = await uploadRecording(
        page.request,
        tapelineUrl(),
        { objectId, agent: 'agent' },
        bytes,
        {
          headers,
        },
      );
      expect(activity).toMatchObject({ recordingType: 'audio', duration: 4 });
      expect((await page.request.head(activity.recordingUrl)).headers()['content-type']).toBe(mimeType);

      const playback = await page.evaluate(async (url) => {
        const audio = new Audio(url);
        audio.muted = true;
        await new Promise((resolve, reject) => {
          audio.onloadedmetadata = resolve;
          audio.onerror = () => reject(new Error(`does not load: ${audio.error?.message ?? ''}`));
        });
        const seeked = new Promise((resolve) => audio.addEventListener('seeked', resolve, { once: true }));
        audio.currentTime = 2;
        await seeked;
        await audio.play();
        const started = audio.currentTime;
        while (audio.currentTime <= started + 0.3 && !audio.ended) {
          await new Promise((resolve) => audio.addEventListener('timeupdate', resolve, { once: true }));
        }
        return { duration: audio.duration, reached: audio.currentTime };
      }, activity.recordingUrl);
      expect(Math.abs(playback.duration - 4), file).toBeLessThan(0.2);
      expect(playback.reached, file).toBeGreaterThan(2.3);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
