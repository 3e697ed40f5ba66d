import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../db/database';
import { migrate } from '../../db/migrate';
import { DEMO_MEDIA_DIR, seedDemo } from '../../demo/seed';
import { createLocalStorage } from '../media/local-storage';

const run = promisify(execFile);

describe('tapeline import (CLI)', () => {
  let dataDir: string;
  let objectId: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tapeline-cli-'));
    const db = await openPglite(join(dataDir, 'pgdata'));
    await migrate(db);
    const storage = createLocalStorage({
      mediaDir: join(dataDir, 'media'),
      publicUrl: 'http://localhost:8080',
      signingSecret: randomBytes(32).toString('base64url'),
      urlTtlSeconds: 3600,
    });
    await seedDemo(db, storage);
    const { rows } = await db.query<{ id: string }>(
      `select o.id::text as id from objects o join users u on u.id = o.agent_id
       where u.username = 'agent' order by o.id limit 1`,
    );
    objectId = rows[0]!.id;
    await db.close();
  });
  afterAll(() => (dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined));

  async function tapeline(...args: string[]) {
    try {
      const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
        env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  async function activityCount() {
    const db = await openPglite(join(dataDir, 'pgdata'));
    try {
      const { rows } = await db.query<{ count: number }>(
        'select count(*)::int as count from activities a join recordings r on r.id = a.recording_id where r.external_id like $1',
        ['import:%'],
      );
      return rows[0]!.count;
    } finally {
      await db.close();
    }
  }

  it('imports good files, names the bad one, and does not import twice', async () => {
    const bad = join(dataDir, 'notes.webm');
    await writeFile(bad, 'these are meeting notes, not a video\n');
    const files = [
      join(DEMO_MEDIA_DIR, '01-billing-dispute.webm'),
      join(DEMO_MEDIA_DIR, '02-password-reset.mp4'),
      bad,
    ];

    const first = await tapeline('import', '--object', objectId, '--agent', 'agent', ...files);
    expect(first.stdout).toContain('2 imported, 0 already present, 1 failed');
    expect(first.stderr).toMatch(/failed: .*notes\.webm: The file is not a playable recording/);
    expect(first.code).toBe(1);
    expect(await activityCount()).toBe(2);

    const again = await tapeline('import', '--object', objectId, '--agent', 'agent', ...files.slice(0, 2));
    expect(again.stdout).toContain('0 imported, 2 already present, 0 failed');
    expect(again.code).toBe(0);
    expect(await activityCount()).toBe(2);
  }, 120_000);

  it('imports from a manifest', async () => {
    const manifest = join(dataDir, 'manifest.csv');
    await writeFile(
      manifest,
      'objectId,agent,startedAt,path\n' +
        `${objectId},agent,2024-05-01T10:00:00Z,${join(DEMO_MEDIA_DIR, '05-refund-request.webm')}\n` +
        `${objectId},agent,,${join(DEMO_MEDIA_DIR, '01-billing-dispute.webm')}\n`,
    );
    const result = await tapeline('import', '--manifest', manifest);
    expect(result.stdout, result.stderr).toContain('1 imported, 1 already present, 0 failed');
    expect(result.code).toBe(0);
  }, 120_000);
});
