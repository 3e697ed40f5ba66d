// Two people on a recorded video call through Tapeline, each in their own browser context with
// Chromium's fake camera and microphone: the agent starts it from the conversation, the customer joins by
// the guest link, they talk, hang up, and the recording is on the conversation, measured and seekable.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect as baseExpect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import config from '../playwright.config';
import { apiData, signIn, tapelineUrl, type ApiObject, type ApiRecording } from './support/person';

// Two browsers, WebRTC and a recorder share a busy machine: give what the pages show time to appear.
const expect = baseExpect.configure({ timeout: 45_000 });
const projectArgs = config.use?.launchOptions?.args ?? [];
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FAKE_DEVICES = ['--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

test.use({
  launchOptions: {
    executablePath,
    args: [...projectArgs, ...FAKE_DEVICES, '--use-fake-ui-for-media-stream'],
  },
});

interface Call {
  agent: Page;
  guest: Page;
  guestContext: BrowserContext;
  guestUrl: string;
  objectId: string;
  before: number;
}

/** The remote video's playback position once it plays real frames (NaN before). */
async function remotePlayback(page: Page): Promise<number> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video[aria-label="Remote video"]');
    if (!video || video.paused || video.readyState < 2 || video.videoWidth === 0) return Number.NaN;
    return video.currentTime;
  });
}

async function expectPlaying(page: Page) {
  await expect.poll(() => remotePlayback(page), { timeout: 30_000 }).toBeGreaterThan(0);
}

/** Waits until `seconds` more of the call have played on the agent's side (observable, not a sleep). */
async function talkFor(page: Page, seconds: number) {
  const from = await remotePlayback(page);
  await expect
    .poll(async () => (await remotePlayback(page)) - from, {
      timeout: (seconds + 60) * 1000,
      intervals: [250],
    })
    .toBeGreaterThanOrEqual(seconds);
}

async function recordingsOf(page: Page, objectId: string, base = tapelineUrl()) {
  return apiData<ApiRecording[]>(page, `${base}/api/objects/${objectId}/activities?activityType=27`);
}

async function startCall(browser: Browser, base = tapelineUrl()): Promise<Call> {
  const t0 = Date.now();
  const log = (what: string) => console.log(what, Date.now() - t0);
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, 'agent', base);
  log('signed in');
  const objects = await apiData<ApiObject[]>(agent, `${base}/api/objects`);
  const objectId = objects[0]!.objectId;
  const before = (await recordingsOf(agent, objectId, base)).length;

  await agent.goto(`${base}/objects/${objectId}`);
  await agent.getByRole('link', { name: 'Start call' }).click();
  await expect(agent.getByText('This call is recorded.')).toBeVisible();
  log('preview');
  await agent.getByRole('button', { name: 'Start call' }).click();
  const guestUrl = await agent.getByLabel('Guest link').inputValue();
  expect(guestUrl).toMatch(/\/join\//);

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  log('link');
  await guest.goto(guestUrl);
  await expect(guest.getByText('This call is recorded.')).toBeVisible();
  log('guest preview');
  await guest.getByRole('button', { name: 'Join call' }).click();
  return { agent, guest, guestContext, guestUrl, objectId, before };
}

async function expectNewRecording(call: Call, seconds: number, base = tapelineUrl()) {
  await expect(call.agent.getByTestId('recording-status')).toContainText('Recording saved', {
    timeout: 60_000,
  });
  const after = await recordingsOf(call.agent, call.objectId, base);
  expect(after).toHaveLength(call.before + 1);
  const recording = after[0]!;
  expect(Math.abs(recording.duration - seconds)).toBeLessThanOrEqual(2);
  return recording;
}

function expectFfprobeClean(bytes: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'tapeline-call-'));
  try {
    const file = join(dir, 'call.webm');
    writeFileSync(file, bytes);
    const errors = execFileSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(errors).toContain('codec_type=video');
    expect(errors).toContain('codec_type=audio');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test.describe('a recorded video call', () => {
  test.describe.configure({ timeout: 420_000 });

  test('agent and customer see each other, talk 20 s, hang up: one seekable recording of 20 s', async ({
    browser,
  }) => {
    const started = Date.now();
    const call = await startCall(browser);
    console.log('started', Date.now() - started);
    await expectPlaying(call.agent);
    console.log('playing', Date.now() - started);
    await expectPlaying(call.guest);
    await expect(call.guest.getByTestId('recording-indicator')).toHaveText('Recording');
    await expect(call.agent.getByTestId('recording-indicator')).toHaveText('Recording');

    await talkFor(call.agent, 20);
    await call.agent.screenshot({ path: 'test-results/call-agent.png' });
    await call.guest.screenshot({ path: 'test-results/call-guest.png' });
    await call.agent.getByRole('button', { name: 'Hang up' }).click();
    await expect(call.guest.getByTestId('call-status')).toContainText('hung up');
    const recording = await expectNewRecording(call, 20);

    const media = await call.agent.request.get(recording.recordingUrl);
    expect(media.status()).toBe(200);
    expectFfprobeClean(await media.body());

    // On the timeline without a reload, and seekable in the player.
    await call.agent.getByRole('link', { name: 'See it on the conversation' }).click();
    await expect(call.agent.getByTestId('recording-total')).toContainText(`${call.before + 1} recording`);
    await call.agent.goto(`${tapelineUrl()}/objects/${call.objectId}/recordings/${recording.id}?t=15`);
    await expect
      .poll(() => call.agent.evaluate(() => document.querySelector('video')?.currentTime ?? 0), {
        timeout: 20_000,
      })
      .toBeGreaterThan(14);

    // The link let one person in, once.
    const again = await browser.newContext();
    const stranger = await again.newPage();
    await stranger.goto(call.guestUrl);
    await stranger.getByRole('button', { name: 'Join call' }).click();
    await expect(stranger.getByRole('heading', { name: 'You can’t join with this link' })).toBeVisible();
    await expect(stranger.getByText(/call has ended|already used/)).toBeVisible();
    await again.close();
    await call.guestContext.close();
    await call.agent.context().close();
  });
});
