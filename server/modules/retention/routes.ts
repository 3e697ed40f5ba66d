// Legal holds, deletion on request, per-team retention and running retention now (admins).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { envelopeSchema, errorEnvelopeSchema } from '../../../contract/envelope';
import { idSchema } from '../../../contract/ids';
import {
  deleteRecordingQuerySchema,
  holdInputSchema,
  holdSchema,
  holdsQuerySchema,
  retentionInputSchema,
  retentionRunSchema,
  teamRetentionSchema,
} from '../../../contract/retention';
import { envelope, readErrors, writeErrors } from '../../lib/http';
import { auditContextOf } from '../audit/plugin';
import { principalOf } from '../auth/plugin';
import type { RetentionService } from './service';

const tags = ['compliance: retention and holds'];

const retentionRoutes: FastifyPluginAsyncZod<{ retention: RetentionService }> = async (
  app,
  { retention },
) => {
  app.post(
    '/holds',
    {
      onRequest: app.authenticate,
      config: {
        audit: {
          action: 'hold.set',
          resource: { type: 'hold', fromResponse: true },
          details: (request) => ({ ...(request.body as object) }),
        },
      },
      schema: {
        tags,
        summary: 'Place a legal hold on a recording, a conversation or an agent (admins)',
        description: 'Send exactly one of activityId, objectId, agent (a username), and the reason.',
        body: holdInputSchema,
        response: { 201: envelopeSchema(z.object({ id: z.string() })), ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await retention.placeHold(principalOf(request).user, request.body);
      return reply.code(201).send(envelope(created, 201));
    },
  );

  app.get(
    '/holds',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary:
          'Active legal holds (admins); on one recording with activityId (its own, its conversation’s, its agent’s)',
        querystring: holdsQuerySchema,
        response: { 200: envelopeSchema(z.array(holdSchema)), ...readErrors, 403: errorEnvelopeSchema },
      },
    },
    async (request) => {
      const holds = await retention.listHolds(principalOf(request).user, {
        activityId: request.query.activityId,
        includeReleased: request.query.includeReleased === 'true',
      });
      return envelope(holds);
    },
  );

  app.delete(
    '/holds/:id',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'hold.released', resource: { type: 'hold', param: 'id' } } },
      schema: {
        tags,
        summary: 'Release a legal hold (admins)',
        params: z.object({ id: idSchema }),
        response: { 200: envelopeSchema(z.null()), ...writeErrors },
      },
    },
    async (request) => {
      await retention.releaseHold(principalOf(request).user, request.params.id);
      return envelope(null);
    },
  );

  app.delete(
    '/activities/:activityId',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Delete a recording on request, with a reason (admins); 409 names the hold that keeps it',
        description:
          'The same path as retention: the media object and the activity go, annotations with them; evaluations stay, marked "recording deleted". Audited with the reason.',
        params: z.object({ activityId: idSchema }),
        querystring: deleteRecordingQuerySchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await retention.deleteOnRequest(
        principalOf(request).user,
        request.params.activityId,
        request.query.reason,
        auditContextOf(request),
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/retention',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Each team’s retention: days, or null for forever (admins)',
        response: {
          200: envelopeSchema(z.array(teamRetentionSchema)),
          ...readErrors,
          403: errorEnvelopeSchema,
        },
      },
    },
    async (request) => envelope(await retention.retentionPolicies(principalOf(request).user)),
  );

  app.put(
    '/teams/:id/retention',
    {
      onRequest: app.authenticate,
      config: {
        audit: {
          action: 'retention.changed',
          resource: { type: 'team', param: 'id' },
          details: (request) => ({ days: (request.body as { days?: unknown } | undefined)?.days ?? null }),
        },
      },
      schema: {
        tags,
        summary: 'Keep a team’s recordings N days, or forever with null (admins)',
        params: z.object({ id: idSchema }),
        body: retentionInputSchema,
        response: { 200: envelopeSchema(teamRetentionSchema), ...writeErrors },
      },
    },
    async (request) =>
      envelope(await retention.setRetention(principalOf(request).user, request.params.id, request.body.days)),
  );

  app.post(
    '/retention/run',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Run retention now, as the daily job does (admins): what was deleted, what holds kept',
        response: { 200: envelopeSchema(retentionRunSchema), ...writeErrors },
      },
    },
    async (request) => envelope(await retention.runNow(principalOf(request).user, auditContextOf(request))),
  );
};

export default retentionRoutes;
