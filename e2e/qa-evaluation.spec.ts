// Evaluating a recording in the QA panel against the real server: rating by keyboard, annotating while
// the video plays, a draft that survives a reload and a lost network, submit, and the agent's dispute.
import { expect, test, type Page } from '@playwright/test';
import {
  signIn,
  apiData,
  expectNoSeriousA11yViolations,
  tapelineUrl as baseURL,
  type ApiObject,
  type ApiRecording,
} from './support/person';

/**
 * Recordings of the last conversation in the list whose agent is Dana Whitfield (the `agent` sign-in):
 * other specs take the first ones. Oldest first.
 */
async function danasRecordings(page: Page): Promise<ApiRecording[]> {
  const objects = await apiData<ApiObject[]>(page, '/api/objects');
  const dana = objects.filter((object) => object.agent?.first_name === 'Dana');
  const object = dana[dana.length - 1];
  if (!object) throw new Error('The demo data has no conversation of Dana Whitfield.');
  const recordings = await apiData<ApiRecording[]>(
    page,
    `/api/objects/${object.objectId}/activities?activityType=27`,
  );
  expect(recordings.length).toBeGreaterThanOrEqual(2);
  return [...recordings].reverse();
}

const reviewPath = (recording: ApiRecording) => `/objects/${recording.objectId}/recordings/${recording.id}`;

function videoState(page: Page) {
  return page.evaluate(() => {
    const element = document.querySelector<HTMLVideoElement>('video.vjs-tech');
    return {
      time: element?.currentTime ?? NaN,
      paused: element?.paused ?? true,
      ready: element?.readyState ?? -1,
    };
  });
}

const draftForm = (page: Page) => page.getByRole('form', { name: /^Your evaluation with/ });

async function startEvaluation(page: Page) {
  const evaluation = page.getByRole('region', { name: 'Evaluation' });
  await expect(evaluation.getByText('Not evaluated yet.')).toBeVisible();
  // Choosing the scorecard is the one mouse action.
  await evaluation.getByLabel('Scorecard').selectOption({ label: 'Video support call' });
  await evaluation.getByRole('button', { name: 'Start evaluation' }).click();
  await expect(draftForm(page)).toBeVisible();
}

/** Rates criteria `from`…`to - 1` with the keyboard only: → picks the second option, Tab Tab moves on. */
async function rateByKeyboard(page: Page, from: number, to: number) {
  const groups = draftForm(page).getByRole('radiogroup');
  // Start from the first radio of the first group to rate; from there it is keys only.
  await groups.nth(from).getByRole('radio').first().focus();
  for (let index = from; index < to; index++) {
    await page.keyboard.press('ArrowRight');
    await expect(groups.nth(index).getByRole('radio').nth(1)).toBeChecked();
    if (index < to - 1) {
      await page.keyboard.press('Tab'); // the criterion's comment
      await page.keyboard.press('Tab'); // the next criterion's first option
    }
  }
}

async function checkedCount(page: Page) {
  return draftForm(page).getByRole('radio', { checked: true }).count();
}

test('a QA manager evaluates and annotates, the agent disputes, the history shows it all', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, 'qa');
  const recording = (await danasRecordings(page))[0]!;
  await page.goto(baseURL() + reviewPath(recording));
  await expect
    .poll(async () => (await videoState(page)).ready, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1);

  await startEvaluation(page);
  const groupCount = await draftForm(page).getByRole('radiogroup').count();
  expect(groupCount).toBeGreaterThan(3);
  const half = Math.floor(groupCount / 2);
  await expect(draftForm(page)).toContainText('—');
  await rateByKeyboard(page, 0, half);
  await expect(draftForm(page)).not.toContainText('Score —');
  // Mid-evaluation: the draft editor open with some criteria rated, a comment on one.
  await draftForm(page)
    .getByRole('textbox', { name: /^Comment on / })
    .first()
    .fill('Warm greeting.');
  await expectNoSeriousA11yViolations(page);
  // Back on a rating: the player's shortcuts (K, N) do not fire while typing a comment.
  await draftForm(page).getByRole('radio', { checked: true }).last().focus();

  // Two notes while the video plays: N opens the form at the current time, Enter saves, playback goes on.
  await page.keyboard.press('k');
  await expect.poll(async () => (await videoState(page)).paused).toBe(false);
  for (const text of ['Greets the customer warmly', 'Explains the refund clearly']) {
    const before = (await videoState(page)).time;
    await expect.poll(async () => (await videoState(page)).time).toBeGreaterThan(before + 1);
    await page.keyboard.press('n');
    const form = page.getByRole('form', { name: 'New annotation' });
    await expect(form.getByLabel('Note')).toBeFocused();
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await expect(form).toBeHidden();
    await expect(page.getByRole('list', { name: 'Annotations' })).toContainText(text);
    expect((await videoState(page)).paused).toBe(false);
  }
  await expect(page.locator('.tapeline-marker')).toHaveCount(2);
  await expect(
    page.getByRole('button', { name: /^Annotation at \d+:\d\d: Greets the customer/ }),
  ).toHaveCount(1);
  await expect(draftForm(page).getByRole('status')).toHaveText('All changes saved');
  await page.keyboard.press('k');

  // Mid-way reload: the draft and the annotations are still there.
  await page.reload();
  await expect(draftForm(page)).toBeVisible();
  expect(await checkedCount(page)).toBe(half);
  await expect(page.getByRole('list', { name: 'Annotations' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.locator('.tapeline-marker')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/qa-panel.png', fullPage: true });

  await rateByKeyboard(page, half, groupCount);
  await expect(draftForm(page).getByRole('status')).toHaveText('All changes saved');
  await draftForm(page).getByRole('button', { name: 'Submit evaluation' }).click();
  const submitted = page.getByRole('article', { name: /^Evaluation by / });
  await expect(submitted).toContainText('Submitted');

  // The agent sees the score and disputes it; a dispute needs a reason.
  await signIn(page, 'agent');
  await page.goto(baseURL() + reviewPath(recording));
  const agentView = page.getByRole('article', { name: /^Evaluation by / });
  await expect(agentView).toContainText(/Score\s*\d+%/);
  await expectNoSeriousA11yViolations(page);
  await agentView.getByRole('button', { name: 'Dispute' }).click();
  await agentView.getByRole('button', { name: 'Send dispute' }).click();
  await expect(agentView.getByText('Say what you disagree with.')).toBeVisible();
  await agentView.getByLabel('Why do you disagree?').fill('The greeting was complete; please listen again.');
  await agentView.getByRole('button', { name: 'Send dispute' }).click();
  await expect(agentView).toContainText('You disputed this evaluation');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'test-results/qa-agent.png', fullPage: true });

  // The QA manager resolves the dispute (through the API), and the panel's history tells the story.
  await signIn(page, 'qa');
  const me = await apiData<{ csrfToken: string }>(page, '/api/me');
  const disputes = await apiData<{ id: string; activityId: string }[]>(page, '/api/disputes');
  const dispute = disputes.find((entry) => entry.activityId === recording.id);
  expect(dispute).toBeDefined();
  const resolved = await page.request.post(`${baseURL()}/api/disputes/${dispute!.id}/resolve`, {
    headers: { 'X-CSRF-Token': me.csrfToken },
    data: { outcome: 'upheld', comment: 'Listened again: the score stands.' },
  });
  expect(resolved.status()).toBe(200);

  await page.goto(baseURL() + reviewPath(recording));
  const mine = page.getByRole('article', { name: /^Evaluation by / });
  await mine.getByText('History', { exact: true }).click();
  const history = mine.getByRole('list', { name: 'History' });
  await expect(history).toContainText('Created');
  await expect(history).toContainText('Submitted');
  await expect(history).toContainText('Disputed');
  await expect(history).toContainText('Dispute resolved');
});

test('ratings made offline are kept and saved when the network is back', async ({ page, context }) => {
  test.setTimeout(90_000);
  await signIn(page, 'qa');
  const recording = (await danasRecordings(page))[1]!;
  await page.goto(baseURL() + reviewPath(recording));

  await startEvaluation(page);
  await rateByKeyboard(page, 0, 1);
  await expect(draftForm(page).getByRole('status')).toHaveText('All changes saved');

  await context.setOffline(true);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowRight');
  await expect(draftForm(page).getByRole('status')).toHaveText(
    'Offline — changes kept on this device, will save when back online',
  );
  expect(await checkedCount(page)).toBe(3);

  await context.setOffline(false);
  await expect(draftForm(page).getByRole('status')).toHaveText('All changes saved');
  await page.reload();
  await expect(draftForm(page)).toBeVisible();
  expect(await checkedCount(page)).toBe(3);
});
