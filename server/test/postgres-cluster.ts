// A throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks: initdb, postgres, stop, delete.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port';

export interface PostgresCluster {
  url: string;
  stop(): Promise<void>;
}

export function findPostgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** PostgreSQL refuses to run as root; as root, run it as the `postgres` user Debian's package creates. */
function asServerUser(command: string, args: string[]) {
  const root = process.getuid?.() === 0;
  return root ? { command: 'runuser', args: ['-u', 'postgres', '--', command, ...args] } : { command, args };
}

async function waitUntilAccepting(url: string, server: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with code ${server.exitCode}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * A throwaway cluster on 127.0.0.1. Tests trade durability for speed; `durable: true` keeps PostgreSQL's
 * defaults (fsync, synchronous commit), as a benchmark of the read path must.
 */
export async function startPostgresCluster(
  binDir: string,
  {
    durable = false,
    settings = {},
  }: {
    durable?: boolean;
    /** More server settings, such as `{ shared_buffers: '1GB' }`. */
    settings?: Record<string, string>;
  } = {},
): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'tapeline-pg-'));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
  }
  const dataDir = join(dir, 'data');
  const init = asServerUser(join(binDir, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'tapeline',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  const initResult = spawnSync(init.command, init.args, { encoding: 'utf8' });
  if (initResult.status !== 0) throw new Error(`initdb failed: ${initResult.stderr || initResult.error}`);

  const port = await freePort();
  const start = asServerUser(join(binDir, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    ...(durable ? [] : ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off']),
    '-c',
    'max_connections=200',
    ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ]);
  const server = spawn(start.command, start.args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const url = `postgres://tapeline@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilAccepting(url, server, 30_000);
  } catch (error) {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${log}`, { cause: error });
  }
  return {
    url,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        // runuser does not pass signals on to postgres; pg_ctl asks the server itself to stop.
        const stop = asServerUser(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
        const result = spawnSync(stop.command, stop.args, { encoding: 'utf8' });
        if (result.status !== 0) server.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new, empty database `name` on the server `adminUrl` reaches (its `postgres` database), and its URL. */
export async function createDatabase(adminUrl: string, name: string) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
