// The caller's queue on the home page, against the real server and its demo data.
import { expect, test, type Page } from '@playwright/test';
import {
  signIn,
  apiData,
  expectNoSeriousA11yViolations,
  tapelineUrl as baseURL,
  type ApiObject,
} from './support/person';
import type { Evaluation, RecordingQaSummary } from '../contract/evaluations';
import type { Scorecard } from '../contract/scorecards';

const queueRegion = (page: Page) => page.getByRole('region', { name: 'Your queue' });

/** A write through the page's session, with the CSRF token the session hands out. */
async function apiWrite<T>(page: Page, method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  const { csrfToken } = await apiData<{ csrfToken: string }>(page, '/api/me');
  const response = await page.request.fetch(baseURL() + path, {
    method,
    data: body,
    headers: { 'X-CSRF-Token': csrfToken },
  });
  expect(response.status(), `${method} ${path}`).toBeLessThan(300);
  return ((await response.json()) as { data: T }).data;
}

/**
 * An unevaluated recording of Dana Whitfield (the `agent` sign-in). The last two of her conversations
 * belong to the QA evaluation and dispute specs, so this one comes from the others.
 */
async function unevaluatedRecordingOfDana(page: Page) {
  const objects = await apiData<ApiObject[]>(page, '/api/objects');
  const danas = objects.filter((object) => object.agent?.first_name === 'Dana').slice(0, -2);
  for (const object of danas) {
    const summary = await apiData<RecordingQaSummary[]>(page, `/api/objects/${object.objectId}/qa-summary`);
    const free = summary.find((recording) => recording.state === 'not_evaluated');
    if (free) return { objectId: object.objectId, activityId: free.activityId };
  }
  throw new Error('No unevaluated recording of Dana Whitfield outside the other specs’ conversations.');
}

test('a QA manager sees the recordings to evaluate and opens one for review', async ({ page }) => {
  await signIn(page, 'qa');
  const queue = queueRegion(page);
  await expect(queue.getByRole('heading', { level: 2, name: 'Your queue' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();

  const toEvaluate = queue.getByRole('list', { name: 'To evaluate' }).getByRole('link');
  await expect(toEvaluate.first()).toBeVisible();
  expect(await toEvaluate.count()).toBeGreaterThan(0);
  await expect(queue.getByText(/^Open disputes:/)).toBeVisible();
  await expect(queue.getByRole('link', { name: 'Go to disputes' })).toHaveAttribute('href', '/disputes');
  // The conversations list stays below the queue.
  await expect(page.getByRole('list', { name: 'Conversations' }).getByRole('link').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/home-queue.png', fullPage: true });

  const first = toEvaluate.first();
  const href = (await first.getAttribute('href'))!;
  expect(href).toMatch(/^\/objects\/\d+\/recordings\/\d+$/);
  await first.click();
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  await expect(page.getByRole('region', { name: 'Evaluation' })).toBeVisible();
});

test('an agent sees a newly submitted evaluation of their recording under “to acknowledge”', async ({
  page,
}) => {
  await signIn(page, 'qa');
  const recording = await unevaluatedRecordingOfDana(page);
  const scorecards = await apiData<Scorecard[]>(page, '/api/scorecards');
  const scorecard = scorecards.find((card) => card.name === 'Video support call') ?? scorecards[0]!;
  const draft = await apiWrite<Evaluation>(
    page,
    'POST',
    `/api/activities/${recording.activityId}/evaluations`,
    {
      scorecardId: scorecard.id,
    },
  );
  // Every criterion passes: the top of its scale.
  const ratings = Object.fromEntries(
    scorecard.sections
      .flatMap((section) => section.criteria)
      .map((criterion) => [
        criterion.id,
        { value: criterion.scale === 'binary' ? 1 : Number(criterion.scale), comment: null },
      ]),
  );
  const saved = await apiWrite<Evaluation>(page, 'PUT', `/api/evaluations/${draft.id}`, {
    version: draft.version,
    ratings,
  });
  await apiWrite(page, 'POST', `/api/evaluations/${draft.id}/submit`, { version: saved.version });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, 'agent');
  const toAcknowledge = queueRegion(page).getByRole('list', { name: 'To acknowledge' });
  const item = toAcknowledge.locator(
    `a[href="/objects/${recording.objectId}/recordings/${recording.activityId}"]`,
  );
  await expect(item).toBeVisible();
  await expect(item).toContainText('Reviewed by Quinn');
  await expect(item).toContainText('Score 100 %');
  await expect(queueRegion(page).getByText(/Open disputes/)).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/home-queue-agent.png', fullPage: true });
});
