// From an empty DATA_DIR without the demo, as a new installation: the administrator comes from the setup
// link the server printed, a team and an agent from the API, the agent's password from their link, a
// conversation and its recording from an integration's API key; the administrator then plays it.
import { readFile } from 'node:fs/promises';
import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/person';
import { uploadRecording } from './support/upload';
import { startTapeline, type RunningTapeline } from './support/tapeline-server';

const PASSWORD = 'a long enough password';
const RECORDING = 'media/demo/01-billing-dispute.webm';

let server: RunningTapeline;
test.beforeAll(async () => {
  test.setTimeout(180_000); // a fresh database is migrated at start, on a busy machine too
  server = await startTapeline({ TAPELINE_DEMO: '0' });
});
test.afterAll(() => server?.stop());

async function fillPasswords(page: Page) {
  await page.getByLabel('Password (at least 10 characters)').fill(PASSWORD);
  await page.getByLabel('Repeat the password').fill(PASSWORD);
}

/** The `data` of a write the signed-in page makes through the API (cookie and CSRF token). */
async function post<T>(page: Page, path: string, body: unknown): Promise<T> {
  const me = (await (await page.request.get(`${server.url}/api/me`)).json()) as {
    data: { csrfToken: string };
  };
  const response = await page.request.post(server.url + path, {
    data: body,
    headers: { 'x-csrf-token': me.data.csrfToken },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { data: T }).data;
}

test('from an empty DATA_DIR to the first recording on a timeline', async ({ page, browser }) => {
  test.setTimeout(180_000);

  // 1. The setup link the server printed creates the administrator and signs them in.
  const setupUrl = new RegExp(`${server.url}/setup/[\\w-]+`).exec(server.output())?.[0];
  expect(setupUrl, server.output()).toBeTruthy();
  await page.goto(setupUrl!);
  await expect(page.getByRole('heading', { name: 'Set up Tapeline' })).toBeVisible();
  await page.getByLabel('Username').fill('ada');
  await page.getByLabel('First name').fill('Ada');
  await page.getByLabel('Last name').fill('Lovelace');
  await fillPasswords(page);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/from-zero-setup.png' });
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByRole('banner')).toBeVisible({ timeout: 20_000 });
  const empty = page.getByRole('heading', { name: 'No conversations yet' });
  await expect(empty).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('npm run tapeline -- import --object-external-id')).toBeVisible();
  await page.screenshot({ path: 'test-results/from-zero-empty.png', fullPage: true });

  // The link worked once.
  const reused = await page.request.post(`${server.url}/api/setup`, {
    data: { token: setupUrl!.split('/').pop(), username: 'eve', firstName: 'Eve', password: PASSWORD },
  });
  expect(reused.status()).toBe(404);

  // 2. A team and an agent through the API; an API key for the integration.
  const team = await post<{ id: string }>(page, '/api/teams', { name: 'Support' });
  const agent = await post<{ id: string; setPasswordUrl: string }>(page, '/api/users', {
    username: 'dana',
    firstName: 'Dana',
    lastName: 'Reyes',
    role: 'agent',
    teams: [team.id],
  });
  const me = (await (await page.request.get(`${server.url}/api/me`)).json()) as {
    data: { user: { id: string } };
  };
  const { key } = await post<{ key: string }>(page, `/api/users/${me.data.user.id}/api-keys`, {
    name: 'crm',
  });

  // 3. The agent sets their password through their link, and is signed in.
  const agentContext = await browser.newContext();
  const agentPage = await agentContext.newPage();
  await agentPage.goto(agent.setPasswordUrl);
  await expect(agentPage.getByRole('heading', { name: 'Choose your password' })).toBeVisible();
  await fillPasswords(agentPage);
  await agentPage.screenshot({ path: 'test-results/from-zero-set-password.png' });
  await agentPage.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(agentPage.getByRole('banner')).toContainText('Dana', { timeout: 20_000 });
  await agentContext.close();

  // 4. The integration's key records a call on a conversation that did not exist, uploads a real file
  //    and completes it.
  const integration = await playwrightRequest.newContext({
    extraHTTPHeaders: { authorization: `Bearer ${key}` },
  });
  const { id: activityId, objectId: createdObjectId } = await uploadRecording(
    integration,
    server.url,
    {
      object: { externalId: 'crm-1001', title: 'Disputed invoice', team: team.id, agent: 'dana' },
      agent: 'dana',
      externalId: 'call-1',
    },
    await readFile(RECORDING),
    { contentType: 'video/webm' },
  );
  await integration.dispose();

  // 5. The administrator sees the new conversation, opens its timeline and plays the recording.
  await page.reload();
  await page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('link', { name: /Disputed invoice/ })
    .click();
  await expect(page).toHaveURL(new RegExp(`/objects/${createdObjectId}$`));
  await page.locator(`a[href="/objects/${createdObjectId}/recordings/${activityId}"]`).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Call with Dana/);
  await expect
    .poll(
      () => page.evaluate(() => document.querySelector<HTMLVideoElement>('video.vjs-tech')?.readyState ?? -1),
      { timeout: 15_000 },
    )
    .toBeGreaterThanOrEqual(1);
  await page.keyboard.press('k');
  await expect
    .poll(
      () => page.evaluate(() => document.querySelector<HTMLVideoElement>('video.vjs-tech')?.currentTime ?? 0),
      { timeout: 15_000 },
    )
    .toBeGreaterThan(1);
  await page.screenshot({ path: 'test-results/from-zero-playing.png' });
});
