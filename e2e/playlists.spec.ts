// Trainers' playlists against the real server: a trainer marks a range with I/O, adds it and a whole
// second recording to a new playlist, reorders by drag and by keyboard, assigns it; the agent plays it
// through from home (clip one hands over to clip two by itself, at the same speed), progress survives a
// reload, the trainer sees the completion, and an agent not assigned gets 404.
import { expect, test, type Page } from '@playwright/test';
import { apiData, signIn, tapelineUrl as baseURL, type ApiObject, type ApiRecording } from './support/person';

/** Two of Dana's recordings: the shortest (played whole) and another (cut with I/O). */
async function danasTwoRecordings(page: Page) {
  const objects = (await apiData<ApiObject[]>(page, '/api/objects')).filter(
    (object) => object.agent?.first_name === 'Dana',
  );
  const recordings: ApiRecording[] = [];
  for (const object of objects)
    recordings.push(
      ...(await apiData<ApiRecording[]>(page, `/api/objects/${object.objectId}/activities?activityType=27`)),
    );
  // WebM: Debian's Chromium plays VP8/VP9, not H.264.
  const sorted = recordings
    .filter((recording) => new URL(recording.recordingUrl).pathname.endsWith('.webm'))
    .sort((a, b) => a.duration - b.duration);
  const whole = sorted[0]!;
  const cut = sorted.find((recording) => recording.duration > 20 && recording.id !== whole.id)!;
  return { whole, cut };
}

const reviewPath = (recording: ApiRecording) => `/objects/${recording.objectId}/recordings/${recording.id}`;

/** From the recording's review page, the whole recording into the playlist `title`; then opens it. */
async function addWholeRecording(page: Page, recording: ApiRecording, title: string, note: string) {
  await page.goto(baseURL() + reviewPath(recording));
  await waitForVideo(page);
  await page.getByRole('button', { name: 'Add whole recording to playlist' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add to playlist' });
  await dialog.getByLabel('Playlist', { exact: true }).selectOption({ label: title });
  await dialog.getByLabel('Note for the trainee').fill(note);
  await dialog.getByRole('button', { name: 'Add clip' }).click();
  await page.getByRole('link', { name: 'Open the playlist' }).click();
}

function video(page: Page) {
  return page.evaluate(() => {
    const element = document.querySelector<HTMLVideoElement>('video.vjs-tech');
    return {
      time: element?.currentTime ?? NaN,
      ready: element?.readyState ?? -1,
      rate: element?.playbackRate ?? NaN,
      paused: element?.paused ?? true,
    };
  });
}

async function waitForVideo(page: Page) {
  await expect.poll(async () => (await video(page)).ready, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
}

test('a trainer builds and assigns a two-clip playlist; the agent watches it through; progress is true', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const title = `Calm refunds ${Date.now()}`;
  const startedAt = new Date().toISOString();

  // The trainer marks 2–7 s of one call with I and O.
  await signIn(page, 'trainer');
  const { whole, cut } = await danasTwoRecordings(page);
  await page.goto(`${baseURL()}${reviewPath(cut)}?t=2`);
  await waitForVideo(page);
  await expect.poll(async () => Math.round((await video(page)).time)).toBe(2);
  const clipPanel = page.getByRole('region', { name: 'Clip for a playlist' });
  await page.locator('body').press('i');
  await expect(clipPanel.getByTestId('mark-in')).toHaveText('0:02');
  await page.locator('body').press('ArrowRight');
  await expect.poll(async () => Math.round((await video(page)).time)).toBe(7);
  await page.locator('body').press('o');
  await expect(clipPanel.getByTestId('mark-out')).toHaveText('0:07');
  // The range is a span on the seek bar, which video.js shows once playback has started and while the
  // pointer is over the player.
  await page.locator('body').press('k');
  await expect.poll(async () => (await video(page)).paused).toBe(false);
  await page.locator('body').press('k');
  await page.locator('.video-js').hover();
  await expect(page.locator('.tapeline-range')).toBeVisible();
  await page.screenshot({ path: 'test-results/playlists-review-marks.png' });

  await clipPanel.getByRole('button', { name: 'Add marked clip to playlist' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add to playlist' });
  await dialog.getByLabel('Playlist', { exact: true }).selectOption({ label: 'New playlist…' });
  await dialog.getByLabel('New playlist’s title').fill(title);
  await dialog.getByLabel('Note for the trainee').fill('Listen to how she restates the problem');
  await dialog.getByRole('button', { name: 'Add clip' }).click();
  await expect(page.getByRole('dialog', { name: 'Added to playlist' })).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();

  // The whole second recording, into the same playlist.
  await addWholeRecording(page, whole, title, 'The whole call: note the close');

  // Reorder: drag the second clip above the first, then put it back with the keyboard.
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const rows = page.getByTestId('clip-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('restates the problem');
  await expect(page.getByTestId('running-time')).toContainText(
    `total running time 0:${String(5 + whole.duration).padStart(2, '0')}`,
  );
  await rows
    .nth(1)
    .getByRole('button', { name: /^Reorder clip 2/ })
    .dragTo(rows.nth(0));
  await expect(rows.nth(0)).toContainText('note the close');
  await rows
    .nth(0)
    .getByRole('button', { name: /^Reorder clip 1/ })
    .focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(0)).toContainText('restates the problem');
  await expect(rows.nth(1)).toContainText('note the close');
  await page.reload();
  await expect(rows.nth(0)).toContainText('restates the problem');

  await page.getByLabel('Assign to (usernames)').fill('agent');
  await page.getByLabel('Due date (optional)').fill('2030-06-30');
  await page.getByRole('button', { name: 'Assign' }).click();
  const table = page.getByRole('table');
  await expect(table.getByRole('row', { name: /Dana/ })).toContainText('In progress');
  await page.screenshot({ path: 'test-results/playlists-edit.png', fullPage: true });
  const playlistUrl = page.url();
  const playlistId = playlistUrl.split('/').pop()!;

  // Dana opens it from home and plays it through; clip one hands over to clip two at the same speed.
  await signIn(page, 'agent');
  const training = page.getByRole('region', { name: 'Your training' });
  await expect(training).toContainText(title);
  await expect(training).toContainText('0 of 2 clips watched');
  await training.getByRole('link', { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/playlists/${playlistId}/play$`));
  const clips = page.getByRole('region', { name: 'Clips' }).getByRole('listitem');
  await expect(clips.nth(0)).toHaveAttribute('aria-current', 'true');
  await waitForVideo(page);
  await expect.poll(async () => Math.round((await video(page)).time)).toBe(2);
  await page.evaluate(() => {
    document.querySelector<HTMLVideoElement>('video.vjs-tech')!.playbackRate = 2;
  });
  // The player reports the recording's first play through the playlist (with S3, the play's only trace).
  const reported = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      new RegExp(`^/api/playlists/${playlistId}/items/\\d+/plays$`).test(new URL(response.url()).pathname),
  );
  await page.locator('body').press('k');
  expect((await reported).status()).toBe(204);
  await expect(clips.nth(1)).toHaveAttribute('aria-current', 'true', { timeout: 20_000 });
  await expect(clips.nth(0)).toContainText('Watched');
  await expect.poll(async () => (await video(page)).rate).toBe(2);
  await expect.poll(async () => (await video(page)).paused).toBe(false);
  await page.screenshot({ path: 'test-results/playlists-play.png' });

  // Progress was saved as it went: a reload resumes at clip two.
  await page.reload();
  await expect(page.getByTestId('playlist-progress')).toContainText('1 of 2 clips watched');
  await expect(clips.nth(1)).toHaveAttribute('aria-current', 'true');
  await waitForVideo(page);
  await page.evaluate(() => {
    document.querySelector<HTMLVideoElement>('video.vjs-tech')!.playbackRate = 4;
  });
  await page.locator('body').press('k');
  await expect(page.getByText('You reached the end of the playlist.')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('playlist-progress')).toContainText('2 of 2 clips watched');

  // The trainer sees the completion, with the date it was finished.
  await signIn(page, 'trainer');
  await page.goto(playlistUrl);
  const row = page.getByRole('table').getByRole('row', { name: /Dana/ });
  await expect(row).not.toContainText('In progress');
  await expect(row.getByText('✓ Watched')).toHaveCount(2);

  // Sam, not assigned, gets 404 on the playlist.
  await signIn(page, 'agent2');
  const response = await page.request.get(`${baseURL()}/api/playlists/${playlistId}`);
  expect(response.status()).toBe(404);
  await page.goto(playlistUrl);
  await expect(page.getByRole('heading', { level: 1, name: 'Playlist not found' })).toBeVisible();

  // The audit trail says Dana watched both recordings, through the playlist.
  await signIn(page, 'admin');
  const playlist = await apiData<{ items: { activityId: string | null }[] }>(
    page,
    `/api/playlists/${playlistId}`,
  );
  const watched = async () => {
    const plays = await apiData<{ resource: { id: string } }[]>(
      page,
      `/api/audit?actor=agent&action=media.played&from=${encodeURIComponent(startedAt)}`,
    );
    return [...new Set(plays.map((entry) => entry.resource.id))].sort();
  };
  await expect.poll(watched).toEqual(expect.arrayContaining(playlist.items.map((item) => item.activityId!)));
});

test('a trainer corrects a clip’s note and range, and assigns the playlist to a whole team with a due date', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const title = `Team onboarding ${Date.now()}`;
  await signIn(page, 'trainer');
  const { whole } = await danasTwoRecordings(page);

  await page.goto(`${baseURL()}/playlists`);
  const form = page.getByRole('form', { name: 'New playlist' });
  await form.getByLabel('Title').fill(title);
  await form.getByRole('button', { name: 'Create playlist' }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  await addWholeRecording(page, whole, title, 'Watch the opening');
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // A range past the recording's end is refused by the server, next to the field; a good one is kept.
  await page.getByRole('button', { name: 'Edit clip 1 (Watch the opening)' }).click();
  const edit = page.getByRole('form', { name: 'Edit clip 1 (Watch the opening)' });
  await edit.getByLabel('End').fill('59:00');
  await edit.getByRole('button', { name: 'Save clip' }).click();
  await expect(edit.getByLabel('End')).toHaveAccessibleDescription(
    /^endSeconds: must be within the recording/,
  );
  await edit.getByLabel('End').fill('0:03');
  await edit.getByLabel('Note for the trainee').fill('Watch how she greets the customer');
  await edit.getByRole('button', { name: 'Save clip' }).click();
  await expect(edit).toBeHidden();
  const row = page.getByTestId('clip-row');
  await expect(row).toContainText('0:00–0:03');
  await expect(row).toContainText('Watch how she greets the customer');
  await expect(page.getByTestId('running-time')).toContainText('total running time 0:03');

  // Every agent of the trainer's team: Dana.
  await page.getByRole('group', { name: 'Or every agent of a team' }).getByLabel('Video Support').check();
  await page.getByLabel('Due date (optional)').fill('2030-07-15');
  await page.getByRole('button', { name: 'Assign' }).click();
  await expect(page.getByRole('status')).toContainText('Assigned: 1 assignee in all.');
  await expect(page.getByRole('table').getByRole('row', { name: /Dana/ })).toContainText('2030');

  await signIn(page, 'agent');
  const training = page.getByRole('region', { name: 'Your training' });
  const entry = training.getByRole('listitem').filter({ hasText: title });
  await expect(entry).toContainText('0 of 1 clip watched');
  await expect(entry).toContainText(/due .*2030/);
});
