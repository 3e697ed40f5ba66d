// Shared by the recordings tests: API keys per demo user, fixtures, and a client for the upload protocol.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { completedRecordingSchema, recordingSchema } from '../../contract/recordings';
import { envelopeSchema } from '../../contract/envelope';
import { DEMO_MEDIA_DIR } from '../demo/seed';
import { authService } from '../modules/auth/service';
import type { TestContext } from './harness';

export const DEMO_WEBM = join(DEMO_MEDIA_DIR, '01-billing-dispute.webm');
/** A faststart MP4: repair leaves it as it is, so the stored file equals the upload byte for byte. */
export const DEMO_MP4 = join(DEMO_MEDIA_DIR, '02-password-reset.mp4');

export const recordingEnvelope = envelopeSchema(recordingSchema);
export const completedEnvelope = envelopeSchema(completedRecordingSchema);

export async function apiKeys(ctx: TestContext) {
  const auth = authService(ctx.db, { sessionTtlSeconds: 3600 });
  const keys: Record<string, string> = {};
  for (const username of ['admin', 'qa', 'trainer', 'supervisor', 'agent', 'agent2']) {
    keys[username] = (await auth.createApiKey(username, 'test'))!.key;
  }
  return keys;
}

/** The id of a demo object whose agent is `agent` (username). */
export async function objectOf(ctx: TestContext, agent: string) {
  const { rows } = await ctx.db.query<{ id: string }>(
    `select o.id::text as id from objects o join users u on u.id = o.agent_id
     where u.username = $1 order by o.id limit 1`,
    [agent],
  );
  return rows[0]!.id;
}

/**
 * A MediaRecorder-like WebM (written to a pipe, so without Duration or Cues), made by ffmpeg.
 * `seconds` of VP8 test pattern and Opus tone.
 */
export async function liveWebm(dir: string, seconds = 3) {
  const path = join(dir, `live-${seconds}s.webm`);
  const { stdout } = await promisify(execFile)(
    'ffmpeg',
    [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(seconds)],
      ...[
        '-c:v',
        'libvpx',
        '-b:v',
        '300k',
        '-deadline',
        'realtime',
        '-c:a',
        'libopus',
        '-f',
        'webm',
        'pipe:1',
      ],
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  await writeFile(path, stdout);
  return path;
}

export function recordingsClient(ctx: TestContext, keys: Record<string, string>) {
  const auth = (username: string) => ({ authorization: `Bearer ${keys[username]}` });

  async function create(objectId: string, agent: string, username = 'admin', extra: object = {}) {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/recordings',
      headers: auth(username),
      payload: { objectId, agent, ...extra },
    });
    return response;
  }

  async function createOk(objectId: string, agent: string, username = 'admin') {
    const response = await create(objectId, agent, username);
    expect(response.statusCode, response.body).toBe(201);
    return recordingEnvelope.parse(response.json()).data;
  }

  function put(id: string, bytes: Buffer, start: number, total: number | '*', username = 'admin') {
    return ctx.app.inject({
      method: 'PUT',
      url: `/api/recordings/${id}/content`,
      headers: {
        ...auth(username),
        'content-type': 'application/octet-stream',
        'content-range': `bytes ${start}-${start + bytes.length - 1}/${total}`,
      },
      payload: bytes,
    });
  }

  /** Uploads `bytes` in `chunks` pieces, in order, the last one announcing the total. */
  async function uploadAll(id: string, bytes: Buffer, chunks = 3, username = 'admin') {
    const size = Math.ceil(bytes.length / chunks);
    for (let start = 0; start < bytes.length; start += size) {
      const piece = bytes.subarray(start, start + size);
      const last = start + piece.length >= bytes.length;
      const response = await put(id, piece, start, last ? bytes.length : '*', username);
      expect(response.statusCode, response.body).toBe(200);
    }
  }

  function complete(id: string, username = 'admin') {
    return ctx.app.inject({
      method: 'POST',
      url: `/api/recordings/${id}/complete`,
      headers: auth(username),
    });
  }

  function fail(id: string, reason: string, username = 'admin') {
    return ctx.app.inject({
      method: 'POST',
      url: `/api/recordings/${id}/fail`,
      headers: auth(username),
      payload: { reason },
    });
  }

  async function record(objectId: string, agent: string, path: string, username = 'admin') {
    const recording = await createOk(objectId, agent, username);
    await uploadAll(recording.id, await readFile(path), 3, username);
    const response = await complete(recording.id, username);
    expect(response.statusCode, response.body).toBe(200);
    return completedEnvelope.parse(response.json()).data;
  }

  return { auth, create, createOk, put, uploadAll, complete, fail, record };
}

export async function activityCount(ctx: TestContext, recordingId: string) {
  const { rows } = await ctx.db.query<{ count: number }>(
    'select count(*)::int as count from activities where recording_id = $1',
    [recordingId],
  );
  return rows[0]!.count;
}
