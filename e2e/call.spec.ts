// Two people on a recorded video call through Tapeline, each in their own browser context with
// Chromium's fake camera and microphone: the agent starts it from the conversation, the customer joins by
// the guest link, they talk, hang up, and the recording is on the conversation, measured and seekable.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, test } from '@playwright/test';
import {
  endCall,
  executablePath,
  expect,
  expectPlaying,
  FAKE_DEVICES,
  FAKE_UI,
  hangUpAt,
  partiesAllocated,
  projectArgs,
  recordingsOf,
  relayAllocations,
  remotePlayback,
  startCall,
  startRelayedTapeline,
  talkUntil,
  type Call,
} from './support/call';
import { tapelineUrl } from './support/person';
import { startTapeline } from './support/tapeline-server';

test.use({
  launchOptions: { executablePath, args: [...projectArgs, ...FAKE_DEVICES, FAKE_UI] },
});

/**
 * The call's one new recording lasts the conversation, 20 ± 2 s: it starts when the customer is
 * connected, not when the agent opened the call, and ends at the hang-up.
 */
async function expectNewRecording(call: Call, talked: number, base = tapelineUrl()) {
  await expect(call.agent.getByTestId('recording-status')).toContainText('Recording saved', {
    timeout: 60_000,
  });
  const after = await recordingsOf(call.agent, call.objectId, base);
  expect(after).toHaveLength(call.before + 1);
  const recording = after[0]!;
  expect(recording.duration).toBeGreaterThanOrEqual(talked - 2);
  expect(recording.duration).toBeLessThanOrEqual(talked + 2);
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

    await hangUpAt(call.agent, 20);
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
      .poll(
        () =>
          call.agent.evaluate(
            () => document.querySelector<HTMLVideoElement>('video.vjs-tech')?.currentTime ?? 0,
          ),
        {
          timeout: 20_000,
        },
      )
      .toBeGreaterThan(14);

    // The link let one person in, once.
    const again = await browser.newContext();
    const stranger = await again.newPage();
    await stranger.goto(call.guestUrl);
    await stranger.getByRole('button', { name: 'Join call' }).click();
    await expect(stranger.getByRole('heading', { name: 'You can’t join with this link' })).toBeVisible();
    await expect(stranger.getByText(/call has ended|already used/)).toBeVisible();
    await again.close();
    await endCall(call);
  });

  test('uploads blocked for 10 s mid-call: the backlog goes out after, and the recording covers the whole call', async ({
    browser,
  }) => {
    const call = await startCall(browser);
    await expectPlaying(call.agent);
    await expect(call.agent.getByTestId('recording-indicator')).toHaveText('Recording');
    await talkUntil(call.agent, 5);
    await call.agent.route('**/api/recordings/*/content', (route) => route.abort('internetdisconnected'));
    await talkUntil(call.agent, 15);
    await call.agent.unroute('**/api/recordings/*/content');
    await hangUpAt(call.agent, 20);
    await expectNewRecording(call, 20);
    await endCall(call);
  });

  test('the agent’s tab closes mid-call: the customer is told, and the next visit saves the recording', async ({
    browser,
  }) => {
    const call = await startCall(browser);
    await expectPlaying(call.guest);
    await expect(call.agent.getByTestId('recording-indicator')).toHaveText('Recording');
    // Six seconds more: the slices of 3 s that reached IndexedDB are what a closed tab leaves (the last
    // one, and what the encoder had not yet written, go with the tab).
    await talkUntil(call.agent, (await remotePlayback(call.agent)) + 6);
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

test('an agent who never comes back: the recording is completed from what arrived, marked cut short', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  // A server of its own, where a call recording nobody finishes is completed after 5 s.
  const tapeline = await startTapeline({ CALL_ABANDON_AFTER: '5', UPLOAD_CLEANUP_INTERVAL: '1' });
  try {
    const call = await startCall(browser, tapeline.url);
    await expectPlaying(call.guest);
    await expect(call.agent.getByTestId('recording-indicator')).toHaveText('Recording');
    await talkUntil(call.agent, (await remotePlayback(call.agent)) + 6);
    // The whole browser profile goes: nothing is left in IndexedDB for a later visit to upload.
    await call.agent.context().close();
    await expect(call.guest.getByTestId('call-status')).toContainText('The call has ended');

    const reviewerContext = await browser.newContext();
    const reviewer = await reviewerContext.newPage();
    const login = await reviewer.request.post(`${tapeline.url}/api/auth/login`, {
      data: { username: 'agent', password: 'tapeline' },
      timeout: 60_000,
    });
    expect(login.ok()).toBe(true);
    await expect
      .poll(async () => (await recordingsOf(reviewer, call.objectId, tapeline.url)).length, {
        timeout: 90_000,
      })
      .toBe(call.before + 1);
    const [recording] = await recordingsOf(reviewer, call.objectId, tapeline.url);
    expect(JSON.parse(recording!.data ?? '{}')).toMatchObject({
      cutShort: true,
      cutShortReason: expect.any(String),
    });
    expect(recording!.duration).toBeGreaterThanOrEqual(2);
    await reviewerContext.close();
    await call.guestContext.close();
  } finally {
    await tapeline.stop();
  }
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

test('a call relayed only through TURN via coturn on 127.0.0.1; the relay goes down mid-call, both are told, and an ICE restart reconnects them', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // Every packet goes through a coturn on 127.0.0.1 (iceTransportPolicy "relay"). Stopping it cuts the
  // media; a new coturn on the same port knows none of the old allocations, so only an ICE restart,
  // which allocates anew, can bring the call back.
  const tapeline = await startRelayedTapeline();
  try {
    const call = await startCall(browser, tapeline.url);
    await expectPlaying(call.agent);
    await expectPlaying(call.guest);
    // Both peers took relay allocations with the minted credentials, and coturn relayed their media.
    expect(partiesAllocated(tapeline.relayOutput())).toEqual(new Set(['host', 'guest']));
    await expect(call.agent.getByTestId('recording-indicator')).toHaveText('Recording');

    await tapeline.stopRelay();
    await expect(call.agent.getByTestId('call-status')).toHaveText('Connection lost. Reconnecting…');
    await expect(call.guest.getByTestId('call-status')).toHaveText('Connection lost. Reconnecting…');
    await tapeline.startRelayAgain();

    await expect(call.agent.getByTestId('call-status')).toHaveText('Connected', { timeout: 90_000 });
    await expect(call.guest.getByTestId('call-status')).toHaveText('Connected', { timeout: 90_000 });
    // The new coturn's allocations, for both: the ICE restart, not the old path healing.
    expect(partiesAllocated(tapeline.relayOutput())).toEqual(new Set(['host', 'guest']));
    const backAt = await remotePlayback(call.agent);
    await expect.poll(() => remotePlayback(call.agent)).toBeGreaterThan(backAt + 2);
    await expect(call.agent.getByTestId('recording-indicator')).toHaveText('Recording');

    await call.agent.getByRole('button', { name: 'Hang up' }).click();
    await expect(call.guest.getByTestId('call-status')).toContainText('hung up');
    await expect(call.agent.getByTestId('recording-status')).toContainText('Recording saved', {
      timeout: 60_000,
    });
    expect(await recordingsOf(call.agent, call.objectId, tapeline.url)).toHaveLength(call.before + 1);
    await endCall(call);
  } finally {
    await tapeline.stop();
  }
});

test('a call that outlives its TURN credentials gets fresh ones, so the ICE restart after a relay outage still reaches it', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  // Credentials for 60 s (the shortest TURN_CREDENTIAL_TTL allowed). Each page asks for fresh ones when
  // a quarter of their life is left; the relay goes down only once the first ones have expired, and a
  // new coturn refuses expired credentials: only the fresh ones can bring the call back.
  const tapeline = await startRelayedTapeline({ TURN_CREDENTIAL_TTL: '60' });
  try {
    const call = await startCall(browser, tapeline.url);
    await expectPlaying(call.agent);
    await expectPlaying(call.guest);
    const refreshed = Promise.all([
      call.agent.waitForResponse(
        (response) =>
          response.request().method() === 'GET' && /\/api\/calls\/[0-9a-f-]+$/.test(response.url()),
        { timeout: 90_000 },
      ),
      call.guest.waitForResponse((response) => response.url().endsWith('/api/calls/join'), {
        timeout: 90_000,
      }),
    ]);
    expect(partiesAllocated(tapeline.relayOutput())).toEqual(new Set(['host', 'guest']));
    const firstExpire = Math.max(
      ...relayAllocations(tapeline.relayOutput()).map((allocation) => allocation.expiresAt),
    );
    for (const response of await refreshed) expect(response.status()).toBe(200);
    // The first credentials are now worthless to a TURN server.
    await expect.poll(() => Date.now(), { timeout: 60_000 }).toBeGreaterThan(firstExpire);

    await tapeline.stopRelay();
    await expect(call.agent.getByTestId('call-status')).toHaveText('Connection lost. Reconnecting…');
    await tapeline.startRelayAgain();
    await expect(call.agent.getByTestId('call-status')).toHaveText('Connected', { timeout: 90_000 });
    await expect(call.guest.getByTestId('call-status')).toHaveText('Connected', { timeout: 90_000 });
    // Both reconnected through allocations made with the fresh credentials.
    const again = relayAllocations(tapeline.relayOutput());
    expect(partiesAllocated(tapeline.relayOutput())).toEqual(new Set(['host', 'guest']));
    for (const allocation of again) expect(allocation.expiresAt).toBeGreaterThan(firstExpire);
    const backAt = await remotePlayback(call.agent);
    await expect.poll(() => remotePlayback(call.agent)).toBeGreaterThan(backAt + 2);
    await endCall(call);
  } finally {
    await tapeline.stop();
  }
});
