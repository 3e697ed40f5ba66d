// Starts the built product as a person would (`tsx server/main.ts` serving dist/), on a free port
// with its own temporary DATA_DIR, and stops it again.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../server/test/free-port';

export interface RunningTapeline {
  url: string;
  dataDir: string;
  pid: number;
  /** What the server printed so far (the last 8 000 characters). */
  output(): string;
  stop(): Promise<void>;
  /** Ends the server without letting it clean up, as a crash or `kill -9` would. */
  crash(): Promise<void>;
}

/**
 * `dataDir`: start on an existing DATA_DIR (prepared by the caller, e.g. a benchmark's large dataset);
 * the caller owns it, so `stop()` leaves it in place. Without it, a fresh one is made and removed.
 */
export async function startTapeline(
  env: Record<string, string> = {},
  { dataDir: existingDataDir }: { dataDir?: string } = {},
): Promise<RunningTapeline> {
  const port = await freePort();
  const dataDir = existingDataDir ?? (await mkdtemp(join(tmpdir(), 'tapeline-e2e-')));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // The suite signs in many times a minute from one address.
      LOGIN_ATTEMPTS_PER_MINUTE: '1000',
      LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: '1000',
      LOGIN_ATTEMPTS_PER_USERNAME_PER_MINUTE: '1000',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  await new Promise<void>((resolve, reject) => {
    const onExit = (code: number | null) =>
      reject(new Error(`Tapeline exited with ${code} before listening:\n${output}`));
    child.once('exit', onExit);
    child.stdout.on('data', () => {
      if (output.includes('Tapeline is running at')) {
        child.off('exit', onExit);
        resolve();
      }
    });
  });

  const exited = () =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once('exit', resolve));
  return {
    url,
    dataDir,
    pid: child.pid!,
    output: () => output,
    async crash() {
      child.kill('SIGKILL');
      await exited();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!existingDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
