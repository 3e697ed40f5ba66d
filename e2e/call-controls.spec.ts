// What each side of a call does to it and the other side sees: mute, camera off, and a shared screen
// (Chromium's fake screen, granted by --use-fake-ui-for-media-stream).
import { test } from '@playwright/test';
import {
  endCall,
  executablePath,
  expect,
  expectPlaying,
  FAKE_DEVICES,
  FAKE_UI,
  listenToRemote,
  pictureSize,
  projectArgs,
  recordedPixels,
  recordingsOf,
  remotePlayback,
  silenceOf,
  startCall,
  talkUntil,
} from './support/call';

test.use({
  launchOptions: { executablePath, args: [...projectArgs, ...FAKE_DEVICES, FAKE_UI] },
});

test('mute, camera and a shared screen: the other side sees, and hears, each change', async ({ browser }) => {
  test.setTimeout(300_000);
  const call = await startCall(browser);
  await expectPlaying(call.agent);
  await expectPlaying(call.guest);

  // The customer mutes: the agent is told, and hears nothing; unmuted, the sound is back.
  await listenToRemote(call.agent);
  await expect.poll(() => silenceOf(call.agent), { intervals: [250] }).toBeLessThan(1.5);
  await call.guest.getByRole('button', { name: 'Mute' }).click();
  await expect(call.guest.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await expect(call.agent.getByText('Customer is muted')).toBeVisible();
  await expect.poll(() => silenceOf(call.agent), { intervals: [250] }).toBeGreaterThan(3);
  await call.guest.getByRole('button', { name: 'Unmute' }).click();
  await expect(call.agent.getByText('Customer is muted')).toBeHidden();
  await expect.poll(() => silenceOf(call.agent), { intervals: [250] }).toBeLessThan(1.5);

  // The agent turns the camera off: the customer sees a name instead of a picture; on again, the picture.
  const camera = call.agent.getByRole('button', { name: 'Camera' });
  await expect(camera).toHaveAttribute('aria-pressed', 'true');
  await camera.click();
  await expect(camera).toHaveAttribute('aria-pressed', 'false');
  await expect(call.guest.getByText(/’s camera is off$/)).toBeVisible();
  await expect(call.guest.getByLabel('Remote video')).toBeHidden();
  await camera.click();
  await expect(call.guest.getByText(/’s camera is off$/)).toBeHidden();
  await expect(call.guest.getByLabel('Remote video')).toBeVisible();
  const shownAt = await remotePlayback(call.guest);
  await expect.poll(() => remotePlayback(call.guest)).toBeGreaterThan(shownAt + 1);

  // The agent shares a screen: the customer is told and gets the screen's picture, whole, instead of
  // the camera's; stopped, the camera again.
  const cameraSize = await pictureSize(call.agent, 'Your video');
  await call.agent.getByRole('button', { name: 'Share screen' }).click();
  await expect(call.agent.getByRole('button', { name: 'Stop sharing' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(call.guest.getByText(/is sharing their screen$/)).toBeVisible();
  await expect.poll(() => pictureSize(call.agent, 'Your video')).not.toBe(cameraSize);
  const screenSize = await pictureSize(call.agent, 'Your video');
  await expect.poll(() => pictureSize(call.guest, 'Remote video')).toBe(screenSize);
  await call.agent.getByRole('button', { name: 'Stop sharing' }).click();
  await expect(call.agent.getByRole('button', { name: 'Share screen' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(call.guest.getByText(/is sharing their screen$/)).toBeHidden();
  await expect.poll(() => pictureSize(call.agent, 'Your video')).toBe(cameraSize);
  // A few seconds more of the call: the recorder's encoder runs behind on a busy machine.
  await talkUntil(call.agent, (await remotePlayback(call.agent)) + 5);

  await call.agent.getByRole('button', { name: 'Hang up' }).click();
  await expect(call.agent.getByTestId('recording-status')).toContainText('Recording saved', {
    timeout: 60_000,
  });

  // The recording shows the shared screen, large, where it had the dark band above the two faces.
  const [recording] = await recordingsOf(call.agent, call.objectId);
  const media = await (await call.agent.request.get(recording!.recordingUrl)).body();
  const dark = ([r, g, b]: number[]) => r! < 60 && g! < 60 && b! < 60;
  const aboveTheFaces = recordedPixels(media, 360, 100);
  expect(dark(aboveTheFaces[0]!)).toBe(true);
  expect(aboveTheFaces.some((pixel) => !dark(pixel))).toBe(true);
  await endCall(call);
});
