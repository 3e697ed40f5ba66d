// The recording lifecycle over HTTP: create, resumable upload (Content-Range), complete, fail.
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  completeRecordingRequestSchema,
  completedRecordingSchema,
  createRecordingRequestSchema,
  failRecordingRequestSchema,
  recordingIdSchema,
  recordingSchema,
  uploadProgressSchema,
} from '../../../contract/recordings';
import { envelopeSchema, errorEnvelopeSchema } from '../../../contract/envelope';
import { envelope, HttpError } from '../../lib/http';
import { principalOf } from '../auth/plugin';
import type { RecordingsService } from './service';
import { parseContentRange } from './uploads';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
};
const params = z.object({ id: recordingIdSchema });

const recordingsRoutes: FastifyPluginAsyncZod<{ recordings: RecordingsService }> = async (app, opts) => {
  const { recordings } = opts;

  app.post(
    '/recordings',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['recordings'],
        summary: 'Start a recording of a call on an object',
        description:
          '`agent` is the username of the agent on the call. Admins may record for any object and agent; ' +
          'an agent only on their own objects and only as themselves. With `externalId` creation is ' +
          'idempotent: the same externalId answers 200 with the existing recording (any status) instead of 201.',
        body: createRecordingRequestSchema,
        response: { 200: envelopeSchema(recordingSchema), 201: envelopeSchema(recordingSchema), ...errors },
      },
    },
    async (request, reply) => {
      const { recording, created } = await recordings.create(principalOf(request).user, request.body);
      reply.code(created ? 201 : 200);
      return envelope(recording, created ? 201 : 200);
    },
  );

  app.get(
    '/recordings/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['recordings'],
        summary: 'A recording’s status and upload offset',
        params,
        response: { 200: envelopeSchema(recordingSchema), ...errors },
      },
    },
    async (request) => envelope(await recordings.get(principalOf(request).user, request.params.id)),
  );

  app.head(
    '/recordings/:id/content',
    {
      onRequest: app.authenticate,
      // HEAD routes are left out of the OpenAPI document unless asked for; this one is the protocol.
      config: { swagger: { exposeHeadRoute: true } },
      schema: {
        tags: ['recordings'],
        summary: 'The server’s upload offset: continue uploading from here',
        description:
          'Answers 200 without a body; `Upload-Offset: <n>` is the number of bytes the server holds ' +
          '(also as `Range: bytes=0-<n-1>` when n > 0). The next chunk must start at byte n.',
        params,
      },
    },
    async (request, reply) => {
      const progress = await recordings.offset(principalOf(request).user, request.params.id);
      reply.header('upload-offset', String(progress.offset)).header('cache-control', 'no-store');
      if (progress.offset > 0) reply.header('range', `bytes=0-${progress.offset - 1}`);
      if (progress.total !== null) reply.header('upload-length', String(progress.total));
      return reply.code(200).send();
    },
  );

  // Chunks reach the handler as the raw stream (stored as they arrive, never buffered), and only media
  // types are taken: a JSON or text body is refused with 415 before anything is stored.
  await app.register(async (scope) => {
    const media = scope.withTypeProvider<ZodTypeProvider>();
    media.removeAllContentTypeParsers();
    for (const type of ['application/octet-stream', /^video\/[\w.+-]+$/, /^audio\/[\w.+-]+$/]) {
      media.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
    }
    media.addContentTypeParser('*', (request, _payload, done) =>
      done(
        new HttpError(
          415,
          `Content-Type: "${String(request.headers['content-type']).slice(0, 100)}" is not a media type; ` +
            'send the bytes as application/octet-stream, video/* or audio/*.',
        ),
        undefined,
      ),
    );
    media.put(
      '/recordings/:id/content',
      {
        onRequest: media.authenticate,
        schema: {
          tags: ['recordings'],
          summary: 'Upload a chunk of the media (resumable)',
          description:
            'Raw body (`application/octet-stream`, `video/*` or `audio/*`; anything else is 415) with `Content-Range: bytes <start>-<end>/*`, ' +
            'or `/<total>` once the size is known (at the latest on the last chunk). The chunk must start ' +
            'at the server’s offset (HEAD); otherwise 409 with `Upload-Offset`. A chunk counts only once ' +
            'all its bytes arrived: after a dropped connection ask HEAD and resend from there. ' +
            '413 beyond MAX_RECORDING_BYTES.',
          params,
          response: {
            200: envelopeSchema(uploadProgressSchema),
            ...errors,
            413: errorEnvelopeSchema,
            415: errorEnvelopeSchema,
          },
        },
      },
      async (request, reply) => {
        const range = parseContentRange(request.headers['content-range']);
        const lengthHeader = request.headers['content-length'];
        const progress = await recordings.upload(
          principalOf(request).user,
          request.params.id,
          range,
          request.body as Readable,
          lengthHeader === undefined ? null : Number(lengthHeader),
        );
        reply.header('upload-offset', String(progress.offset));
        return envelope(progress);
      },
    );
  });

  app.post(
    '/recordings/:id/complete',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['recordings'],
        summary: 'Finish the recording: measure, make seekable, store, create the activity (once)',
        description:
          'Needs the total size: announced by the last chunk (`Content-Range: bytes a-b/<total>`) or sent ' +
          'here as `size`. With bytes missing, 409 with `Upload-Offset` (nothing is lost; upload the rest). ' +
          'Idempotent: every call, concurrent or later, answers with the same recording activity. 422 when ' +
          'the media is truncated or not a playable recording; the upload is kept until you fail it (or it ' +
          'is abandoned). 409 after fail.',
        params,
        body: completeRecordingRequestSchema,
        response: {
          200: envelopeSchema(completedRecordingSchema),
          ...errors,
          422: errorEnvelopeSchema,
        },
      },
    },
    async (request) => {
      const { recording, activity } = await recordings.complete(
        principalOf(request).user,
        request.params.id,
        request.body ?? {},
      );
      return envelope({ recording, activity });
    },
  );

  app.post(
    '/recordings/:id/fail',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['recordings'],
        summary: 'Give up on the recording: no activity, partial data deleted',
        description: 'Failing a failed recording is harmless (200, first reason kept); 409 once completed.',
        params,
        body: failRecordingRequestSchema,
        response: { 200: envelopeSchema(recordingSchema), ...errors },
      },
    },
    async (request) =>
      envelope(await recordings.fail(principalOf(request).user, request.params.id, request.body.reason)),
  );
};

export default recordingsRoutes;
