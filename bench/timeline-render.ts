// Renders a conversation with 10 000 recordings in Chromium: the virtualized timeline against the same
// markup as one plain HTML list. Prints a markdown table; never passes or fails on time.
// Run: npx vite build && npx tsx bench/timeline-render.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { TIMELINE_PAGE_SIZE } from '../src/api/activities';
import { startTapeline } from '../e2e/support/tapeline-server';
import { loadConfig } from '../server/config';
import { seedDemo } from '../server/demo/seed';
import { openRuntime } from '../server/runtime';
import config from '../playwright.config';

const ENTRIES = 10_000;
const SCROLL_FRAMES = 600;
// Debian's Chromium, launched as the end-to-end suite launches it.
const { executablePath, args: CHROMIUM_ARGS } = config.use!.launchOptions!;

/** Seeds the demo into a fresh DATA_DIR and gives one conversation ENTRIES recordings of a demo clip. */
async function prepareDataDir(): Promise<{ dataDir: string; objectId: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tapeline-bench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const runtime = await openRuntime(config);
  try {
    await seedDemo(runtime.db, runtime.storage);
    const { rows } = await runtime.db.query<{ object_id: string }>(
      `select o.id::text as object_id from objects o join users u on u.id = o.agent_id
       where u.username = 'agent' order by o.id limit 1`,
    );
    const objectId = rows[0]!.object_id;
    // One every 37 minutes back from now: about 250 local days, so day headers are realistic.
    await runtime.db.query(
      `with clip as (select * from recordings where object_id = $1 and status = 'completed' limit 1),
       made as (
         insert into recordings (id, object_id, agent_id, status, started_at, storage_key, container,
                                 video_codec, audio_codec, duration_seconds, file_size, completed_at)
         select gen_random_uuid(), c.object_id, c.agent_id, 'completed',
                now() - g * interval '37 minutes', c.storage_key, c.container, c.video_codec, c.audio_codec,
                c.duration_seconds, c.file_size,
                now() - g * interval '37 minutes' + make_interval(secs => ceil(c.duration_seconds) + 2)
         from clip c, generate_series(1, $2::int) g
         returning id, object_id, agent_id, completed_at, container, video_codec, audio_codec,
                   duration_seconds, file_size
       )
       insert into activities (object_id, activity_type, user_id, created_time, recording_id, data)
       select object_id, 27, agent_id, completed_at, id,
              jsonb_build_object('recordingId', id, 'recordingType', 'video', 'container', container,
                'videoCodec', video_codec, 'audioCodec', audio_codec,
                'duration', round(duration_seconds), 'fileSize', file_size)
       from made`,
      [objectId, ENTRIES],
    );
    return { dataDir, objectId };
  } finally {
    await runtime.db.close();
  }
}

interface Measurement {
  firstEntryMs: number;
  allLoadedMs: number | null;
  frames: { p50: number; p95: number; max: number; over50: number; count: number };
  domNodes: number;
  links: number;
}

/** Scrolls from top to bottom in SCROLL_FRAMES animation frames and records each frame's duration. */
async function scriptedScroll(page: Page) {
  return page.evaluate(async (frames) => {
    window.scrollTo(0, 0);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const distance = document.documentElement.scrollHeight - innerHeight;
    const durations: number[] = [];
    let domNodes = 0;
    let links = 0;
    let last = performance.now();
    for (let frame = 1; frame <= frames; frame++) {
      window.scrollTo(0, (distance * frame) / frames);
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      durations.push(now - last);
      last = now;
      if (frame === frames / 2) {
        domNodes = document.getElementsByTagName('*').length;
        links = document.querySelectorAll('a[href*="/recordings/"]').length;
      }
    }
    durations.sort((a, b) => a - b);
    const [p50, p95] = [0.5, 0.95].map(
      (q) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))]!,
    );
    return {
      frames: {
        p50: p50!,
        p95: p95!,
        max: durations.at(-1)!,
        over50: durations.filter((d) => d > 50).length,
        count: durations.length,
      },
      domNodes,
      links,
    };
  }, SCROLL_FRAMES);
}

async function measureApp(page: Page, url: string, objectId: string): Promise<Measurement> {
  await page.goto(`${url}/login`);
  await page.getByLabel('Username').fill('qa');
  await page.getByLabel('Password').fill('tapeline');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();

  // A full navigation: bundle, session, the first page of recordings, first entry painted.
  await page.goto(`${url}/objects/${objectId}`);
  await page.waitForFunction(() => document.querySelector('[aria-label="Recordings"] a') !== null, null, {
    polling: 'raf',
  });
  const firstEntryMs = await page.evaluate(() => performance.now());

  // Keep scrolling to the end until every page is in: the app fetches the next one near the end.
  const allLoadedMs = await page.evaluate(async () => {
    const started = performance.now();
    while (!document.body.textContent?.includes('That’s the first recording on this conversation.')) {
      window.scrollTo(0, document.documentElement.scrollHeight);
      await new Promise((resolve) => requestAnimationFrame(resolve));
      if (performance.now() - started > 120_000) return null;
    }
    return performance.now() - started;
  });
  const loaded = Number.parseInt((await page.getByTestId('recording-total').textContent()) ?? '', 10);
  if (!(loaded >= ENTRIES))
    console.warn(`The page shows ${loaded} recordings; expected at least ${ENTRIES}.`);

  return { firstEntryMs, allLoadedMs, ...(await scriptedScroll(page)) };
}

/** The same rows as plain HTML: the app's own markup for a header and an entry, repeated for every entry. */
async function measurePlainHtml(page: Page, url: string, objectId: string): Promise<Measurement> {
  const response = await page.request.get(`${url}/api/objects/${objectId}/activities?activityType=27`);
  const timestamps = ((await response.json()) as { data: { timestamp: string }[] }).data.map(
    (r) => r.timestamp,
  );
  const parts = await page.evaluate(() => {
    const list = document.querySelector('[aria-label="Recordings"]')!;
    const entry = [...list.children].find((row) => row.querySelector('a'))!;
    const header = [...list.children].find((row) => row.querySelector('h2'))!;
    // Positioned by the virtualizer in the app; in normal flow here.
    const [entryHtml, headerHtml] = [entry, header].map((row) => {
      const copy = row.cloneNode(true) as HTMLElement;
      copy.removeAttribute('style');
      copy.className = '';
      return copy.outerHTML;
    });
    const styles = [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.outerHTML);
    return { entry: entryHtml!, header: headerHtml!, styles: styles.join('') };
  });
  let body = '';
  let day = '';
  for (const timestamp of timestamps) {
    const key = new Date(timestamp).toDateString();
    if (key !== day) body += parts.header;
    day = key;
    body += parts.entry;
  }
  const html = `<!doctype html><html><head><base href="${url}/">${parts.styles}</head>
    <body><main class="mx-auto w-full max-w-4xl px-8 py-8"><div role="list" aria-label="Recordings">${body}</div></main></body></html>`;

  await page.goto('about:blank');
  const started = Date.now();
  await page.setContent(html, { waitUntil: 'load' });
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  const firstEntryMs = Date.now() - started;
  return { firstEntryMs, allLoadedMs: firstEntryMs, ...(await scriptedScroll(page)) };
}

async function main() {
  console.log(`Preparing a conversation with ${ENTRIES} recordings…`);
  const { dataDir, objectId } = await prepareDataDir();
  const tapeline = await startTapeline({}, { dataDir });
  const browser = await chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    console.log('Measuring the virtualized timeline…');
    const app = await measureApp(page, tapeline.url, objectId);
    console.log('Measuring the same rows as plain HTML…');
    const plain = await measurePlainHtml(page, tapeline.url, objectId);

    const ms = (value: number | null) => (value === null ? 'did not finish' : `${value.toFixed(0)} ms`);
    const frameMs = (value: number) => `${value.toFixed(1)} ms`;
    const rows: [string, string, string][] = [
      ['first entry visible (from navigation)', ms(app.firstEntryMs), ms(plain.firstEntryMs)],
      [
        `all ${ENTRIES} loaded (pages of ${TIMELINE_PAGE_SIZE}, scrolling to the end)`,
        ms(app.allLoadedMs),
        `${ms(plain.allLoadedMs)} (one document)`,
      ],
      [`scroll top → bottom: frames`, String(app.frames.count), String(plain.frames.count)],
      ['frame time p50', frameMs(app.frames.p50), frameMs(plain.frames.p50)],
      ['frame time p95', frameMs(app.frames.p95), frameMs(plain.frames.p95)],
      ['frame time max', frameMs(app.frames.max), frameMs(plain.frames.max)],
      ['frames over 50 ms', String(app.frames.over50), String(plain.frames.over50)],
      ['DOM elements while scrolled (mid-list)', String(app.domNodes), String(plain.domNodes)],
      ['entry links in the DOM', String(app.links), String(plain.links)],
    ];
    console.log(`\nTimeline with ${ENTRIES} recordings, Chromium ${browser.version()} (headless, no GPU)\n`);
    console.log('| measure | virtualized timeline (app) | plain HTML list (reference) |');
    console.log('|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(
      `\nThe app's first-entry time includes loading the SPA, the session and the first page from the API;` +
        ` the reference's is parsing and painting one static document. Never a pass/fail.`,
    );
  } finally {
    await browser.close();
    await tapeline.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
