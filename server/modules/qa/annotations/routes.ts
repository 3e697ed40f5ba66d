// Timestamped notes on a recording: list and add per activity; the author edits and deletes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { envelopeSchema } from '../../../../contract/envelope';
import {
  annotationInputSchema,
  annotationPatchSchema,
  annotationSchema,
} from '../../../../contract/annotations';
import { idSchema } from '../../../../contract/ids';
import { envelope, readErrors, writeErrors } from '../../../lib/http';
import { principalOf } from '../../auth/plugin';
import type { AnnotationsService } from './service';

const tags = ['qa: annotations'];
const activityParams = z.object({ activityId: idSchema });
const params = z.object({ id: idSchema });

const annotationsRoutes: FastifyPluginAsyncZod<{ annotations: AnnotationsService }> = async (app, opts) => {
  const { annotations } = opts;

  app.get(
    '/activities/:activityId/annotations',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Annotations on a recording, by start time; readable by everyone who may see the recording',
        params: activityParams,
        response: { 200: envelopeSchema(z.array(annotationSchema)), ...readErrors },
      },
    },
    async (request) => envelope(await annotations.list(principalOf(request).user, request.params.activityId)),
  );

  app.post(
    '/activities/:activityId/annotations',
    {
      onRequest: app.authenticate,
      config: {
        audit: { action: 'annotation.created', resource: { type: 'annotation', fromResponse: true } },
      },
      schema: {
        tags,
        summary: 'Annotate a moment or range of a recording (every role that sees it, except agents)',
        description:
          'startSeconds and endSeconds must lie within the recording’s duration; endSeconds > startSeconds.',
        params: activityParams,
        body: annotationInputSchema,
        response: { 201: envelopeSchema(annotationSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await annotations.create(
        principalOf(request).user,
        request.params.activityId,
        request.body,
      );
      return reply.code(201).send(envelope(created, 201));
    },
  );

  app.patch(
    '/annotations/:id',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'annotation.updated', resource: { type: 'annotation', param: 'id' } } },
      schema: {
        tags,
        summary: 'Change your annotation (any of its fields)',
        params,
        body: annotationPatchSchema,
        response: { 200: envelopeSchema(annotationSchema), ...writeErrors },
      },
    },
    async (request) =>
      envelope(await annotations.update(principalOf(request).user, request.params.id, request.body)),
  );

  app.delete(
    '/annotations/:id',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'annotation.deleted', resource: { type: 'annotation', param: 'id' } } },
      schema: {
        tags,
        summary: 'Delete your annotation',
        params,
        response: { 200: envelopeSchema(z.null()), ...writeErrors },
      },
    },
    async (request) => {
      await annotations.remove(principalOf(request).user, request.params.id);
      return envelope(null);
    },
  );
};

export default annotationsRoutes;
