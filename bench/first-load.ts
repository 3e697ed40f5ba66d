// The first load as a person meets it, in headless Chromium on loopback: from "Sign in" to the first
// conversation card; and on a recording page, from navigation to the first decoded video frame
// (requestVideoFrameCallback), against a bare page with one <video> on the same recordingUrl.
// Run: npx vite build && npx tsx bench/first-load.ts   (RUNS=7; prints medians; never pass/fail)
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTapeline, type RunningTapeline } from '../e2e/support/tapeline-server';
import config from '../playwright.config';

const RUNS = Number(process.env.RUNS ?? 7);
// Debian's Chromium, launched as the end-to-end suite launches it.
const { executablePath, args: CHROMIUM_ARGS } = config.use!.launchOptions!;

/** Records, in the page, when the first <video> presents its first frame (ms since navigation). */
const FIRST_FRAME_PROBE = `
  new MutationObserver((_, observer) => {
    const video = document.querySelector('video');
    if (!video || window.__probing) return;
    window.__probing = true;
    observer.disconnect();
    video.requestVideoFrameCallback(() => { window.__firstFrame = performance.now(); });
  }).observe(document, { childList: true, subtree: true });
`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function firstFrame(page: Page, url: string): Promise<number> {
  await page.addInitScript(FIRST_FRAME_PROBE);
  await page.goto(url);
  await page.waitForFunction(() => (window as { __firstFrame?: number }).__firstFrame !== undefined, null, {
    timeout: 30_000,
  });
  return page.evaluate(() => (window as unknown as { __firstFrame: number }).__firstFrame);
}

async function signInToFirstCard(browser: Browser, server: RunningTapeline) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Username').fill('qa');
  await page.getByLabel('Password').fill('tapeline');
  const started = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('a[href^="/objects/"]').first().waitFor();
  return { context, ms: Date.now() - started };
}

async function main() {
  const server = await startTapeline({ LOG_LEVEL: 'warn' });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const key = /Demo API key \(admin\): (\S+)/.exec(server.output())![1]!;
    const headers = { authorization: `Bearer ${key}` };
    const objects = (await (await fetch(`${server.url}/api/objects`, { headers })).json()) as {
      data: { objectId: string }[];
    };
    const objectId = objects.data[0]!.objectId;
    const activities = (await (
      await fetch(`${server.url}/api/objects/${objectId}/activities?activityType=27`, { headers })
    ).json()) as { data: { id: string; recordingUrl: string }[] };
    const recording = activities.data[0]!;
    const barePage = `<!doctype html><title>bare</title><video src="${recording.recordingUrl}" preload="auto" controls></video>`;

    const cards: number[] = [];
    const review: number[] = [];
    const bare: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { context, ms } = await signInToFirstCard(browser, server);
      cards.push(ms);
      // Each measurement in a fresh page of a signed-in context, with the browser's cache cold.
      const reviewPage = await context.newPage();
      review.push(
        await firstFrame(reviewPage, `${server.url}/objects/${objectId}/recordings/${recording.id}`),
      );
      const plain = await context.newPage();
      await plain.route(`${server.url}/__bare`, (route) =>
        route.fulfill({ contentType: 'text/html', body: barePage }),
      );
      bare.push(await firstFrame(plain, `${server.url}/__bare`));
      await context.close();
    }

    console.log(`\nFirst load, headless Chromium on loopback, median of ${RUNS}\n`);
    console.log('| measure | Tapeline ms | reference ms | ratio |');
    console.log('|---|---:|---:|---:|');
    console.log(`| "Sign in" to the first conversation card | ${median(cards)} | – | – |`);
    const [ours, theirs] = [median(review), median(bare)].map(Math.round) as [number, number];
    console.log(
      `| recording page to its first video frame | ${ours} | ${theirs} (bare <video>) | ${(ours / theirs).toFixed(2)}× |`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
