// What the call specs do as the two people on a call: the agent starts it on a conversation, the customer
// joins by the guest link, each in their own browser context with Chromium's fake camera, microphone and
// screen; what each of them sees and hears; and a coturn on 127.0.0.1 for the TURN path.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect as baseExpect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { freePort } from '../../server/test/free-port';
import { apiData, tapelineUrl, type ApiObject, type ApiRecording } from './person';
import { startTapeline } from './tapeline-server';

// Two browsers, WebRTC and a recorder share a busy machine: give what the pages show time to appear.
export const expect = baseExpect.configure({ timeout: 45_000 });

export const projectArgs = config.use?.launchOptions?.args ?? [];
export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A fake camera and microphone, and video that plays without a gesture. */
export const FAKE_DEVICES = [
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
/** The permission prompts (camera, microphone, screen) answered yes; getDisplayMedia gets a fake screen. */
export const FAKE_UI = '--use-fake-ui-for-media-stream';

export interface Call {
  agent: Page;
  guest: Page;
  guestContext: BrowserContext;
  guestUrl: string;
  objectId: string;
  /** How many recordings the conversation had before the call. */
  before: number;
}

/** The remote video's playback position once it plays real frames (NaN before). */
export async function remotePlayback(page: Page): Promise<number> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video[aria-label="Remote video"]');
    if (!video || video.paused || video.readyState < 2 || video.videoWidth === 0) return Number.NaN;
    return video.currentTime;
  });
}

/** The other party's picture plays on this page. */
export async function expectPlaying(page: Page) {
  await expect.poll(() => remotePlayback(page), { timeout: 30_000 }).toBeGreaterThan(0);
}

/**
 * Waits until the other party's picture has played for `seconds` on this page since it first appeared:
 * the conversation's own clock, observed rather than slept.
 */
export async function talkUntil(page: Page, seconds: number) {
  await expect
    .poll(() => remotePlayback(page), { timeout: (seconds + 60) * 1000, intervals: [250] })
    .toBeGreaterThanOrEqual(seconds);
}

export async function recordingsOf(page: Page, objectId: string, base = tapelineUrl()) {
  return apiData<ApiRecording[]>(page, `${base}/api/objects/${objectId}/activities?activityType=27`);
}

/** The agent starts a call on their first conversation and the customer joins it by the guest link. */
export async function startCall(browser: Browser, base = tapelineUrl()): Promise<Call> {
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
  await agent.getByRole('button', { name: 'Start call' }).click();
  const guestUrl = await agent.getByLabel('Guest link').inputValue();
  expect(guestUrl).toMatch(/\/join\//);
  // Nothing is recorded while the agent waits alone; both know the call will be.
  await expect(agent.getByTestId('recording-indicator')).toHaveText('Will be recorded');

  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  await guest.goto(guestUrl);
  await expect(guest.getByText('This call is recorded.')).toBeVisible();
  await guest.getByRole('button', { name: 'Join call' }).click();
  return { agent, guest, guestContext, guestUrl, objectId, before };
}

/**
 * The agent hangs up when the customer's picture has played `seconds` on their screen. Watched and
 * clicked inside the page, frame by frame: a click from the test process lands a second or two late on a
 * busy machine, and the recording's length is measured against this moment.
 */
export async function hangUpAt(page: Page, seconds: number) {
  await page.evaluate(
    ([at, timeoutMs]) =>
      new Promise<void>((resolve, reject) => {
        const video = document.querySelector<HTMLVideoElement>('video[aria-label="Remote video"]');
        if (!video) return reject(new Error('There is no remote video to watch'));
        const gaveUp = setTimeout(
          () => reject(new Error(`The remote video did not reach ${at} s (at ${video.currentTime} s)`)),
          timeoutMs,
        );
        const watch = () => {
          if (video.currentTime < at) return void video.requestVideoFrameCallback(watch);
          clearTimeout(gaveUp);
          const hangUp = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Hang up');
          if (!hangUp) return reject(new Error('There is no Hang up button'));
          hangUp.click();
          resolve();
        };
        watch();
      }),
    [seconds, (seconds + 60) * 1000] as const,
  );
}

/**
 * Listens to the other party's sound on this page (Chromium's fake microphone beeps about once a
 * second); `silenceOf` then says how long it has been quiet, in seconds.
 */
export async function listenToRemote(page: Page) {
  await page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video[aria-label="Remote video"]')!;
    const audio = new AudioContext();
    const analyser = audio.createAnalyser();
    audio.createMediaStreamSource(video.srcObject as MediaStream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const ear = window as unknown as { lastHeardAt: number };
    ear.lastHeardAt = performance.now();
    setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      if (samples.some((sample) => Math.abs(sample) > 0.1)) ear.lastHeardAt = performance.now();
    }, 20);
  });
}

export async function silenceOf(page: Page): Promise<number> {
  return page.evaluate(
    () => (performance.now() - (window as unknown as { lastHeardAt: number }).lastHeardAt) / 1000,
  );
}

/** The size of the picture a video element on the page shows, as `WIDTHxHEIGHT`. */
export async function pictureSize(page: Page, videoName: 'Remote video' | 'Your video') {
  return page.evaluate((name) => {
    const video = document.querySelector<HTMLVideoElement>(`video[aria-label="${name}"]`);
    return video ? `${video.videoWidth}x${video.videoHeight}` : '';
  }, videoName);
}

/**
 * One pixel of a recording's picture, frame by frame, as ffmpeg decodes it: its colour as [r, g, b].
 * The recorder draws 960×540: the two parties side by side below a dark band, or a shared screen large
 * on the left with the faces beside it. (The encoder may lower the size on a busy machine: scaled back.)
 */
export function recordedPixels(media: Buffer, x: number, y: number): [number, number, number][] {
  const dir = mkdtempSync(join(tmpdir(), 'tapeline-frames-'));
  try {
    const file = join(dir, 'call.webm');
    writeFileSync(file, media);
    const pixels = execFileSync('ffmpeg', [
      ...['-v', 'error', '-i', file, '-map', '0:v', '-vf', `scale=960:540,crop=1:1:${x}:${y}`],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    ]);
    return Array.from({ length: pixels.length / 3 }, (_, frame) => [
      pixels[frame * 3]!,
      pixels[frame * 3 + 1]!,
      pixels[frame * 3 + 2]!,
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function endCall(call: Call) {
  await call.guestContext.close();
  await call.agent.context().close();
}

/** coturn on 127.0.0.1 with use-auth-secret, as the README sets it up. */
async function startCoturn(secret: string, port?: number) {
  const listeningPort = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'tapeline-coturn-'));
  const child = spawn(
    'turnserver',
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${listeningPort}`,
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
    port: listeningPort,
    url: `turn:127.0.0.1:${listeningPort}?transport=udp`,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A Tapeline whose calls may only go through a coturn on 127.0.0.1 (ICE_TRANSPORT_POLICY=relay), with
 * more settings in `env`. The relay can be taken down and a new one started on the same port, which knows
 * none of the old allocations.
 */
export async function startRelayedTapeline(env: Record<string, string> = {}) {
  const secret = randomBytes(24).toString('hex');
  let turn = await startCoturn(secret);
  const tapeline = await startTapeline({
    TURN_SECRET: secret,
    TURN_URLS: turn.url,
    ICE_TRANSPORT_POLICY: 'relay',
    ...env,
  }).catch(async (error: unknown) => {
    await turn.stop();
    throw error;
  });
  return {
    url: tapeline.url,
    /** What the relay running now has logged. */
    relayOutput: () => turn.output(),
    stopRelay: () => turn.stop(),
    async startRelayAgain() {
      turn = await startCoturn(secret, turn.port);
    },
    async stop() {
      await tapeline.stop();
      await turn.stop();
    },
  };
}

/** The relay allocations a coturn log reports as made: whose (host or guest), and when their credentials expire. */
export function relayAllocations(output: string) {
  return [...output.matchAll(/<(\d+):call-[0-9a-f-]+-(host|guest)>.*ALLOCATE processed, success/g)].map(
    ([, expiry, party]) => ({ expiresAt: Number(expiry) * 1000, party }),
  );
}

/** Which parties (host, guest) the relay allocated for. */
export const partiesAllocated = (output: string) =>
  new Set(relayAllocations(output).map((allocation) => allocation.party));
