// Evaluations of recording activities: drafts, submission, history, and the per-recording QA summary.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { objectIdSchema } from '../../../../contract/activities';
import { envelopeSchema } from '../../../../contract/envelope';
import {
  createEvaluationSchema,
  evaluationConflictSchema,
  evaluationEventSchema,
  evaluationSchema,
  recordingQaSummarySchema,
  saveDraftSchema,
  submitEvaluationSchema,
} from '../../../../contract/evaluations';
import { idSchema } from '../../../../contract/ids';
import { envelope, readErrors, writeErrors } from '../../../lib/http';
import { principalOf } from '../../auth/plugin';
import { replyingToConflicts } from '../conflict';
import type { EvaluationsService } from './service';

const tags = ['qa: evaluations'];
const one = envelopeSchema(evaluationSchema);
const many = envelopeSchema(z.array(evaluationSchema));
const params = z.object({ id: idSchema });
const activityParams = z.object({ activityId: idSchema });
const writeResponses = { 200: one, ...writeErrors, 409: evaluationConflictSchema };

const evaluationsRoutes: FastifyPluginAsyncZod<{ evaluations: EvaluationsService }> = async (
  app,
  { evaluations },
) => {
  app.get(
    '/activities/:activityId/evaluations',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Evaluations of a recording the caller may see: submitted ones and the caller’s own drafts',
        params: activityParams,
        response: { 200: many, ...readErrors },
      },
    },
    async (request) =>
      envelope(await evaluations.listForActivity(principalOf(request).user, request.params.activityId)),
  );

  app.post(
    '/activities/:activityId/evaluations',
    {
      onRequest: app.authenticate,
      config: {
        audit: { action: 'evaluation.created', resource: { type: 'evaluation', fromResponse: true } },
      },
      schema: {
        tags,
        summary: 'Start an evaluation (a draft) of a recording with a scorecard’s current version',
        description:
          'Admins and QA managers who may see the recording. Several reviewers may evaluate one recording.',
        params: activityParams,
        body: createEvaluationSchema,
        response: { 201: envelopeSchema(evaluationSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await evaluations.create(
        principalOf(request).user,
        request.params.activityId,
        request.body.scorecardId,
      );
      return reply.code(201).send(envelope(created, 201));
    },
  );

  app.get(
    '/evaluations/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'One evaluation, with its scorecard version, revisions and disputes',
        params,
        response: { 200: one, ...readErrors },
      },
    },
    async (request) => envelope(await evaluations.get(principalOf(request).user, request.params.id)),
  );

  app.put(
    '/evaluations/:id',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'evaluation.updated', resource: { type: 'evaluation', param: 'id' } } },
      schema: {
        tags,
        summary:
          'Save the draft (ratings and comments); `version` must be current, else 409 with the server’s copy',
        description:
          'Replaces the draft’s ratings and overall comment. Ratings may be partial. Autosaves are recorded in the ' +
          'history as at most one `edited` event per author and minute.',
        params,
        body: saveDraftSchema,
        response: writeResponses,
      },
    },
    async (request, reply) =>
      replyingToConflicts(reply, async () =>
        envelope(await evaluations.saveDraft(principalOf(request).user, request.params.id, request.body)),
      ),
  );

  app.post(
    '/evaluations/:id/submit',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'evaluation.submitted', resource: { type: 'evaluation', param: 'id' } } },
      schema: {
        tags,
        summary:
          'Submit the draft: every criterion must be rated (or N/A where allowed); the agent then sees it',
        params,
        body: submitEvaluationSchema,
        response: writeResponses,
      },
    },
    async (request, reply) =>
      replyingToConflicts(reply, async () =>
        envelope(
          await evaluations.submit(principalOf(request).user, request.params.id, request.body?.version),
        ),
      ),
  );

  app.get(
    '/evaluations/:id/history',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Everything that happened to an evaluation: who, when, what; oldest first',
        params,
        response: { 200: envelopeSchema(z.array(evaluationEventSchema)), ...readErrors },
      },
    },
    async (request) => envelope(await evaluations.history(principalOf(request).user, request.params.id)),
  );

  app.get(
    '/objects/:objectId/qa-summary',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary:
          'QA state of each recording of an object: not_evaluated, draft (yours) or submitted (latest score)',
        params: z.object({ objectId: objectIdSchema }),
        response: { 200: envelopeSchema(z.array(recordingQaSummarySchema)), ...readErrors },
      },
    },
    async (request) =>
      envelope(await evaluations.summary(principalOf(request).user, request.params.objectId)),
  );
};

export default evaluationsRoutes;
