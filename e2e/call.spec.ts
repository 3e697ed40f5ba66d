// Two people on a recorded video call through Tapeline, each in their own browser context with
// Chromium's fake camera and microphone: the agent starts it from the conversation, the customer joins by
// the guest link, they talk, hang up, and the recording is on the conversation, measured and seekable.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  expect as baseExpect,
  test,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import config from '../playwright.config';
import { freePort } from '../server/test/free-port';
import { apiData, tapelineUrl, type ApiObject, type ApiRecording } from './support/person';
import { startTapeline } from './support/tapeline-server';

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
  /** When the agent pressed "Start call" (ms): the recording begins then, before the guest is in. */
  startedAt: number;
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
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  // Signed in through the API (the sign-in page itself is another spec's): scrypt on a busy machine
  // takes longer than the page helper waits.
  const login = await agent.request.post(`${base}/api/auth/login`, {
    data: { username: 'agent', password: 'tapeline' },
    timeout: 60_000,
  });
  expect(login.ok()).toBe(true);
  const objects = await apiData<ApiObject[]>(agent, `${base}/api/objects`);
  const objectId = objects[0]!.objectId;
  const before = (await recordingsOf(agent, objectId, base)).length;

  await agent.goto(`${base}/objects/${objectId}`);
  await agent.getByRole('link', { name: 'Start call' }).click();
  await expect(agent.getByText('This call is recorded.')).toBeVisible();
  const startedAt = Date.now();
  await agent.getByRole('button', { name: 'Start call' }).click();
  const guestUrl = await agent.getByLabel('Guest link').inputValue();
  expect(guestUrl).toMatch(/\/join\//);

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(guestUrl);
  await expect(guest.getByText('This call is recorded.')).toBeVisible();
  await guest.getByRole('button', { name: 'Join call' }).click();
  return { agent, guest, guestContext, guestUrl, objectId, before, startedAt };
}

/**
 * The new recording covers all `talked` seconds of the conversation and no more than the call lasted
 * (it starts when the agent starts the call, so it also holds the wait for the guest).
 */
async function expectNewRecording(call: Call, talked: number, base = tapelineUrl()) {
  const callSeconds = (Date.now() - call.startedAt) / 1000;
  await expect(call.agent.getByTestId('recording-status')).toContainText('Recording saved', {
    timeout: 60_000,
  });
  const after = await recordingsOf(call.agent, call.objectId, base);
  expect(after).toHaveLength(call.before + 1);
  const recording = after[0]!;
  expect(recording.duration).toBeGreaterThanOrEqual(talked - 2);
  expect(recording.duration).toBeLessThanOrEqual(callSeconds + 2);
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
    const call = await startCall(browser);
    await expectPlaying(call.agent);
    await expectPlaying(call.guest);
    await expect(call.guest.getByTestId('recording-indicator')).toHaveText('Recording');
    await expect(call.agent.getByTestId('recording-indicator')).toHaveText('Recording');

    await talkFor(call.agent, 20);
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

  test('uploads blocked for 10 s mid-call: the backlog goes out after, and the recording covers the whole call', async ({
    browser,
  }) => {
    const call = await startCall(browser);
    await expectPlaying(call.agent);
    await expect(call.agent.getByTestId('recording-indicator')).toBeVisible();
    await talkFor(call.agent, 5);
    await call.agent.route('**/api/recordings/*/content', (route) => route.abort('internetdisconnected'));
    await talkFor(call.agent, 10);
    await call.agent.unroute('**/api/recordings/*/content');
    await talkFor(call.agent, 5);
    await call.agent.getByRole('button', { name: 'Hang up' }).click();
    await expectNewRecording(call, 20);
    await call.guestContext.close();
    await call.agent.context().close();
  });

  test('the agent’s tab closes mid-call: the customer is told, and the next visit saves the recording', async ({
    browser,
  }) => {
    const call = await startCall(browser);
    await expectPlaying(call.guest);
    await expect(call.agent.getByTestId('recording-indicator')).toBeVisible();
    await talkFor(call.agent, 6);
    const agentContext = call.agent.context();
    await call.agent.close();
    await expect(call.guest.getByTestId('call-status')).toContainText('The call has ended');

    // Back in the app: what the closed tab left in IndexedDB is uploaded and completed.
    const back = await agentContext.newPage();
    await back.goto(`${tapelineUrl()}/objects/${call.objectId}`);
    await expect(back.getByText('A call recording from an earlier visit was saved.')).toBeVisible({
      timeout: 90_000,
    });
    const after = await recordingsOf(back, call.objectId);
    expect(after).toHaveLength(call.before + 1);
    expect(after[0]!.duration).toBeGreaterThanOrEqual(4);
    await expect(back.getByTestId('recording-total')).toContainText(`${call.before + 1} recording`);
    await call.guestContext.close();
    await agentContext.close();
  });
});

test('a denied camera gets a clear message before joining', async () => {
  // Without the fake UI, headless Chromium answers the permission prompt with a refusal.
  const browser = await chromium.launch({ executablePath, args: [...projectArgs, ...FAKE_DEVICES] });
  try {
    const page = await browser.newPage();
    await page.goto(`${tapelineUrl()}/join/not-a-real-link`);
    await expect(page.getByRole('alert')).toContainText('Camera and microphone access was denied');
    await page.screenshot({ path: 'test-results/call-denied.png' });
  } finally {
    await browser.close();
  }
});

/** coturn on 127.0.0.1 with use-auth-secret, as the README sets it up; stopped by `stop()`. */
async function startCoturn(secret: string) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tapeline-coturn-'));
  const child = spawn(
    'turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=tapeline.test',
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--allow-loopback-peers',
      '--fingerprint',
      `--userdb=${join(dir, 'turndb')}`,
      `--pidfile=${join(dir, 'turnserver.pid')}`,
      '--log-file=stdout',
      '--simple-log',
      '--verbose',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await expect.poll(() => output, { timeout: 20_000 }).toContain('listener opened on');
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    output: () => output,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

test('a call relayed only through TURN (iceTransportPolicy "relay") via coturn on 127.0.0.1', async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const secret = randomBytes(24).toString('hex');
  const turn = await startCoturn(secret);
  const tapeline = await startTapeline({
    TURN_SECRET: secret,
    TURN_URLS: turn.url,
    ICE_TRANSPORT_POLICY: 'relay',
  }).catch(async (error: unknown) => {
    await turn.stop();
    throw error;
  });
  try {
    const call = await startCall(browser, tapeline.url);
    await expectPlaying(call.agent);
    await expectPlaying(call.guest);
    // Both peers took relay allocations with the minted credentials, and coturn relayed their media.
    expect(turn.output()).toMatch(/ALLOCATE processed, success/);
    expect(turn.output()).toMatch(/<\d+:call-[0-9a-f-]+-host>/);
    expect(turn.output()).toMatch(/<\d+:call-[0-9a-f-]+-guest>/);
    await call.agent.getByRole('button', { name: 'Hang up' }).click();
    await expect(call.guest.getByTestId('call-status')).toContainText('hung up');
    await call.guestContext.close();
    await call.agent.context().close();
  } finally {
    await tapeline.stop();
    await turn.stop();
  }
});
