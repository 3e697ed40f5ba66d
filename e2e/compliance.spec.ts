// Compliance as an administrator and an auditor would use it: a legal hold keeps a recording through a
// retention run that deletes its unheld twin; the audit page shows qa's play, then qa's download.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import {
  apiData,
  expectNoSeriousA11yViolations,
  signIn,
  tapelineUrl,
  type ApiObject,
  type ApiRecording,
} from './support/person';
import { uploadRecording } from './support/upload';

const CLIP = 'media/demo/05-refund-request.webm';
/** Two years ago: past the 365 days this spec sets, while the demo's recordings are all younger. */
const LONG_AGO = new Date(Date.now() - 730 * 24 * 3600 * 1000).toISOString();

/** Uploads the demo clip as a recording of `objectId` made long ago; returns its activity id. */
async function uploadOldRecording(page: Page, objectId: string): Promise<string> {
  // page.request shares the page's cookies: the admin's session, with its CSRF token for writes.
  const me = await apiData<{ csrfToken: string }>(page, '/api/me');
  const headers = { 'x-csrf-token': me.csrfToken };
  const activity = await uploadRecording(
    page.request,
    tapelineUrl(),
    { objectId, agent: 'agent', startedAt: LONG_AGO },
    await readFile(CLIP),
    { headers, contentType: 'video/webm' },
  );
  return activity.id;
}

async function danasConversation(page: Page) {
  const objects = await apiData<ApiObject[]>(page, '/api/objects');
  return objects.find((object) => object.agent.first_name === 'Dana')!;
}

// Uploads, repairs and sign-ins take their time on a busy machine.
test.describe.configure({ timeout: 180_000 });

test('an admin places a hold, runs retention, and the held recording remains', async ({ page }) => {
  await signIn(page, 'admin');
  const conversation = await danasConversation(page);
  const held = await uploadOldRecording(page, conversation.objectId);
  const unheld = await uploadOldRecording(page, conversation.objectId);

  await page.goto(`${tapelineUrl()}/objects/${conversation.objectId}/recordings/${held}`);
  const compliance = page.getByRole('region', { name: 'Legal hold and deletion' });
  await compliance.getByLabel('Reason for a legal hold').fill('Customer complaint 4711 under review');
  await compliance.getByRole('button', { name: 'Place hold' }).click();
  await expect(compliance.getByText('Customer complaint 4711 under review')).toBeVisible({ timeout: 30_000 });

  await page.getByRole('navigation').getByRole('link', { name: 'Retention' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Retention' })).toBeVisible();
  const team = page.getByRole('form', { name: `Retention of ${conversation.team.name}` });
  await team.getByRole('spinbutton').fill('365');
  await team.getByRole('button', { name: 'Save' }).click();
  await expect(
    page.getByText(`${conversation.team.name}`).locator('..').getByText('Recordings are kept 365 days'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Run retention now' }).click();
  const result = page.getByRole('status').filter({ hasText: 'Deleted' });
  await expect(result).toContainText('Deleted 1 recording; legal holds kept 1.');
  await expect(result).toContainText(`Recording ${held} kept by hold`);
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/retention.png', fullPage: true });

  // Back to forever, so that nothing else of this conversation's team ages out later in the suite.
  await team.getByRole('spinbutton').fill('');
  await team.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Recordings are kept 365 days')).toHaveCount(0);

  const recordings = await apiData<ApiRecording[]>(
    page,
    `/api/objects/${conversation.objectId}/activities?activityType=27`,
  );
  expect(recordings.map((recording) => recording.id)).toContain(held);
  expect(recordings.map((recording) => recording.id)).not.toContain(unheld);
  await page.goto(`${tapelineUrl()}/objects/${conversation.objectId}/recordings/${held}`);
  await expect(page.getByRole('heading', { level: 1, name: /Call with/ })).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: 'test-results/review-hold.png', fullPage: true });
});

test('the audit page shows the play, then the download, of a recording by qa', async ({ page }) => {
  await signIn(page, 'qa');
  const conversation = await danasConversation(page);
  const [recording] = await apiData<ApiRecording[]>(
    page,
    `/api/objects/${conversation.objectId}/activities?activityType=27`,
  );
  await page.goto(`${tapelineUrl()}/objects/${conversation.objectId}/recordings/${recording!.id}`);
  const video = page.locator('video.vjs-tech');
  // The player is a lazily loaded chunk; once its video can play, K starts it.
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState).catch(() => 0), {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(1);
  // The player reports its session's first play itself (with S3 it is the play's only trace); with local
  // media the media route hears the same session, and the trail keeps one entry of both.
  const reported = page.waitForResponse(
    (response) =>
      response.request().method() === 'POST' &&
      new URL(response.url()).pathname === `/api/activities/${recording!.id}/plays`,
  );
  await page.keyboard.press('k');
  expect((await reported).status()).toBe(204);
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.currentTime), { timeout: 15_000 })
    .toBeGreaterThan(0.5);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`recording-${recording!.id}.webm`);

  await signIn(page, 'admin');
  await page.getByRole('navigation').getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
  await page.getByLabel('Who (username)').fill('qa');
  await page.getByLabel('Resource id').fill(recording!.id);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/actor=qa/);

  const actions = page.getByRole('table').locator('tbody tr td:nth-child(3)');
  const media = actions.filter({ hasText: /^media\./ });
  // Newest first: the download above the play, and one play however many ranges the player asked for.
  await expect(media).toHaveCount(2);
  await expect(media.nth(0)).toContainText('media.downloaded');
  await expect(media.nth(1)).toContainText('media.played');
  await expectNoSeriousA11yViolations(page);
  await page.screenshot({ path: 'test-results/audit.png', fullPage: true });
});
