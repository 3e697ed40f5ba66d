// The operator CLI from zero, with the server stopped (straight to the database) and running (through
// its API with the operator credential; the embedded database is the server's alone then): the same
// commands, the same output, the same idempotency.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTapeline, type RunningTapeline } from '../../e2e/support/tapeline-server';
import { DEMO_MEDIA_DIR } from '../demo/seed';
import { createPostgresDatabase, databaseKinds } from '../test/harness';

const run = promisify(execFile);

describe.each(databaseKinds())('the CLI on %s, server stopped and running', (kind) => {
  let dataDir: string;
  let env: Record<string, string>;
  let server: RunningTapeline | undefined;
  let dropDatabase: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tapeline-cli-'));
    env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', TAPELINE_DEMO: '0' };
    if (kind === 'postgres') {
      const database = await createPostgresDatabase();
      env.DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
  });
  afterAll(async () => {
    await server?.stop();
    await dropDatabase();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  async function tapeline(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
        env: { ...process.env, ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('creates teams and users and imports onto new conversations either way', async () => {
    const first = join(DEMO_MEDIA_DIR, '01-billing-dispute.webm');
    const second = join(DEMO_MEDIA_DIR, '02-password-reset.mp4');

    // Stopped: the database directly.
    const team = await tapeline('team', 'create', '--name', 'Support');
    expect(team.stdout, team.stderr).toMatch(/^Team \d+ "Support" created\.$/m);
    const teamId = /Team (\d+)/.exec(team.stdout)![1]!;
    const agent = await tapeline(
      'user',
      'create',
      '--username',
      'ann',
      '--role',
      'agent',
      '--first-name',
      'Ann',
      '--team',
      teamId,
    );
    expect(agent.stdout, agent.stderr).toMatch(/^User \d+ "ann" \(agent\) created\./);
    expect(agent.stdout).toMatch(/\/set-password\/[\w-]{40,}$/m);
    const imported = await tapeline(
      'import',
      '--object-external-id',
      'crm-7',
      '--object-title',
      'First call',
      '--agent',
      'ann',
      first,
    );
    expect(imported.stdout, imported.stderr).toContain('1 imported, 0 already present, 0 failed');
    const duplicate = await tapeline('team', 'create', '--name', 'Support');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('name: there is already a team "Support".');

    // Running: no administrator yet, so it prints the setup link; the CLI goes through its API.
    server = await startTapeline(env, { dataDir });
    expect(server.output()).toMatch(new RegExp(`${server.url}/setup/[\\w-]{40,}`));
    const credential = await stat(join(dataDir, 'run', 'server.json'));
    expect(credential.mode & 0o777).toBe(0o600);

    const admin = await tapeline('user', 'create', '--username', 'boss', '--role', 'admin');
    expect(admin.stdout, admin.stderr).toMatch(/^User \d+ "boss" \(admin\) created\./);
    expect(admin.stdout).toContain(`${server.url}/set-password/`);
    const again = await tapeline(
      'import',
      '--object-external-id',
      'crm-7',
      '--object-title',
      'First call',
      '--agent',
      'ann',
      first,
      second,
    );
    expect(again.stdout, again.stderr).toContain('1 imported, 1 already present, 0 failed');
    const duplicateRunning = await tapeline('team', 'create', '--name', 'Support');
    expect(duplicateRunning.code).toBe(1);
    expect(duplicateRunning.stderr).toContain('name: there is already a team "Support".');
    const listed = await tapeline('user', 'list');
    expect(
      listed.stdout
        .trim()
        .split('\n')
        .map((line) => line.split('\t').slice(1, 6)),
    ).toEqual([
      ['ann', 'agent', 'Ann', 'Support', 'no password yet'],
      ['boss', 'admin', 'boss', '-', 'no password yet'],
    ]);

    // Stopped again: the credential is gone and the database answers the same.
    await server.stop();
    server = undefined;
    await expect(stat(join(dataDir, 'run', 'server.json'))).rejects.toThrow(/ENOENT/);
    expect((await tapeline('user', 'list')).stdout).toBe(listed.stdout);
  }, 480_000);
});
