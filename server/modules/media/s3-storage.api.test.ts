// The Activities API with STORAGE=s3: recording URLs point at the object store and play from there.
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { z } from 'zod';
import { conversationObjectSchema, recordingActivitySchema } from '../../../contract/activities';
import { envelopeSchema, pagedEnvelopeSchema } from '../../../contract/envelope';
import { completedRecordingSchema, recordingSchema } from '../../../contract/recordings';
import { ConfigError, loadConfig } from '../../config';
import { DEMO_MEDIA_DIR } from '../../demo/seed';
import { openMediaStorage } from '../../runtime';
import { S3_TEST_CREDENTIALS } from '../../test/s3-server';
import { authService } from '../auth/service';
import { createTestApp, type TestContext } from '../../test/harness';

const objectsEnvelope = envelopeSchema(z.array(conversationObjectSchema));
const recordingsEnvelope = pagedEnvelopeSchema(recordingActivitySchema);

describe.each(['presigned', 'direct'] as const)('Activities API on S3 storage, %s URLs', (urlMode) => {
  let ctx: TestContext;
  let apiKey: string;

  beforeAll(async () => {
    ctx = await createTestApp('pglite', { storage: 's3', s3UrlMode: urlMode });
    const auth = authService(ctx.db, { sessionTtlSeconds: 3600 });
    apiKey = (await auth.createApiKey('admin', 'test'))!.key;
  });
  afterAll(() => ctx?.close());

  const get = (url: string) =>
    ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${apiKey}` } });

  async function someRecordings() {
    const objects = objectsEnvelope.parse((await get('/api/objects')).json()).data;
    const withRecordings = objects.find((object) => object.recordingCount > 0);
    expect(withRecordings).toBeDefined();
    const response = await get(`/api/objects/${withRecordings!.objectId}/activities?activityType=27`);
    expect(response.statusCode).toBe(200);
    const recordings = recordingsEnvelope.parse(response.json()).data;
    expect(recordings.length).toBe(withRecordings!.recordingCount);
    return recordings;
  }

  it('gives recording URLs in the bucket that play byte ranges of the stored clip', async () => {
    const bucketUrl = `${inject('s3Endpoint')}/${ctx.config.s3!.bucket}/demo/`;
    for (const recording of await someRecordings()) {
      const url = new URL(recording.recordingUrl);
      expect(`${url.origin}${url.pathname}`.startsWith(bucketUrl)).toBe(true);
      if (urlMode === 'presigned') {
        expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
        expect(url.searchParams.get('X-Amz-Expires')).toBe(String(ctx.config.mediaUrlTtlSeconds));
      } else {
        expect(url.search).toBe('');
      }

      const clip = await readFile(join(DEMO_MEDIA_DIR, basename(url.pathname)));
      expect(recording.fileSize).toBe(clip.length);
      const response = await fetch(recording.recordingUrl, { headers: { range: 'bytes=0-99' } });
      expect(response.status).toBe(206);
      expect(response.headers.get('content-type')).toMatch(/^video\/(webm|mp4)$/);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(clip.subarray(0, 100))).toBe(true);
    }
  });

  it('plays a recording made through the lifecycle API (create, upload, complete) from the bucket', async () => {
    const [object] = objectsEnvelope.parse((await get('/api/objects')).json()).data;
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/recordings',
      headers: { authorization: `Bearer ${apiKey}` },
      payload: { objectId: object!.objectId, agent: 'agent' },
    });
    expect(created.statusCode).toBe(201);
    const recording = envelopeSchema(recordingSchema).parse(created.json()).data;

    const media = await readFile(join(DEMO_MEDIA_DIR, '02-password-reset.mp4'));
    const uploaded = await ctx.app.inject({
      method: 'PUT',
      url: `/api/recordings/${recording.id}/content`,
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'video/mp4',
        'content-range': `bytes 0-${media.length - 1}/${media.length}`,
      },
      payload: media,
    });
    expect(uploaded.statusCode).toBe(200);

    const completed = await ctx.app.inject({
      method: 'POST',
      url: `/api/recordings/${recording.id}/complete`,
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(completed.statusCode).toBe(200);
    const { activity } = envelopeSchema(completedRecordingSchema).parse(completed.json()).data;

    const listed = recordingsEnvelope
      .parse((await get(`/api/objects/${object!.objectId}/activities?activityType=27`)).json())
      .data.find((candidate) => candidate.id === activity.id);
    expect(listed).toBeDefined();
    const url = new URL(listed!.recordingUrl);
    expect(url.origin).toBe(inject('s3Endpoint'));
    expect(url.searchParams.has('X-Amz-Signature')).toBe(urlMode === 'presigned');

    // The stored file is what complete made of the upload (made seekable), so compare with itself.
    const whole = await fetch(listed!.recordingUrl);
    expect(whole.status).toBe(200);
    const stored = Buffer.from(await whole.arrayBuffer());
    expect(stored.length).toBe(listed!.fileSize);
    const range = await fetch(listed!.recordingUrl, { headers: { range: 'bytes=100-199' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 100-199/${listed!.fileSize}`);
    expect(Buffer.from(await range.arrayBuffer()).equals(stored.subarray(100, 200))).toBe(true);
  });

  it('registers no local /media route', async () => {
    const [recording] = await someRecordings();
    const key = new URL(recording!.recordingUrl).pathname.split('/').slice(2).join('/');
    const response = await ctx.app.inject({ method: 'GET', url: `/media/${key}` });
    expect(response.statusCode).toBe(404);
  });
});

describe('opening S3 storage at start', () => {
  const s3Env = (overrides: Record<string, string>) =>
    loadConfig({
      STORAGE: 's3',
      S3_BUCKET: 'no-such-bucket',
      S3_ENDPOINT: inject('s3Endpoint'),
      S3_FORCE_PATH_STYLE: 'true',
      LOG_LEVEL: 'silent',
      ...overrides,
    });

  it('fails with a message naming S3_BUCKET and S3_ENDPOINT when the bucket is not there', async () => {
    const opening = openMediaStorage(s3Env({}), 'secret', S3_TEST_CREDENTIALS);
    await expect(opening).rejects.toBeInstanceOf(ConfigError);
    await expect(opening).rejects.toThrow(
      /"no-such-bucket" \(S3_BUCKET\).*\(S3_ENDPOINT\): the bucket does not exist/,
    );
  });

  it('fails naming the credentials when the store refuses them', async () => {
    const opening = openMediaStorage(s3Env({}), 'secret', {
      accessKeyId: 'WRONG',
      secretAccessKey: 'WRONG',
    });
    await expect(opening).rejects.toThrow(/S3_BUCKET.*HTTP 403: access denied; check AWS_ACCESS_KEY_ID/);
  });
});
