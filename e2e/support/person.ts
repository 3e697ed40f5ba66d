// What every spec does as a person: sign in through the page, read the API with the page's cookies,
// and check accessibility.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { ConversationObject, RecordingActivity } from '../../contract/activities';

/** A conversation as `GET /api/objects` lists it. */
export type ApiObject = ConversationObject;
/** A recording activity as Tapeline answers it: always with its id. */
export type ApiRecording = RecordingActivity & { id: string };

/** The shared product instance the global setup started. */
export const tapelineUrl = () => process.env.TAPELINE_URL!;

export async function signIn(page: Page, username: string, baseURL = tapelineUrl()) {
  await page.context().clearCookies();
  await page.goto(baseURL + '/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('tapeline');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.getByRole('banner')).toBeVisible();
}

/** The `data` of a 200 answer; `pathOrUrl` is a path on the shared instance or an absolute URL. */
export async function apiData<T>(page: Page, pathOrUrl: string): Promise<T> {
  const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : tapelineUrl() + pathOrUrl;
  const response = await page.request.get(url);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: T }).data;
}

export async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}
