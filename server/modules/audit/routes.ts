// GET /api/audit (filters, keyset pages), GET /api/audit.csv (streamed export), and the review page's
// signals: a recording viewed, a player session's play.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntrySchema, auditQuerySchema, playReportSchema } from '../../../contract/audit';
import { errorEnvelopeSchema, pagedEnvelopeSchema } from '../../../contract/envelope';
import { idSchema } from '../../../contract/ids';
import { envelope, readErrors, writeErrors } from '../../lib/http';
import { principalOf } from '../auth/plugin';
import { auditContextOf } from './plugin';
import type { AuditService } from './service';

const tags = ['compliance: audit'];

const auditRoutes: FastifyPluginAsyncZod<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/audit',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'The audit trail, newest first (admins)',
        description:
          'Filters: actor (a username), action (or a family: evaluation.*), resourceId, from/to (ISO-8601; from inclusive, to exclusive). ' +
          '`limit` (1–500, default 100); `nextCursor` gives the next page (null on the last).',
        querystring: auditQuerySchema,
        response: { 200: pagedEnvelopeSchema(auditEntrySchema), ...readErrors, 403: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const { entries, nextCursor } = await audit.list(principalOf(request).user, request.query);
      return { ...envelope(entries), nextCursor };
    },
  );

  app.get(
    '/audit.csv',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'The audit trail as CSV, every entry matching the filters, streamed (admins)',
        querystring: auditQuerySchema,
        // No response schema: the body is CSV (errors are the usual envelope).
      },
    },
    async (request, reply) => {
      const lines = await audit.exportCsv(principalOf(request).user, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="tapeline-audit.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(lines));
    },
  );

  app.post(
    '/activities/:activityId/views',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'recording.viewed', resource: { type: 'recording', param: 'activityId' } } },
      schema: {
        tags,
        summary: 'Tell the audit trail that the caller opened this recording’s page',
        params: z.object({ activityId: idSchema }),
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await audit.viewRecording(principalOf(request).user, request.params.activityId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/activities/:activityId/plays',
    {
      onRequest: app.authenticate,
      // Not declared: the entry is one per player session (the service dedupes), and a refusal leaves none.
      schema: {
        tags,
        summary: 'Tell the audit trail that a player session started playing this recording',
        description:
          'One `media.played` entry per recording and player session, however often the session is reported ' +
          'and however many requests the media route serves it (`play=` on local media URLs). With S3 storage ' +
          'the media never passes through Tapeline: this report is the play’s only trace.',
        params: z.object({ activityId: idSchema }),
        body: playReportSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await audit.playRecording(
        principalOf(request).user,
        auditContextOf(request),
        request.params.activityId,
        request.body.playSession,
      );
      return reply.code(204).send(null);
    },
  );
};

export default auditRoutes;
