// Home and timeline against the real server and its demo data, compared with what the API answers.
import { expect, test } from '@playwright/test';
import {
  signIn,
  apiData,
  expectNoSeriousA11yViolations,
  tapelineUrl as baseURL,
  type ApiObject,
  type ApiRecording,
} from './support/person';

/** The API through the page's own cookies: what this user is allowed to see. */

// The formatting rules the issue states, written out independently of the app's code.
function minutesAndSeconds(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}
function binarySize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  while (bytes >= 1024 && unit < units.length - 1) {
    bytes /= 1024;
    unit++;
  }
  const shown = unit === 0 ? Math.round(bytes) : bytes < 10 ? Math.round(bytes * 10) / 10 : Math.round(bytes);
  return `${shown} ${units[unit]}`;
}

test('a QA manager opens a conversation from home and sees exactly the recordings the API returns', async ({
  page,
}) => {
  await signIn(page, 'qa');
  const objects = await apiData<ApiObject[]>(page, '/api/objects');
  expect(objects.length).toBeGreaterThan(0);

  const list = page.getByRole('list', { name: 'Conversations' });
  await expect(list.getByRole('link')).toHaveCount(objects.length);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/home.png', fullPage: true });

  // The filter narrows the list to the conversation typed in.
  const chosen = [...objects].sort((a, b) => b.recordingCount - a.recordingCount)[0]!;
  await page.getByRole('searchbox', { name: 'Filter conversations' }).fill(chosen.title);
  await expect(list.getByRole('link')).toHaveCount(1);
  await list.getByRole('link', { name: new RegExp(chosen.title.replace(/[()]/g, '.')) }).click();

  await expect(page).toHaveURL(new RegExp(`/objects/${chosen.objectId}$`));
  await expect(page.getByRole('heading', { level: 1, name: chosen.title })).toBeVisible();
  const recordings = await apiData<ApiRecording[]>(
    page,
    `/api/objects/${chosen.objectId}/activities?activityType=27`,
  );
  expect(recordings.length).toBe(chosen.recordingCount);
  await expect(page.getByTestId('recording-total')).toHaveText(
    `${recordings.length} ${recordings.length === 1 ? 'recording' : 'recordings'}`,
  );

  const entries = page.getByRole('list', { name: 'Recordings' }).getByRole('link');
  await expect(entries).toHaveCount(recordings.length);
  for (const [index, recording] of recordings.entries()) {
    const entry = entries.nth(index);
    await expect(entry).toHaveAttribute(
      'href',
      `/objects/${chosen.objectId}/recordings/${encodeURIComponent(recording.id)}`,
    );
    await expect(entry).toContainText(`Duration: ${minutesAndSeconds(recording.duration)}`);
    await expect(entry).toContainText(`File size: ${binarySize(recording.fileSize)}`);
    await expect(entry).toContainText(`Type: ${recording.recordingType}`);
  }

  // Entries are reachable with the keyboard.
  await entries.first().focus();
  await expect(entries.first()).toBeFocused();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/timeline.png', fullPage: true });
});

test('an agent sees only their own conversations and cannot open another agent’s by its address', async ({
  page,
}) => {
  await signIn(page, 'qa');
  const everyObject = await apiData<ApiObject[]>(page, '/api/objects');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, 'agent');
  const own = everyObject.filter((o) => `${o.agent.first_name} ${o.agent.last_name}` === 'Dana Whitfield');
  const others = everyObject.filter((o) => !own.includes(o));
  expect(own.length).toBeGreaterThan(0);
  expect(others.length).toBeGreaterThan(0);

  const links = page.getByRole('list', { name: 'Conversations' }).getByRole('link');
  await expect(links).toHaveCount(own.length);
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
  expect(hrefs.sort()).toEqual(own.map((o) => `/objects/${o.objectId}`).sort());

  await page.goto(`${baseURL()}/objects/${others[0]!.objectId}`);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'This conversation doesn’t exist or you don’t have access to it',
    }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to your conversations' })).toHaveAttribute('href', '/');
  await expectNoSeriousA11yViolations(page);
});
