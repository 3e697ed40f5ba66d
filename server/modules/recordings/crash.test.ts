// A real server killed with `kill -9` in the middle of a complete: the restart sweeps what the crash left
// (scratch copies, partial writes), the recording is still there to complete, and everything the server
// wrote under DATA_DIR is readable by its own user only, whatever the umask.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTapeline, type RunningTapeline } from '../../../e2e/support/tapeline-server';
import { writeLoopedWebm } from '../../test/media/repair-fixtures';
import { avSource, ffmpeg, toMediaRecorderShape } from '../../test/media/probe-fixtures';
import { createPostgresDatabase, databaseKinds } from '../../test/harness';
import { until } from '../../test/until';

const CHUNK = 8 * 1024 * 1024;
// Spawns servers, builds a large file and uploads it: give it time on a busy machine.
const SLOW = { timeout: 240_000 };

async function entries(dir: string) {
  return existsSync(dir) ? readdir(dir) : [];
}

/** Every file and directory under `dir` whose mode is not the owner's alone. */
async function openToOthers(dir: string): Promise<string[]> {
  const found: string[] = [];
  const self = await stat(dir);
  if ((self.mode & 0o077) !== 0) found.push(`${dir} ${(self.mode & 0o777).toString(8)}`);
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    const mode = (await stat(path).catch(() => null))?.mode;
    if (mode !== undefined && (mode & 0o077) !== 0) found.push(`${path} ${(mode & 0o777).toString(8)}`);
  }
  return found;
}

describe.each(databaseKinds())('a server killed during complete, on %s', (kind) => {
  let dir: string;
  let dataDir: string;
  let video: Buffer;
  let env: Record<string, string> = {};
  let dropDatabase: () => Promise<void> = async () => undefined;
  let server: RunningTapeline | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tapeline-crash-'));
    dataDir = join(dir, 'data');
    const clip = await ffmpeg(
      [...avSource(3), '-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '4M', '-c:a', 'libopus'],
      join(dir, 'clip.webm'),
    );
    // Big enough that assembling it takes a while: MediaRecorder-shaped, ~64 MB.
    await writeLoopedWebm(
      toMediaRecorderShape(await readFile(clip)),
      3000,
      64 * 1024 * 1024,
      join(dir, 'big.webm'),
    );
    video = await readFile(join(dir, 'big.webm'));
    if (kind === 'postgres') {
      const database = await createPostgresDatabase();
      env = { DATABASE_URL: database.url };
      dropDatabase = database.drop;
    }
  }, SLOW.timeout);
  afterAll(async () => {
    await server?.stop();
    await dropDatabase();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'leaves nothing behind after the restart, completes the recording, and keeps DATA_DIR private',
    SLOW,
    async () => {
      const umask = process.umask(0o022); // a permissive umask, as many systems have
      try {
        server = await startTapeline(env, { dataDir });
      } finally {
        process.umask(umask);
      }
      const key = /Demo API key \(admin\): (\S+)/.exec(server.output())![1]!;
      const api = (path: string, init: RequestInit = {}) =>
        fetch(`${server!.url}/api${path}`, {
          ...init,
          headers: { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) },
        });
      const objectId = ((await (await api('/objects')).json()) as { data: { objectId: string }[] }).data[0]!
        .objectId;
      const created = (await (
        await api('/recordings', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ objectId, agent: 'agent' }),
        })
      ).json()) as { data: { id: string } };
      const id = created.data.id;
      for (let start = 0; start < video.length; start += CHUNK) {
        const end = Math.min(start + CHUNK, video.length) - 1;
        const put = await api(`/recordings/${id}/content`, {
          method: 'PUT',
          headers: { 'content-type': 'video/webm', 'content-range': `bytes ${start}-${end}/${video.length}` },
          body: new Uint8Array(video.subarray(start, end + 1)),
        });
        expect(put.status).toBe(200);
      }

      // Complete, and kill the server while it is assembling its scratch copy.
      const work = join(dataDir, 'work');
      void api(`/recordings/${id}/complete`, { method: 'POST' }).catch(() => undefined);
      await until(async () => (await entries(work)).some((name) => name.includes(id)));
      await server.crash();
      expect((await entries(work)).some((name) => name.includes(id))).toBe(true);

      server = await startTapeline(env, { dataDir });
      await until(async () => (await entries(work)).length === 0);
      await until(async () => (await entries(join(dataDir, 'media', '.incoming'))).length === 0);

      // The bytes were never at risk: the same recording completes now, whole.
      const restartedKey = /Demo API key \(admin\): (\S+)/.exec(server.output())![1]!;
      const completed = await fetch(`${server.url}/api/recordings/${id}/complete`, {
        method: 'POST',
        headers: { authorization: `Bearer ${restartedKey}` },
      });
      expect(completed.status, await completed.clone().text()).toBe(200);
      const { data } = (await completed.json()) as { data: { activity: { duration: number } } };
      expect(data.activity.duration).toBeGreaterThan(40);

      expect(await openToOthers(dataDir)).toEqual([]);
    },
  );
});
