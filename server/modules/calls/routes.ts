// Calls over HTTP: start one on a conversation, read it (its host), join it by a guest link, and the
// signalling WebSockets (the host's, authenticated by its session; the guest's, by its key in `hello`).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import websocket from '@fastify/websocket';
import { z } from 'zod';
import { objectIdSchema } from '../../../contract/activities';
import { callIdSchema, callSchema, guestCallSchema, joinCallRequestSchema } from '../../../contract/calls';
import { envelopeSchema, errorEnvelopeSchema } from '../../../contract/envelope';
import { envelope, HttpError } from '../../lib/http';
import { principalOf } from '../auth/plugin';
import type { CallsService } from './service';
import type { signallingHub } from './signalling';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
};
const callParams = z.object({ id: callIdSchema });

const callsRoutes: FastifyPluginAsyncZod<{
  calls: CallsService;
  hub: ReturnType<typeof signallingHub>;
}> = async (app, { calls, hub }) => {
  await app.register(websocket, { options: { maxPayload: 256 * 1024 } });

  app.post(
    '/objects/:objectId/calls',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['calls'],
        summary: 'Start a recorded video call on a conversation',
        description:
          'The caller hosts the call (agents on their own conversations, admins on any). The answer ' +
          'carries `guestUrl`: a link for the customer, signed, for this call only, usable once, ' +
          'until `linkExpiresAt` (CALL_LINK_TTL).',
        params: z.object({ objectId: objectIdSchema }),
        response: { 201: envelopeSchema(callSchema), ...errors },
      },
    },
    async (request, reply) => {
      const call = await calls.start(principalOf(request).user, request.params.objectId);
      reply.code(201);
      return envelope(call, 201);
    },
  );

  app.get(
    '/calls/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['calls'],
        summary: 'A call, for its host: state, guest link, ICE servers',
        params: callParams,
        response: { 200: envelopeSchema(callSchema), ...errors },
      },
    },
    async (request) => envelope(await calls.get(principalOf(request).user, request.params.id)),
  );

  app.post(
    '/calls/join',
    {
      schema: {
        tags: ['calls'],
        summary: 'Join a call as its guest, with the token of a guest link',
        description:
          'No account needed. The first use of a link answers the call with a `guestKey` that ' +
          'authenticates the guest’s signalling (and a later reload, sent back as `guestKey`). ' +
          '404 for a link that is not one; 410 when it expired, was already used, or the call ended.',
        body: joinCallRequestSchema,
        response: { 200: envelopeSchema(guestCallSchema), ...errors, 410: errorEnvelopeSchema },
      },
    },
    async (request) => envelope(await calls.join(request.body)),
  );

  // The signalling sockets: not HTTP operations, so not in the OpenAPI document.
  app.get(
    '/calls/:id/signal',
    { websocket: true, schema: { hide: true, params: callParams } },
    (socket, request) => {
      const { id } = request.params as { id: string };
      // A browser sends its Origin on every WebSocket: another site's page must not ride the cookie.
      const origin = request.headers.origin;
      const sameSite = !origin || new URL(origin).host === request.host;
      hub.accept(socket, id, async () => {
        if (!sameSite) throw new HttpError(403, 'Cross-site signalling is refused.');
        await app.authenticate(request, null as never);
        return calls.hostMayConnect(principalOf(request).user, id);
      });
    },
  );
};

export default callsRoutes;
