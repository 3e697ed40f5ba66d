// GET /api/search/recordings and the caller's saved searches, in CommBox's envelope.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { envelopeSchema } from '../../../contract/envelope';
import {
  savedSearchInputSchema,
  savedSearchSchema,
  searchEnvelopeSchema,
  searchQuerySchema,
  type SearchQuery,
} from '../../../contract/search';
import { envelope, readErrors, writeErrors } from '../../lib/http';
import { principalOf } from '../auth/plugin';
import type { SearchService } from './service';

const tags = ['search'];
const params = z.object({
  id: z.string().regex(/^[1-9][0-9]{0,17}$/, 'id must be a positive integer'),
});

const searchRoutes: FastifyPluginAsyncZod<{ search: SearchService }> = async (app, { search }) => {
  app.get(
    '/search/recordings',
    {
      onRequest: app.authenticate,
      // One entry per request, with its filters; the paging parameters are not part of what was sought.
      config: {
        audit: {
          action: 'search.run',
          details: (request) => {
            const { cursor: _cursor, limit: _limit, ...filters } = request.query as SearchQuery;
            return { filters };
          },
        },
      },
      schema: {
        tags,
        summary: 'The recordings the caller may see that match every given filter',
        description:
          '`q` searches conversation titles, annotation notes and tags, evaluation comments and dispute reasons ' +
          '(websearch syntax: "phrases", -excluded, or; the last word also matches as a prefix). `agent` ' +
          '(usernames), `team` (ids) and `qaState` may be repeated. `sort` defaults to relevance with `q`, newest ' +
          'without. Pass `nextCursor` back as `cursor` for the next page. `total` is exact up to 10 000, then an ' +
          'estimate (`totalIsEstimate`). `facets=true` adds counts per agent, team, QA state and tag.',
        querystring: searchQuerySchema,
        response: { 200: searchEnvelopeSchema, ...readErrors },
      },
    },
    async (request) => {
      const result = await search.search(principalOf(request).user, request.query);
      return {
        ...envelope(result.hits),
        nextCursor: result.nextCursor,
        total: result.total,
        totalIsEstimate: result.totalIsEstimate,
        ...(result.facets ? { facets: result.facets } : {}),
      };
    },
  );

  app.get(
    '/search/saved',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Your saved searches, each with the hits that arrived since you last opened it',
        response: { 200: envelopeSchema(z.array(savedSearchSchema)), ...readErrors },
      },
    },
    async (request) => envelope(await search.savedSearches(principalOf(request).user)),
  );

  app.post(
    '/search/saved',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Name a search: `query` is the search page’s query string',
        body: savedSearchInputSchema,
        response: { 201: envelopeSchema(savedSearchSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return envelope(await search.saveSearch(principalOf(request).user, request.body), 201);
    },
  );

  app.post(
    '/search/saved/:id/opened',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Mark your saved search opened now: its new hits start again from zero',
        params,
        response: { 200: envelopeSchema(savedSearchSchema), ...writeErrors },
      },
    },
    async (request) => envelope(await search.openSavedSearch(principalOf(request).user, request.params.id)),
  );

  app.delete(
    '/search/saved/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Delete your saved search',
        params,
        response: { 200: envelopeSchema(z.null()), ...writeErrors },
      },
    },
    async (request) => {
      await search.deleteSavedSearch(principalOf(request).user, request.params.id);
      return envelope(null);
    },
  );
};

export default searchRoutes;
