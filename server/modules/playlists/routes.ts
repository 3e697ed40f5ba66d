// Playlists over HTTP: build (trainers, QA managers, admins), assign, watch, record progress and plays.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { playReportSchema } from '../../../contract/audit';
import { envelopeSchema } from '../../../contract/envelope';
import { idSchema } from '../../../contract/ids';
import {
  itemProgressSchema,
  playlistAssignmentInputSchema,
  playlistAssignmentSchema,
  playlistInputSchema,
  playlistItemInputSchema,
  playlistItemPatchSchema,
  playlistItemSchema,
  playlistOrderSchema,
  playlistPatchSchema,
  playlistProgressInputSchema,
  playlistSchema,
  playlistSummarySchema,
  trainingAssignmentSchema,
} from '../../../contract/playlists';
import { envelope, readErrors, writeErrors } from '../../lib/http';
import { auditContextOf } from '../audit/plugin';
import { principalOf } from '../auth/plugin';
import type { PlaylistsService } from './service';

const tags = ['playlists'];
const params = z.object({ id: idSchema });
const itemParams = z.object({ id: idSchema, itemId: idSchema });

// Every change goes to the audit trail, on the playlist, with what was sent (the body as the client sent
// it: on a refused request it may be anything, so it is copied, never trusted to have a shape).
const onPlaylist = { type: 'playlist', param: 'id' };
const bodyDetails = (request: FastifyRequest) =>
  typeof request.body === 'object' && request.body !== null ? { ...request.body } : {};
const itemDetails = (request: FastifyRequest) => ({
  itemId: (request.params as { itemId?: string }).itemId,
  ...bodyDetails(request),
});

const playlistsRoutes: FastifyPluginAsyncZod<{ playlists: PlaylistsService }> = async (
  app,
  { playlists },
) => {
  app.get(
    '/playlists',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'The playlists the caller may see: their own and their teams’ (managers), or assigned ones',
        response: { 200: envelopeSchema(z.array(playlistSummarySchema)), ...readErrors },
      },
    },
    async (request) => envelope(await playlists.list(principalOf(request).user)),
  );

  app.post(
    '/playlists',
    {
      onRequest: app.authenticate,
      config: {
        audit: {
          action: 'playlist.created',
          resource: { type: 'playlist', fromResponse: true },
          details: bodyDetails,
        },
      },
      schema: {
        tags,
        summary: 'Create a playlist (trainers, QA managers, admins)',
        body: playlistInputSchema,
        response: { 201: envelopeSchema(playlistSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await playlists.create(principalOf(request).user, request.body);
      return reply.code(201).send(envelope(created, 201));
    },
  );

  app.get(
    '/playlists/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'A playlist with its clips in order, each with a media URL signed for its recording only',
        description: 'Assignees see exactly the clips, with their own progress; 404 for everyone else.',
        params,
        response: { 200: envelopeSchema(playlistSchema), ...readErrors },
      },
    },
    async (request) => envelope(await playlists.get(principalOf(request).user, request.params.id)),
  );

  app.patch(
    '/playlists/:id',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'playlist.updated', resource: onPlaylist, details: bodyDetails } },
      schema: {
        tags,
        summary: 'Change the title or description',
        params,
        body: playlistPatchSchema,
        response: { 200: envelopeSchema(playlistSchema), ...writeErrors },
      },
    },
    async (request) =>
      envelope(await playlists.update(principalOf(request).user, request.params.id, request.body)),
  );

  app.delete(
    '/playlists/:id',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'playlist.deleted', resource: onPlaylist } },
      schema: {
        tags,
        summary: 'Delete a playlist with its clips, assignments and progress',
        params,
        response: { 200: envelopeSchema(z.null()), ...writeErrors },
      },
    },
    async (request) => {
      await playlists.remove(principalOf(request).user, request.params.id);
      return envelope(null);
    },
  );

  app.post(
    '/playlists/:id/items',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'playlist.item_added', resource: onPlaylist, details: bodyDetails } },
      schema: {
        tags,
        summary: 'Add a clip: a range of a recording the caller may see, with a note for the trainee',
        description: 'startSeconds and endSeconds must lie within the recording; endSeconds > startSeconds.',
        params,
        body: playlistItemInputSchema,
        response: { 201: envelopeSchema(playlistItemSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await playlists.addItem(principalOf(request).user, request.params.id, request.body);
      return reply.code(201).send(envelope(created, 201));
    },
  );

  app.put(
    '/playlists/:id/items/order',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'playlist.reordered', resource: onPlaylist, details: bodyDetails } },
      schema: {
        tags,
        summary: 'Reorder the clips: every current clip exactly once, else 409 (the list changed meanwhile)',
        params,
        body: playlistOrderSchema,
        response: { 200: envelopeSchema(playlistSchema), ...writeErrors },
      },
    },
    async (request) =>
      envelope(await playlists.reorder(principalOf(request).user, request.params.id, request.body.itemIds)),
  );

  app.patch(
    '/playlists/:id/items/:itemId',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'playlist.item_updated', resource: onPlaylist, details: itemDetails } },
      schema: {
        tags,
        summary: 'Change a clip’s range or note',
        params: itemParams,
        body: playlistItemPatchSchema,
        response: { 200: envelopeSchema(playlistItemSchema), ...writeErrors },
      },
    },
    async (request) =>
      envelope(
        await playlists.updateItem(
          principalOf(request).user,
          request.params.id,
          request.params.itemId,
          request.body,
        ),
      ),
  );

  app.delete(
    '/playlists/:id/items/:itemId',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'playlist.item_removed', resource: onPlaylist, details: itemDetails } },
      schema: {
        tags,
        summary: 'Remove a clip',
        params: itemParams,
        response: { 200: envelopeSchema(z.null()), ...writeErrors },
      },
    },
    async (request) => {
      await playlists.removeItem(principalOf(request).user, request.params.id, request.params.itemId);
      return envelope(null);
    },
  );

  app.post(
    '/playlists/:id/assignments',
    {
      onRequest: app.authenticate,
      config: { audit: { action: 'playlist.assigned', resource: onPlaylist, details: bodyDetails } },
      schema: {
        tags,
        summary: 'Assign to users (by username) or to every agent of teams, with an optional due date',
        description: 'Assigning someone again changes the due date. Answers the completion table.',
        params,
        body: playlistAssignmentInputSchema,
        response: { 200: envelopeSchema(z.array(playlistAssignmentSchema)), ...writeErrors },
      },
    },
    async (request) =>
      envelope(await playlists.assign(principalOf(request).user, request.params.id, request.body)),
  );

  app.get(
    '/playlists/:id/assignments',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'The completion table: per assignee, the clips watched and when the playlist was finished',
        params,
        response: { 200: envelopeSchema(z.array(playlistAssignmentSchema)), ...writeErrors },
      },
    },
    async (request) => envelope(await playlists.assignments(principalOf(request).user, request.params.id)),
  );

  app.put(
    '/playlists/:id/items/:itemId/progress',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Report ranges of the clip played (seconds in the recording); merged with what was saved',
        description:
          'A clip counts as watched once 90 % of its range has been played. Only assignees have progress.',
        params: itemParams,
        body: playlistProgressInputSchema,
        response: { 200: envelopeSchema(itemProgressSchema), ...writeErrors },
      },
    },
    async (request) =>
      envelope(
        await playlists.recordProgress(
          principalOf(request).user,
          request.params.id,
          request.params.itemId,
          request.body.playedRanges,
        ),
      ),
  );

  app.post(
    '/playlists/:id/items/:itemId/plays',
    {
      onRequest: app.authenticate,
      // Not declared: the entry is one per player session (the service dedupes), and a refusal leaves none.
      schema: {
        tags,
        summary: 'Tell the audit trail that a player session started playing this clip’s recording',
        description:
          'The playlist play page’s counterpart of `POST /api/activities/{activityId}/plays`, for whoever may ' +
          'see the playlist (its assignees need not see the recording): one `media.played` entry on the ' +
          'recording per player session, whichever tells of it first (this report: `playlistId` and `itemId` ' +
          'in its details; the media route: `play=` on local media URLs). With S3 storage the media never ' +
          'passes through Tapeline: this report is the play’s only trace.',
        params: itemParams,
        body: playReportSchema,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (request, reply) => {
      await playlists.recordPlay(
        principalOf(request).user,
        auditContextOf(request),
        request.params.id,
        request.params.itemId,
        request.body.playSession,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/training',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'The playlists assigned to the caller, with progress and due dates',
        response: { 200: envelopeSchema(z.array(trainingAssignmentSchema)), ...readErrors },
      },
    },
    async (request) => envelope(await playlists.training(principalOf(request).user)),
  );
};

export default playlistsRoutes;
