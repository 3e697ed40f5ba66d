// A real browser records a call with MediaRecorder, uploads it chunk by chunk, and plays back the repaired file.
import { expect, test } from '@playwright/test';
import config from '../playwright.config';
import { tapelineUrl as baseURL } from './support/person';

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

test('a MediaRecorder recording is uploaded, repaired and becomes a seekable recording activity', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const login = await page.request.post(baseURL() + '/api/auth/login', {
    data: { username: 'admin', password: 'tapeline' },
  });
  expect(login.ok()).toBe(true);
  await page.goto(baseURL() + '/');

  const objects = (await (await page.request.get(baseURL() + '/api/objects')).json()) as {
    data: { objectId: string; agent: { first_name: string } }[];
  };
  const object = objects.data.find((o) => o.agent.first_name === 'Dana')!;

  const result = await page.evaluate(
    async ({ objectId }) => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(1000);
      await new Promise((resolve) => setTimeout(resolve, 6000)); // the call itself lasts 6 s
      recorder.stop();
      await stopped;
      stream.getTracks().forEach((track) => track.stop());

      // Before repair: MediaRecorder's WebM has no duration, the browser says Infinity.
      const raw = new Blob(chunks, { type: 'video/webm' });
      const probe = document.createElement('video');
      probe.muted = true;
      probe.src = URL.createObjectURL(raw);
      await new Promise((resolve, reject) => {
        probe.onloadedmetadata = resolve;
        probe.onerror = () => reject(new Error('the raw recording does not load'));
      });
      const rawDuration = probe.duration;

      const me = await (await fetch('/api/me')).json();
      const headers = { 'x-csrf-token': me.data.csrfToken as string };
      const created = await fetch('/api/recordings', {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ objectId, agent: 'agent' }),
      });
      const recording = (await created.json()).data;
      let offset = 0;
      for (const [index, chunk] of chunks.entries()) {
        const last = index === chunks.length - 1;
        const put = await fetch(recording.uploadUrl, {
          method: 'PUT',
          headers: {
            ...headers,
            'content-type': 'video/webm',
            'content-range': `bytes ${offset}-${offset + chunk.size - 1}/${last ? raw.size : '*'}`,
          },
          body: chunk,
        });
        if (!put.ok) throw new Error(`chunk ${index}: ${put.status} ${await put.text()}`);
        offset += chunk.size;
      }
      const completed = await fetch(`/api/recordings/${recording.id}/complete`, { method: 'POST', headers });
      return {
        createdStatus: created.status,
        rawDuration: rawDuration === Infinity ? 'Infinity' : rawDuration,
        completeStatus: completed.status,
        body: await completed.json(),
      };
    },
    { objectId: object.objectId },
  );

  expect(result.createdStatus).toBe(201);
  expect(result.rawDuration).toBe('Infinity');
  expect(result.completeStatus, JSON.stringify(result.body)).toBe(200);
  const activity = result.body.data.activity as { duration: number; recordingUrl: string };
  expect(Math.abs(activity.duration - 6)).toBeLessThanOrEqual(1);

  // After repair: a finite duration, and seeking to 80 % plays on from there.
  const playback = await page.evaluate(async (url) => {
    const video = document.createElement('video');
    video.muted = true;
    document.body.append(video);
    video.src = url;
    await new Promise((resolve, reject) => {
      video.onloadedmetadata = resolve;
      video.onerror = () => reject(new Error('the stored recording does not load'));
    });
    const duration = video.duration;
    const target = 0.8 * duration;
    const seeked = new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    video.currentTime = target;
    await seeked;
    await video.play();
    const deadline = Date.now() + 10_000;
    while (video.currentTime <= target + 0.1 && !video.ended && Date.now() < deadline) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return {
      duration: Number.isFinite(duration) ? duration : 'Infinity',
      target,
      reached: video.currentTime,
    };
  }, activity.recordingUrl);

  expect(playback.duration).not.toBe('Infinity');
  expect(playback.reached).toBeGreaterThan(playback.target);
});
