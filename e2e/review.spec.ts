// The review page against the real server and real media: playing, seeking, shortcuts, ?t=, and a signed
// media URL that expires while the reviewer watches and while they pause.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startTapeline, type RunningTapeline } from './support/tapeline-server';
import { signIn, apiData, type ApiObject, type ApiRecording } from './support/person';

/** A WebM recording at least `minSeconds` long (WebM plays in every Chromium build), from the API. */
async function longRecording(page: Page, baseURL: string, minSeconds: number): Promise<ApiRecording> {
  const objects = await apiData<ApiObject[]>(page, `${baseURL}/api/objects`);
  for (const object of objects) {
    const recordings = await apiData<ApiRecording[]>(
      page,
      `${baseURL}/api/objects/${object.objectId}/activities?activityType=27`,
    );
    const match = recordings.find(
      (recording) => recording.duration >= minSeconds && (recording.data ?? '').includes('"webm"'),
    );
    if (match) return match;
  }
  throw new Error(`The demo data has no WebM recording of ${minSeconds} s or more.`);
}

const reviewPath = (recording: ApiRecording) => `/objects/${recording.objectId}/recordings/${recording.id}`;

interface VideoState {
  time: number;
  paused: boolean;
  duration: number;
  readyState: number;
  seeking: boolean;
  src: string;
}

function video(page: Page): Promise<VideoState> {
  return page.evaluate(() => {
    const element = document.querySelector<HTMLVideoElement>('video.vjs-tech');
    // The player is a lazily loaded chunk: until it is there, there is nothing to report.
    if (!element) return { time: NaN, paused: true, duration: NaN, readyState: -1, seeking: false, src: '' };
    return {
      time: element.currentTime,
      paused: element.paused,
      duration: element.duration,
      readyState: element.readyState,
      seeking: element.seeking,
      src: element.currentSrc,
    };
  });
}

/**
 * The element's state once it has a frame at its position and is not seeking. While a fresh signed URL
 * is swapped in, the element briefly reports the new source's start (0 s) until the player restores
 * the position; a position read then says nothing about where the reviewer is.
 */
async function settledVideo(page: Page): Promise<VideoState> {
  let state = await video(page);
  await expect
    .poll(async () => {
      state = await video(page);
      return state.readyState >= 2 && !state.seeking;
    })
    .toBe(true);
  return state;
}

async function waitForMetadata(page: Page) {
  await expect
    .poll(async () => (await video(page)).readyState, { timeout: 15_000 })
    .toBeGreaterThanOrEqual(1);
}

/** Plays on and proves it: the time moves at least a second past where it was. */
async function expectAdvancing(page: Page) {
  const from = (await settledVideo(page)).time;
  await expect.poll(async () => (await video(page)).time, { timeout: 15_000 }).toBeGreaterThan(from + 1);
}

async function togglePlay(page: Page, expectPaused: boolean) {
  await page.keyboard.press('k');
  await expect.poll(async () => (await video(page)).paused).toBe(expectPaused);
}

const expiryOf = (url: string) => Number(new URL(url).searchParams.get('exp'));

test.describe('a signed media URL that expires during the review', () => {
  let tapeline: RunningTapeline;

  test.beforeAll(async () => {
    tapeline = await startTapeline({ MEDIA_URL_TTL: '5' });
  });
  test.afterAll(async () => {
    await tapeline?.stop();
  });

  test('keeps playing past expiry, and resumes at the same position after a long pause', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, 'qa', tapeline.url);
    const recording = await longRecording(page, tapeline.url, 45);

    await page.goto(`${tapeline.url}${reviewPath(recording)}`);
    await waitForMetadata(page);
    const firstSource = (await video(page)).src;
    const firstExpiry = expiryOf(firstSource);
    expect(firstExpiry).toBeGreaterThan(0);

    await togglePlay(page, false);
    // Wait (a condition, not a sleep) until the first URL has expired, then keep watching.
    await expect
      .poll(() => Date.now() / 1000, { timeout: 15_000, intervals: [250] })
      .toBeGreaterThan(firstExpiry + 1);
    await expectAdvancing(page);
    // With a 5 s lifetime the player swaps sources every few seconds; each swap pauses the element for
    // a moment, so wait for the steady state rather than sampling one instant.
    await expect
      .poll(async () => {
        const playing = await video(page);
        return (
          !playing.paused && playing.src !== firstSource && /\/media\/.+\?exp=\d+&sig=/.test(playing.src)
        );
      })
      .toBe(true);

    // A long pause: every URL the player had at that moment expires while it sits paused.
    await togglePlay(page, true);
    const pausedAt = await settledVideo(page);
    const pausedSince = Date.now();
    const pausedExpiry = expiryOf(pausedAt.src);
    await expect
      .poll(() => Date.now(), { timeout: 20_000, intervals: [500] })
      .toBeGreaterThan(Math.max(pausedSince + 10_000, pausedExpiry * 1000 + 1000));

    const beforeResume = await settledVideo(page);
    expect(beforeResume.paused).toBe(true);
    expect(Math.abs(beforeResume.time - pausedAt.time)).toBeLessThanOrEqual(0.5);

    await togglePlay(page, false);
    await expectAdvancing(page);
    await expect(page.getByText('The recording could not be loaded')).toBeHidden();
    await expect(page.locator('.video-js.vjs-error')).toHaveCount(0);
  });
});

test.describe('reviewing a recording', () => {
  const baseURL = () => process.env.TAPELINE_URL!;

  test('opens from the timeline, plays, seeks to the middle, and J/L jump 10 s', async ({ page }) => {
    await signIn(page, 'qa', baseURL());
    const recording = await longRecording(page, baseURL(), 35);

    await page.goto(`${baseURL()}/objects/${recording.objectId}`);
    await page.locator(`a[href="${reviewPath(recording)}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${reviewPath(recording)}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Call with /);
    await waitForMetadata(page);

    await togglePlay(page, false);
    await expectAdvancing(page);

    // Seek by clicking the middle of the progress bar, as a reviewer would.
    const progress = page.locator('.vjs-progress-holder');
    await page.locator('.video-js').hover();
    const box = (await progress.boundingBox())!;
    await progress.click({ position: { x: box.width / 2, y: box.height / 2 } });
    const half = recording.duration / 2;
    await expect.poll(async () => Math.abs((await video(page)).time - half)).toBeLessThan(2);
    await expectAdvancing(page);

    await togglePlay(page, true);
    const at = (await video(page)).time;
    await page.keyboard.press('l');
    await expect.poll(async () => (await video(page)).time).toBeCloseTo(at + 10, 0);
    await page.keyboard.press('j');
    await expect.poll(async () => (await video(page)).time).toBeCloseTo(at, 0);
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await video(page)).time).toBeCloseTo(at + 5, 0);

    // Shortcuts are documented in a dialog that ? opens and Escape closes.
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Forward 10 seconds');
    await expect(dialog).toContainText('Add a note at the current time');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('?t=30 starts playback at 30 s', async ({ page }) => {
    await signIn(page, 'qa', baseURL());
    const recording = await longRecording(page, baseURL(), 36);

    await page.goto(`${baseURL()}${reviewPath(recording)}?t=30`);
    await waitForMetadata(page);
    await expect.poll(async () => (await video(page)).time).toBeCloseTo(30, 0);

    await togglePlay(page, false);
    await expectAdvancing(page);
    expect((await video(page)).time).toBeLessThan(recording.duration);
  });

  test('is accessible and looks right', async ({ page }) => {
    await signIn(page, 'qa', baseURL());
    const recording = await longRecording(page, baseURL(), 35);

    await page.goto(`${baseURL()}${reviewPath(recording)}?t=12`);
    await waitForMetadata(page);
    await expect.poll(async () => (await video(page)).time).toBeCloseTo(12, 0);
    await expect(page.getByRole('region', { name: 'Recording details' })).toBeVisible();

    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);

    await page.screenshot({ path: 'test-results/review.png', fullPage: true });
  });
});
