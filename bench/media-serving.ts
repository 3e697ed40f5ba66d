// Serves one large file from Tapeline's /media route and from nginx, and prints how they compare.
// Run: npx tsx bench/media-serving.ts   (loopback only, a fixed number of requests, never pass/fail)
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, readdirSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { openPglite } from '../server/db/database';
import { migrate } from '../server/db/migrate';
import { consoleLog } from '../server/lib/log';
import { auditTrail } from '../server/modules/audit/trail';
import { playRecorder } from '../server/modules/media/plays';
import mediaRoutes from '../server/modules/media/routes';
import { signedMediaUrl } from '../server/modules/media/signing';
import { startNginx, stopChild, waitForPort } from './support/processes';

const FILE_SIZE = 128 * 1024 * 1024;
const MEDIA_KEY = 'bench/recording.webm';
const RANGE_SIZE = 1024 * 1024;
const FULL_FILE_RUNS = 8;
const RANGE_REQUESTS_SERIAL = 300;
const RANGE_REQUESTS_CONCURRENT = 800;
const CONCURRENCY = 8;
const ABORTED_REQUESTS = 200;
/**
 * The measurements are split into rounds that alternate between Tapeline and nginx, so that a change
 * in the load of the (shared) machine weighs on both alike instead of on whichever ran at that time.
 */
const ROUNDS = 4;
const SERVER_ARG = '--serve-tapeline';
const SECRET_ENV = 'TAPELINE_BENCH_SIGNING_SECRET';

interface Timing {
  totalMs: number;
  firstByteMs: number;
  bytes: number;
}

interface Target {
  name: string;
  port: number;
  /** Path and query for a GET of the benchmark file. */
  path: string;
}

// --- the Tapeline server, in its own process so that it does not share an event loop with the client.

async function serveTapeline(mediaDir: string, signingSecret: string): Promise<void> {
  const app = Fastify();
  await app.register(mediaRoutes, { mediaDir, signingSecret, onPlay: await benchPlayRecorder() });
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.on('message', (message) => {
    if (message === 'usage') {
      process.send?.({ rss: process.memoryUsage().rss, openFiles: readdirSync('/proc/self/fd').length });
    }
  });
  // An orderly exit on either, so that a CPU profile (TAPELINE_BENCH_CPU_PROF) gets written.
  const stop = () => void app.close().finally(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.send?.({ port: (app.server.address() as AddressInfo).port });
}

/**
 * With TAPELINE_BENCH_AUDIT=1 the route records plays as the product does: the batching audit trail
 * over an in-memory PGlite (compare a run with and without it).
 */
async function benchPlayRecorder() {
  if (process.env.TAPELINE_BENCH_AUDIT !== '1') return undefined;
  const db = await openPglite(undefined);
  await migrate(db);
  const trail = auditTrail(db, consoleLog);
  trail.job.start();
  return playRecorder({ db, trail, auth: { fromSessionToken: async () => null } });
}

// --- helpers

function cpuProfileArgs(): string[] {
  const dir = process.env.TAPELINE_BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

async function ensureMediaFile(path: string): Promise<void> {
  const existing = await stat(path).catch(() => null);
  if (existing?.size === FILE_SIZE) return;
  await mkdir(join(path, '..'), { recursive: true });
  const out = createWriteStream(path);
  const chunk = 1024 * 1024;
  for (let written = 0; written < FILE_SIZE; written += chunk) {
    if (!out.write(randomBytes(chunk))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** One GET on a keep-alive agent; the body is counted and dropped (and hashed when asked). */
function timedGet(
  agent: Agent,
  target: Target,
  range?: string,
  hash?: ReturnType<typeof createHash>,
): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        headers: range ? { range } : {},
      },
      (res) => {
        const expected = range ? 206 : 200;
        if (res.statusCode !== expected) {
          res.resume();
          reject(new Error(`${target.name}: expected ${expected}, got ${res.statusCode}`));
          return;
        }
        let firstByteMs = -1;
        let bytes = 0;
        res.on('data', (data: Buffer) => {
          if (firstByteMs < 0) firstByteMs = performance.now() - started;
          bytes += data.length;
          hash?.update(data);
        });
        res.on('end', () => resolve({ totalMs: performance.now() - started, firstByteMs, bytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A player starting playback: new connection, full GET, gone after the first chunk (as on a seek). */
function firstByteThenAbort(target: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request({ agent: false, host: '127.0.0.1', port: target.port, path: target.path }, (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        reject(new Error(`${target.name}: expected 200, got ${res.statusCode}`));
        return;
      }
      res.once('data', () => {
        const elapsed = performance.now() - started;
        req.destroy();
        resolve(elapsed);
      });
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The same pseudo-random 1 MiB ranges for both servers (mulberry32, fixed seed). */
function rangeHeaders(count: number, seed: number): string[] {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => {
    const start = Math.floor(next() * (FILE_SIZE - RANGE_SIZE));
    return `bytes=${start}-${start + RANGE_SIZE - 1}`;
  });
}

async function runRanges(target: Target, ranges: string[], concurrency: number): Promise<Timing[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const timings: Timing[] = [];
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < ranges.length) {
      const range = ranges[nextIndex++];
      const timing = await timedGet(agent, target, range);
      if (timing.bytes !== RANGE_SIZE) throw new Error(`${target.name}: short range (${timing.bytes} bytes)`);
      timings.push(timing);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return timings;
}

interface Results {
  fullMBps: number;
  abortedFirstByteP50: number;
  abortedFirstByteP95: number;
  serialP50: number;
  serialP95: number;
  concurrentP50: number;
  concurrentP95: number;
  concurrentMBps: number;
  firstByteP50: number;
  firstByteP95: number;
  sampleDigest: string;
}

/** What one target yielded over all rounds. */
interface Samples {
  digest: string;
  full: Timing[];
  aborted: number[];
  serial: Timing[];
  concurrent: Timing[];
  concurrentSeconds: number;
}

function emptySamples(): Samples {
  return { digest: '', full: [], aborted: [], serial: [], concurrent: [], concurrentSeconds: 0 };
}

/** Page cache, JIT, and a check that both serve the same bytes. */
async function warmUp(target: Target, samples: Samples): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const digest = createHash('sha256');
    await timedGet(agent, target, 'bytes=5000000-6048575', digest);
    samples.digest = digest.digest('hex');
    await timedGet(agent, target);
  } finally {
    agent.destroy();
  }
  await runRanges(target, rangeHeaders(30, 7), 1);
}

/** One round's share of every measurement (the rounds alternate between the targets). */
async function measureRound(target: Target, samples: Samples, round: number): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let run = 0; run < FULL_FILE_RUNS / ROUNDS; run++) {
      const timing = await timedGet(agent, target);
      if (timing.bytes !== FILE_SIZE) {
        throw new Error(`${target.name}: short full response (${timing.bytes})`);
      }
      samples.full.push(timing);
    }
  } finally {
    agent.destroy();
  }
  for (let run = 0; run < ABORTED_REQUESTS / ROUNDS; run++) {
    samples.aborted.push(await firstByteThenAbort(target));
  }
  samples.serial.push(...(await runRanges(target, rangeHeaders(RANGE_REQUESTS_SERIAL / ROUNDS, round), 1)));
  const started = performance.now();
  const concurrentRanges = rangeHeaders(RANGE_REQUESTS_CONCURRENT / ROUNDS, 100 + round);
  samples.concurrent.push(...(await runRanges(target, concurrentRanges, CONCURRENCY)));
  samples.concurrentSeconds += (performance.now() - started) / 1000;
}

function summarise(samples: Samples): Results {
  const fullBytes = samples.full.reduce((sum, t) => sum + t.bytes, 0);
  const fullSeconds = samples.full.reduce((sum, t) => sum + t.totalMs, 0) / 1000;
  const serialTotals = samples.serial.map((t) => t.totalMs);
  const serialFirstBytes = samples.serial.map((t) => t.firstByteMs);
  const concurrentTotals = samples.concurrent.map((t) => t.totalMs);
  return {
    fullMBps: fullBytes / 1e6 / fullSeconds,
    abortedFirstByteP50: percentile(samples.aborted, 50),
    abortedFirstByteP95: percentile(samples.aborted, 95),
    serialP50: percentile(serialTotals, 50),
    serialP95: percentile(serialTotals, 95),
    firstByteP50: percentile(serialFirstBytes, 50),
    firstByteP95: percentile(serialFirstBytes, 95),
    concurrentP50: percentile(concurrentTotals, 50),
    concurrentP95: percentile(concurrentTotals, 95),
    concurrentMBps: (samples.concurrent.length * RANGE_SIZE) / 1e6 / samples.concurrentSeconds,
    sampleDigest: samples.digest,
  };
}

function printTable(tapeline: Results, nginx: Results): void {
  const rows: Array<[string, keyof Results, 'higher' | 'lower', number]> = [
    ['full-file GET throughput (MB/s)', 'fullMBps', 'higher', 0],
    ['first byte, new connection + full GET, p50 (ms)', 'abortedFirstByteP50', 'lower', 3],
    ['first byte, new connection + full GET, p95 (ms)', 'abortedFirstByteP95', 'lower', 3],
    [`1 MiB range latency p50, c=1 (ms)`, 'serialP50', 'lower', 3],
    [`1 MiB range latency p95, c=1 (ms)`, 'serialP95', 'lower', 3],
    [`1 MiB range first byte p50, c=1 (ms)`, 'firstByteP50', 'lower', 3],
    [`1 MiB range first byte p95, c=1 (ms)`, 'firstByteP95', 'lower', 3],
    [`1 MiB range latency p50, c=${CONCURRENCY} (ms)`, 'concurrentP50', 'lower', 3],
    [`1 MiB range latency p95, c=${CONCURRENCY} (ms)`, 'concurrentP95', 'lower', 3],
    [`1 MiB ranges, c=${CONCURRENCY} throughput (MB/s)`, 'concurrentMBps', 'higher', 0],
  ];
  console.log('| metric | Tapeline | nginx | Tapeline ÷ nginx |');
  console.log('|---|---:|---:|---:|');
  for (const [label, field, better, digits] of rows) {
    const ours = tapeline[field] as number;
    const theirs = nginx[field] as number;
    console.log(
      `| ${label} (${better} is better) | ${ours.toFixed(digits)} | ${theirs.toFixed(digits)} | ${(ours / theirs).toFixed(2)} |`,
    );
  }
}

async function main(): Promise<void> {
  const dir = join(tmpdir(), 'tapeline-media-bench');
  const mediaDir = join(dir, 'media');
  const mediaFile = join(mediaDir, ...MEDIA_KEY.split('/'));
  await ensureMediaFile(mediaFile);

  const signingSecret = randomBytes(32).toString('base64url');
  let tapelineServer: ChildProcess | undefined;
  let nginx: { port: number; stop(): Promise<void> } | undefined;
  const stopAll = async () => {
    await Promise.all([stopChild(tapelineServer, 'SIGTERM'), nginx?.stop()]);
  };
  const onSignal = () => void stopAll().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    tapelineServer = fork(fileURLToPath(import.meta.url), [SERVER_ARG, mediaDir], {
      // Keeps tsx's loader; TAPELINE_BENCH_CPU_PROF=<dir> also writes a CPU profile of the server.
      execArgv: [...process.execArgv, ...cpuProfileArgs()],
      env: { ...process.env, [SECRET_ENV]: signingSecret }, // not argv: that is visible in `ps`
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const tapelinePort = await new Promise<number>((resolve, reject) => {
      tapelineServer?.once('message', (message) => resolve((message as { port: number }).port));
      tapelineServer?.once('exit', (code) => reject(new Error(`Tapeline server exited with code ${code}`)));
    });

    nginx = await startNginx(dir, { webm: 'video/webm' });
    const nginxPort = nginx.port;
    await waitForPort(tapelinePort, tapelineServer, 'Tapeline');

    const signed = new URL(
      signedMediaUrl({
        publicUrl: 'http://127.0.0.1',
        key: MEDIA_KEY,
        ttlSeconds: 3600,
        secret: signingSecret,
      }),
    );
    // As the review player asks: its player session on every request (what TAPELINE_BENCH_AUDIT records).
    signed.searchParams.set('play', `bench-${Date.now()}`);
    const tapelineTarget = { name: 'Tapeline', port: tapelinePort, path: signed.pathname + signed.search };
    const nginxTarget = { name: 'nginx', port: nginxPort, path: `/media/${MEDIA_KEY}` };

    const usage = async () => {
      const reply = once(tapelineServer as ChildProcess, 'message');
      tapelineServer?.send('usage');
      const [message] = (await reply) as [{ rss: number; openFiles: number }];
      return { rssMiB: Math.round(message.rss / 1024 / 1024), openFiles: message.openFiles };
    };
    const before = await usage();
    const ours = emptySamples();
    const theirs = emptySamples();
    await warmUp(tapelineTarget, ours);
    await warmUp(nginxTarget, theirs);
    if (ours.digest !== theirs.digest) {
      throw new Error('Tapeline and nginx served different bytes for the same range');
    }
    for (let round = 1; round <= ROUNDS; round++) {
      // Who goes first alternates too.
      const order: Array<[Target, Samples]> = [
        [tapelineTarget, ours],
        [nginxTarget, theirs],
      ];
      if (round % 2 === 0) order.reverse();
      for (const [target, samples] of order) await measureRound(target, samples, round);
    }
    // Sockets the client just closed take a moment to close on the server too: wait for that (≤ 2 s),
    // so a leaked file descriptor per aborted stream would show.
    let after = await usage();
    for (const deadline = Date.now() + 2000; after.openFiles > before.openFiles && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await usage();
    }
    const tapeline = summarise(ours);
    const nginxResults = summarise(theirs);

    console.log(
      `\nFile: ${FILE_SIZE / 1024 / 1024} MiB (${mediaFile}); loopback; ${FULL_FILE_RUNS} full GETs, ` +
        `${ABORTED_REQUESTS} aborted GETs, ${RANGE_REQUESTS_SERIAL} ranges at c=1, ${RANGE_REQUESTS_CONCURRENT} at c=${CONCURRENCY}, ` +
        `in ${ROUNDS} rounds alternating between the servers; ` +
        `Node ${process.version}, keep-alive client in one process; nginx: 1 worker, sendfile.\n`,
    );
    printTable(tapeline, nginxResults);
    console.log(
      `\nTapeline server process: RSS ${before.rssMiB} MiB and ${before.openFiles} open fds before, ` +
        `RSS ${after.rssMiB} MiB and ${after.openFiles} open fds after the runs.`,
    );
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopAll();
  }
}

if (process.argv[2] === SERVER_ARG) {
  const mediaDir = process.argv[3];
  const signingSecret = process.env[SECRET_ENV];
  if (!mediaDir || !signingSecret)
    throw new Error(`usage: ${SECRET_ENV}=<secret> … ${SERVER_ARG} <mediaDir>`);
  await serveTapeline(mediaDir, signingSecret);
} else {
  await main();
}
