// Audio-only recordings through the real lifecycle: every format is uploaded, completed into one activity
// of recordingType "audio" with its measured duration, and served back with its audio Content-Type.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingActivitySchema } from '../../../contract/activities';
import { pagedEnvelopeSchema } from '../../../contract/envelope';
import {
  AUDIO_FORMATS,
  makeAudioFixtures,
  makeTempDir,
  requireFfmpeg,
} from '../../test/media/probe-fixtures';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';
import { apiKeys, completedEnvelope, objectOf, recordingsClient } from '../../test/recordings-client';

const SECONDS = 4;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let files = new Map<string, string>();

beforeAll(async () => {
  await requireFfmpeg();
  temp = await makeTempDir();
  files = await makeAudioFixtures(temp.dir, SECONDS);
});
afterAll(async () => {
  await temp?.remove();
});

describe.each(databaseKinds())('audio-only recordings on %s', (kind) => {
  let ctx: TestContext;
  let client: ReturnType<typeof recordingsClient>;
  let objectId: string;

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    client = recordingsClient(ctx, await apiKeys(ctx));
    objectId = await objectOf(ctx, 'agent');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it.each(AUDIO_FORMATS.map((format) => [format.file, format] as const))(
    '%s becomes one measured audio activity, served as its audio type',
    async (file, format) => {
      const bytes = await readFile(files.get(file)!);
      const created = await client.create(objectId, 'agent');
      expect(created.statusCode, created.body).toBe(201);
      const id = (created.json() as { data: { id: string } }).data.id;
      await client.uploadAll(id, bytes, 3);
      const completed = await client.complete(id);
      expect(completed.statusCode, completed.body).toBe(200);
      const { activity } = completedEnvelope.parse(completed.json()).data;
      expect(activity).toMatchObject({ recordingType: 'audio', duration: SECONDS });
      expect(JSON.parse(activity.data!)).toMatchObject({
        recordingType: 'audio',
        container: format.container,
        videoCodec: null,
        audioCodec: format.audioCodec,
      });

      // What a reader of the Activities API gets: the same activity, and media a browser plays as sound.
      const list = await ctx.app.inject({
        method: 'GET',
        url: `/api/objects/${objectId}/activities?activityType=27`,
        headers: client.auth('agent'),
      });
      const listed = pagedEnvelopeSchema(recordingActivitySchema)
        .parse(list.json())
        .data.find((entry) => entry.id === activity.id);
      expect(listed).toMatchObject({ recordingType: 'audio', duration: SECONDS });
      const media = new URL(listed!.recordingUrl);
      const full = await ctx.app.inject({ method: 'GET', url: media.pathname + media.search });
      expect(full.statusCode).toBe(200);
      expect(full.headers['content-type']).toBe(format.mimeType);
      expect(Number(full.headers['content-length'])).toBe(listed!.fileSize);
      const range = await ctx.app.inject({
        method: 'GET',
        url: media.pathname + media.search,
        headers: { range: 'bytes=0-99' },
      });
      expect(range.statusCode).toBe(206);
      expect(range.headers['content-type']).toBe(format.mimeType);
      expect(range.rawPayload.length).toBe(100);
    },
  );
});
