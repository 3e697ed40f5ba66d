// Disputes and scorecards against the real server: an agent disputes evaluations, a QA manager sees it on the
// timeline and resolves it (revise, uphold); scorecards are created, edited and archived with the keyboard.
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import {
  signIn,
  expectNoSeriousA11yViolations,
  tapelineUrl as baseURL,
  type ApiObject,
  type ApiRecording,
} from './support/person';
import type { Criterion, Scorecard } from '../contract/scorecards';

/** The API as one signed-in user: reads, and writes with that session's CSRF token. */
async function apiAs(request: APIRequestContext) {
  const me = await request.get(baseURL() + '/api/me');
  expect(me.status()).toBe(200);
  const csrf = ((await me.json()) as { data: { csrfToken: string } }).data.csrfToken;
  const call = async <T>(method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown): Promise<T> => {
    const response = await request.fetch(baseURL() + path, {
      method,
      headers: method === 'GET' ? {} : { 'X-CSRF-Token': csrf },
      ...(data === undefined ? {} : { data }),
    });
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
    return ((await response.json()) as { data: T }).data;
  };
  return call;
}

const top = (criterion: Criterion) => (criterion.scale === 'binary' ? 1 : Number(criterion.scale));
const lowestLabel = (criterion: Criterion) =>
  criterion.scale === 'binary' ? 'Fail' : `1 of ${criterion.scale}`;

test('a QA manager sees disputed evaluations on the timeline and resolves them by revising and upholding', async ({
  page,
}) => {
  await signIn(page, 'qa');
  const asQa = await apiAs(page.request);

  // Two recordings of the second-to-last conversation of Dana's (no other spec evaluates them).
  const objects = await asQa<ApiObject[]>('GET', '/api/objects');
  const danas = objects.filter((object) => object.agent?.first_name === 'Dana');
  const object = danas.at(-2) ?? danas[0]!;
  const recordings = await asQa<ApiRecording[]>(
    'GET',
    `/api/objects/${object.objectId}/activities?activityType=27`,
  );
  expect(recordings.length).toBeGreaterThanOrEqual(2);
  const [revisedRecording, upheldRecording] = recordings;

  const scorecard = (await asQa<Scorecard[]>('GET', '/api/scorecards'))[0]!;
  const criteria = scorecard.sections.flatMap((section) => section.criteria);
  const topRatings = Object.fromEntries(criteria.map((c) => [c.id, { value: top(c), comment: null }]));

  async function submittedEvaluation(recording: ApiRecording): Promise<string> {
    const draft = await asQa<{ id: string; version: number }>(
      'POST',
      `/api/activities/${recording.id}/evaluations`,
      { scorecardId: scorecard.id },
    );
    const saved = await asQa<{ version: number }>('PUT', `/api/evaluations/${draft.id}`, {
      version: draft.version,
      ratings: topRatings,
      overallComment: 'Clear and friendly.',
    });
    await asQa('POST', `/api/evaluations/${draft.id}/submit`, { version: saved.version });
    return draft.id;
  }
  const revisedId = await submittedEvaluation(revisedRecording!);
  const upheldId = await submittedEvaluation(upheldRecording!);

  const run = Date.now();
  const revisedReason = `I was not rated fairly (revise ${run}).`;
  const upheldReason = `The customer hung up on me (uphold ${run}).`;
  const agentRequest = await playwrightRequest.newContext();
  const login = await agentRequest.post(baseURL() + '/api/auth/login', {
    data: { username: 'agent', password: 'tapeline' },
  });
  expect(login.ok()).toBe(true);
  const asAgent = await apiAs(agentRequest);
  await asAgent('POST', `/api/evaluations/${revisedId}/dispute`, { reason: revisedReason });
  await asAgent('POST', `/api/evaluations/${upheldId}/dispute`, { reason: upheldReason });
  await agentRequest.dispose();

  // The timeline shows the score and the open dispute; the unevaluated filter hides the recording.
  await page.goto(`${baseURL()}/objects/${object.objectId}`);
  const entry = page
    .getByRole('list', { name: 'Recordings' })
    .locator(`a[href="/objects/${object.objectId}/recordings/${revisedRecording!.id}"]`);
  await expect(entry).toContainText('Score 100 %');
  await expect(entry).toContainText('Disputed');
  await page.screenshot({ path: 'test-results/timeline-qa.png', fullPage: true });
  await page.getByRole('combobox', { name: 'Show' }).selectOption('Not evaluated');
  await expect(page).toHaveURL(/\?qa=unevaluated$/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Show' })).toHaveValue('unevaluated');
  await expect(
    page
      .getByRole('list', { name: 'Recordings' })
      .or(page.getByRole('heading', { name: /has been evaluated/ })),
  ).toBeVisible();
  await expect(entry).toHaveCount(0);

  // Revise the first dispute: one rating down, with a comment.
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Disputes' }).click();
  const open = page.getByRole('list', { name: 'Open disputes' });
  const revisedRow = open.getByRole('listitem').filter({ hasText: revisedReason });
  await expect(revisedRow).toBeVisible();
  await expect(revisedRow).toContainText('Score 100 %');
  await expectNoSeriousA11yViolations(page);
  await revisedRow.getByRole('link', { name: /^Dana Whitfield/ }).click();
  await expect(page.getByRole('heading', { name: 'Dispute by Dana Whitfield' })).toBeVisible();
  await page.getByText('Revise', { exact: true }).click();
  const first = criteria[0]!;
  await page
    .getByRole('radiogroup', { name: first.title, exact: true })
    .getByRole('radio', { name: lowestLabel(first), exact: true })
    .locator('xpath=..') // the option's label, which a person clicks
    .click();
  await page.getByRole('textbox', { name: /Comment for the agent/ }).fill('Rating corrected after review.');
  await expectNoSeriousA11yViolations(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/disputes.png', fullPage: true });
  await page.getByRole('button', { name: 'Save revision' }).click();

  const resolved = page.getByRole('list', { name: 'Resolved disputes' });
  await expect(resolved.getByRole('listitem').filter({ hasText: revisedReason })).toContainText('Revised');
  await expect(page.getByRole('list', { name: 'Evaluation history' })).toContainText('revised');

  // Uphold the second one: a comment is required.
  await page.getByRole('link', { name: 'Open', exact: true }).click();
  await open
    .getByRole('listitem')
    .filter({ hasText: upheldReason })
    .getByRole('link', { name: /^Dana Whitfield/ })
    .click();
  await page.getByRole('button', { name: 'Uphold evaluation' }).click();
  await expect(page.getByText('Explain to the agent why the evaluation stands.')).toBeVisible();
  await page.getByRole('textbox', { name: /Comment for the agent/ }).fill('The evaluation stands.');
  await page.getByRole('button', { name: 'Uphold evaluation' }).click();
  await expect(resolved.getByRole('listitem').filter({ hasText: upheldReason })).toContainText('Upheld');
  await expect(page.getByRole('list', { name: 'Evaluation history' })).toContainText('upheld');
});

test('a QA manager creates, edits and archives a scorecard with the keyboard', async ({ page }) => {
  await signIn(page, 'qa');
  await page.goto(baseURL() + '/admin/scorecards');
  await expect(page.getByRole('table', { name: 'Scorecards' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  const name = `Escalations ${Date.now()}`;
  await page.getByRole('button', { name: 'New scorecard' }).press('Enter');
  await expect(page.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type('For calls handed to a specialist.');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Hand-over');
  const criterion = page.getByRole('group', { name: 'Criterion 1.1' });
  await criterion.getByRole('textbox', { name: 'Criterion title' }).focus();
  await page.keyboard.type('Explains the next step');
  await criterion.getByRole('combobox', { name: 'Scale' }).focus();
  await page.keyboard.press('ArrowUp'); // 5-point → 4-point
  await criterion.getByRole('checkbox', { name: 'Allow N/A' }).press('Space');
  await page.getByRole('button', { name: 'Add criterion to section 1' }).press('Enter');
  await expect(
    page.getByRole('group', { name: 'Criterion 1.2' }).getByRole('textbox', { name: 'Criterion title' }),
  ).toBeFocused();
  await page.keyboard.type('Confirms the customer’s details');
  await page
    .getByRole('group', { name: 'Criterion 1.2' })
    .getByRole('checkbox', { name: /Critical/ })
    .press('Space');
  await expectNoSeriousA11yViolations(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/scorecards.png', fullPage: true });
  await page.getByRole('button', { name: 'Create scorecard' }).press('Enter');
  await expect(page.getByText(`“${name}” is created (version 1).`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Version 1');
  await expect(row).toContainText('Active');

  await page.getByRole('button', { name: `Edit ${name}` }).press('Enter');
  await expect(page.getByText('version 1', { exact: true })).toBeVisible();
  await expect(page.getByText(/Evaluations keep the version they were made with/).first()).toBeVisible();
  await page
    .getByRole('group', { name: 'Criterion 1.1' })
    .getByRole('spinbutton', { name: 'Weight' })
    .fill('3');
  // A field left invalid takes focus when saving, and is scrolled clear of the sticky app bar even when
  // it was tucked under it: here the page is scrolled to just that spot, and saved from the keyboard.
  const sectionTitle = page.getByRole('textbox', { name: 'Section title' });
  await sectionTitle.fill('');
  await sectionTitle.evaluate((field) => window.scrollBy(0, field.getBoundingClientRect().top - 10));
  await page
    .getByRole('button', { name: 'Publish version 2' })
    .evaluate((button) => (button as HTMLButtonElement).focus({ preventScroll: true }));
  await page.keyboard.press('Enter');
  await expect(sectionTitle).toBeFocused();
  await expect(sectionTitle).toHaveAttribute('aria-invalid', 'true');
  const appBar = (await page.getByRole('banner').boundingBox())!;
  expect((await sectionTitle.boundingBox())!.y).toBeGreaterThanOrEqual(appBar.y + appBar.height);
  await page.keyboard.type('Hand-over');
  await page.getByRole('button', { name: 'Publish version 2' }).press('Enter');
  await expect(page.getByText(`“${name}” is saved as version 2.`)).toBeVisible();
  await expect(row).toContainText('Version 2');

  await page.getByRole('button', { name: `Archive ${name}` }).press('Enter');
  await expect(page.getByRole('button', { name: 'Archive scorecard' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText(`“${name}” is archived.`)).toBeVisible();
  await expect(row).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Show archived' }).press('Space');
  await expect(row).toContainText('Archived');
  await expectNoSeriousA11yViolations(page);
});
