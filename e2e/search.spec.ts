// Search as a supervisor, against the real server: find a recording by a word in one annotation, open it
// at the annotated moment, narrow by agent and date through the URL, reload, go Back; and an axe check.
import { expect as baseExpect, test, type Page } from '@playwright/test';
import {
  apiData,
  expectNoSeriousA11yViolations,
  signIn,
  type ApiObject,
  type ApiRecording,
} from './support/person';

/** A write through the page's session, with the CSRF token the session hands out. */
async function post<T>(page: Page, path: string, body: unknown): Promise<T> {
  const { csrfToken } = await apiData<{ csrfToken: string }>(page, '/api/me');
  const response = await page.request.post(process.env.TAPELINE_URL + path, {
    data: body,
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { data: T }).data;
}

/** A word no demo text contains, letters only so the text search keeps it whole. */
function uniqueWord(): string {
  const letters = 'bcdfghjklmnpqrstvwxz';
  let word = '';
  for (let i = 0; i < 10; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return `${word}quokka`;
}

// The machine that runs the suite may be busy: answers get longer to appear, never a fixed wait.
test.describe.configure({ timeout: 300_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

test('a supervisor finds a call by a word in a note, opens it at that moment, narrows, reloads and goes back', async ({
  page,
}) => {
  await signIn(page, 'supervisor');
  const [object] = await apiData<ApiObject[]>(page, '/api/objects');
  const recordings = await apiData<ApiRecording[]>(
    page,
    `/api/objects/${object!.objectId}/activities?activityType=27`,
  );
  const recording = recordings.find((r) => r.duration >= 15) ?? recordings[0]!;
  const word = uniqueWord();
  const at = Math.min(12, Math.floor(recording.duration / 2));
  await post(page, `/api/activities/${recording.id}/annotations`, {
    startSeconds: at,
    text: `Customer asked about the ${word} clause twice`,
    tags: ['contract'],
  });

  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search$/);
  await expect(page.getByRole('list', { name: 'Search results' }).getByRole('article').first()).toBeVisible();

  // `/` focuses the box; results follow the typing.
  await page.locator('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  const box = page.getByRole('searchbox', { name: 'Search recordings' });
  await expect(box).toBeFocused();
  await page.keyboard.type(word.slice(0, 9));
  const results = page.getByRole('list', { name: 'Search results' });
  await expect(results.getByRole('article')).toHaveCount(1);
  await expect(results.locator('mark')).toHaveText(word);
  await expect(page).toHaveURL(new RegExp(`q=${word.slice(0, 9)}$`));
  await page.keyboard.type(word.slice(9));
  await expect(page).toHaveURL(new RegExp(`q=${word}$`));
  await expect(results.getByRole('article')).toHaveCount(1);
  await expect(results.getByRole('heading', { name: object!.title })).toBeVisible();
  await page.screenshot({ path: 'test-results/search.png', fullPage: true });
  await expectNoSeriousA11yViolations(page);

  // j then Enter opens the player at the annotated moment.
  await page.locator('main h1').click();
  await page.keyboard.press('j');
  await expect(results.getByRole('link', { name: object!.title })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(
    new RegExp(`/objects/${object!.objectId}/recordings/${recording.id}\\?t=${at}$`),
  );
  await expect
    .poll(
      () =>
        page.evaluate(() => document.querySelector<HTMLVideoElement>('video.vjs-tech')?.currentTime ?? -1),
      { timeout: 15_000 },
    )
    .toBeCloseTo(at, 0);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${word}$`));
  await expect(box).toHaveValue(word);

  // Narrow by agent and date: the URL says so, a reload gives the same, Back undoes the last step.
  await box.fill('');
  await expect(page).toHaveURL(/\/search$/);
  const filters = page.getByRole('complementary', { name: 'Filters' });
  const agentName = `${recording.user!.first_name} ${recording.user!.last_name}`;
  const agentFilter = filters.getByRole('checkbox', { name: new RegExp(`^${agentName} \\(\\d+\\)$`) });
  // The facet counts refresh once the cleared query answers, which re-renders the list: check again
  // until the box stays checked (check() leaves a checked box alone).
  await expect(async () => {
    await agentFilter.check();
  }).toPass();
  await expect(page).toHaveURL(/agent=agent2/);
  const day = recording.createdTime.slice(0, 10);
  await filters.getByLabel('From').fill(day);
  await filters.getByLabel('To').fill(day);
  await expect(page).toHaveURL(new RegExp(`agent=agent2&from=${day}&to=${day}$`));
  await expect(results.getByRole('article').first()).toBeVisible();
  const shown = await results.getByRole('heading').allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown).toContain(object!.title);
  await expect(page.getByRole('status').filter({ hasText: /recording/ })).toHaveText(
    new RegExp(`^${shown.length} recordings?$`),
  );

  await page.reload();
  await expect(results.getByRole('article').first()).toBeVisible();
  expect(await results.getByRole('heading').allTextContents()).toEqual(shown);
  await expect(filters.getByLabel('From')).toHaveValue(day);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`agent=agent2&from=${day}$`));
  await expect(filters.getByLabel('To')).toHaveValue('');
  await page.setViewportSize({ width: 420, height: 900 });
  await expect(filters.getByRole('button', { name: 'Show filters' })).toBeVisible();
  await expect(filters.getByLabel('From')).toBeHidden();
  await page.screenshot({ path: 'test-results/search-narrow.png', fullPage: true });
});
