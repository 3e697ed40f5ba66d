// An agent's answer to an evaluation (acknowledge, dispute) and the QA managers' list and resolution.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  disputeListItemSchema,
  disputeListQuerySchema,
  disputeRequestSchema,
  resolveDisputeSchema,
} from '../../../../contract/disputes';
import { envelopeSchema } from '../../../../contract/envelope';
import { evaluationConflictSchema, evaluationSchema } from '../../../../contract/evaluations';
import { idSchema } from '../../../../contract/ids';
import { envelope, readErrors, writeErrors } from '../../../lib/http';
import { principalOf } from '../../auth/plugin';
import type { DisputesService } from './service';

const tags = ['qa: evaluations'];
const one = envelopeSchema(evaluationSchema);
const params = z.object({ id: idSchema });
const writeResponses = { 200: one, ...writeErrors, 409: evaluationConflictSchema };

const disputesRoutes: FastifyPluginAsyncZod<{ disputes: DisputesService }> = async (app, { disputes }) => {
  app.post(
    '/evaluations/:id/acknowledge',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'evaluation.acknowledged', resource: { type: 'evaluation', param: 'id' } } },
      schema: {
        tags,
        summary: 'The agent acknowledges a submitted evaluation of their recording',
        params,
        response: writeResponses,
      },
    },
    async (request) => envelope(await disputes.acknowledge(principalOf(request).user, request.params.id)),
  );

  app.post(
    '/evaluations/:id/dispute',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'dispute.raised', resource: { type: 'evaluation', param: 'id' } } },
      schema: {
        tags,
        summary: 'The agent disputes a submitted evaluation of their recording, with a reason',
        params,
        body: disputeRequestSchema,
        response: writeResponses,
      },
    },
    async (request) =>
      envelope(await disputes.dispute(principalOf(request).user, request.params.id, request.body.reason)),
  );

  app.get(
    '/disputes',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Disputes on recordings the caller may see (QA managers: their teams); open ones by default',
        description:
          'Each dispute carries its evaluation’s current revision, score and scorecard name, for the list.',
        querystring: disputeListQuerySchema,
        response: { 200: envelopeSchema(z.array(disputeListItemSchema)), ...readErrors },
      },
    },
    async (request) => envelope(await disputes.list(principalOf(request).user, request.query.status)),
  );

  app.post(
    '/disputes/:id/resolve',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'dispute.resolved', resource: { type: 'dispute', param: 'id' } } },
      schema: {
        tags,
        summary: 'Resolve a dispute: uphold the evaluation with a comment, or revise it (a new revision)',
        params,
        body: resolveDisputeSchema,
        response: writeResponses,
      },
    },
    async (request) =>
      envelope(await disputes.resolve(principalOf(request).user, request.params.id, request.body)),
  );
};

export default disputesRoutes;
