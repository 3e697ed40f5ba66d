// Makes a ~1 GB MediaRecorder-shaped WebM seekable with Tapeline's repairMedia and with `ffmpeg -c copy`,
// and prints how they compare. Run: npx tsx bench/repair.ts   (never pass/fail; the input is kept in
// /tmp/tapeline-repair-bench/ for the next run, outputs are removed)
import { execFile, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { repairMedia } from '../server/modules/media/repair';
import { writeLoopedWebm } from '../server/test/media/repair-fixtures';
import { avSource, ffmpeg, toMediaRecorderShape } from '../server/test/media/probe-fixtures';

const BENCH_DIR = join(tmpdir(), 'tapeline-repair-bench');
const INPUT = join(BENCH_DIR, 'mediarecorder-1gb.webm');
const TARGET_BYTES = 1024 * 1024 * 1024;
const LOOP_SECONDS = 10;
/** Runs alternate between the two tools, so that the load of the shared machine weighs on both. */
const RUNS = 3;
const CHILD_ARG = '--repair-child';
const TIME = '/usr/bin/time';

interface Measurement {
  tool: string;
  run: number;
  wallMs: number;
  peakRssBytes: number;
  outputBytes: number;
  note: string;
}

// --- the Tapeline side runs in its own process, so its peak RSS is its own.

async function repairChild(input: string, workDir: string): Promise<void> {
  const idleRss = process.memoryUsage().rss;
  const started = performance.now();
  const result = await repairMedia(input, workDir);
  const wallMs = performance.now() - started;
  process.send?.({
    wallMs,
    idleRss,
    // maxRSS is in kilobytes.
    peakRss: process.resourceUsage().maxRSS * 1024,
    path: result.path,
    outputBytes: result.probe.fileSize,
    seekable: result.probe.seekable,
  });
}

interface ChildReport {
  wallMs: number;
  idleRss: number;
  peakRss: number;
  path: string;
  outputBytes: number;
  seekable: boolean;
}

async function runTapeline(run: number, outDir: string): Promise<Measurement> {
  const child = fork(fileURLToPath(import.meta.url), [CHILD_ARG, INPUT, outDir], {
    execArgv: process.execArgv, // keeps tsx's loader
  });
  const [report] = (await once(child, 'message')) as [ChildReport];
  await once(child, 'exit');
  await rm(report.path, { force: true });
  return {
    tool: 'Tapeline repairMedia',
    run,
    wallMs: report.wallMs,
    peakRssBytes: report.peakRss,
    outputBytes: report.outputBytes,
    note: `idle RSS before repair ${mb(report.idleRss)} MB; seekable: ${report.seekable}`,
  };
}

// --- ffmpeg, measured by /usr/bin/time when present, else by polling its VmHWM.

async function runFfmpeg(run: number, outDir: string): Promise<Measurement> {
  const output = join(outDir, `ffmpeg-${run}.webm`);
  const ffmpegArgs = ['-hide_banner', '-loglevel', 'error', '-y', '-i', INPUT, '-c', 'copy', output];
  const timeFile = join(outDir, 'time.txt');
  const useTime = existsSync(TIME);
  const started = performance.now();
  const child = useTime
    ? spawn(TIME, ['-o', timeFile, '-f', '%M', 'ffmpeg', ...ffmpegArgs], { stdio: 'inherit' })
    : spawn('ffmpeg', ffmpegArgs, { stdio: 'inherit' });
  let polledPeak = 0;
  const poll = setInterval(() => {
    readFile(`/proc/${child.pid}/status`, 'utf8')
      .then((status) => {
        const kilobytes = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        polledPeak = Math.max(polledPeak, kilobytes * 1024);
      })
      .catch(() => undefined); // the process has exited
  }, 20);
  const [code] = (await once(child, 'exit')) as [number | null];
  const wallMs = performance.now() - started;
  clearInterval(poll);
  if (code !== 0) throw new Error(`ffmpeg exited with ${code}`);
  const peakRssBytes = useTime ? Number((await readFile(timeFile, 'utf8')).trim()) * 1024 : polledPeak;
  const outputBytes = (await stat(output)).size;
  await rm(output, { force: true });
  await rm(timeFile, { force: true });
  return {
    tool: 'ffmpeg -c copy',
    run,
    wallMs,
    peakRssBytes,
    outputBytes,
    note: useTime ? 'RSS from /usr/bin/time' : 'RSS from polled VmHWM',
  };
}

// --- helpers

async function flushDirtyPages(): Promise<void> {
  await promisify(execFile)('sync');
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}

async function ensureInput(): Promise<number> {
  await mkdir(BENCH_DIR, { recursive: true });
  if (existsSync(INPUT) && (await stat(INPUT)).size >= TARGET_BYTES) return (await stat(INPUT)).size;
  console.log(`Building ${INPUT} (~1 GB, MediaRecorder-shaped) …`);
  const source = await ffmpeg(
    [
      ...avSource(LOOP_SECONDS),
      ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '4M', '-g', '15'],
      ...['-cluster_time_limit', '1000', '-c:a', 'libopus'],
    ],
    join(BENCH_DIR, 'source.webm'),
  );
  const shaped = toMediaRecorderShape(await readFile(source));
  await writeLoopedWebm(shaped, LOOP_SECONDS * 1000, TARGET_BYTES, `${INPUT}.partial`);
  await promisify(execFile)('mv', [`${INPUT}.partial`, INPUT]);
  return (await stat(INPUT)).size;
}

async function main(): Promise<void> {
  const inputBytes = await ensureInput();
  const outDir = join(BENCH_DIR, 'out');
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const results: Measurement[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      // Neither tool syncs its output: flush what the previous run left dirty, so that its writeback
      // is not charged to the next one.
      await flushDirtyPages();
      results.push(await runTapeline(run, outDir));
      await flushDirtyPages();
      results.push(await runFfmpeg(run, outDir));
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  console.log(`\nInput: ${mb(inputBytes)} MB MediaRecorder-shaped WebM (${INPUT})\n`);
  console.log('| tool | run | wall (s) | throughput (MB/s) | peak RSS (MB) | output (MB) | note |');
  console.log('|---|---|---|---|---|---|---|');
  for (const result of results) {
    const seconds = result.wallMs / 1000;
    console.log(
      `| ${result.tool} | ${result.run} | ${seconds.toFixed(2)} | ${(inputBytes / 1024 / 1024 / seconds).toFixed(0)} | ${mb(result.peakRssBytes)} | ${mb(result.outputBytes)} | ${result.note} |`,
    );
  }
  const ratios = Array.from({ length: RUNS }, (_, index) => {
    const [ours, theirs] = [results[2 * index], results[2 * index + 1]];
    return ours && theirs ? (ours.wallMs / theirs.wallMs).toFixed(2) : '?';
  });
  console.log(`\nTapeline ÷ ffmpeg wall time, run by run: ${ratios.join(', ')}`);
}

if (process.argv[2] === CHILD_ARG) {
  const [input, workDir] = process.argv.slice(3);
  if (!input || !workDir) throw new Error(`usage: … ${CHILD_ARG} <input> <workDir>`);
  await repairChild(input, workDir);
  process.disconnect?.();
} else {
  await main();
}
