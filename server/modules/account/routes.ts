// The caller's own account: GET/POST /api/me/api-keys, DELETE /api/me/api-keys/{id}.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiKeyParamsSchema,
  apiKeySchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
} from '../../../contract/account';
import { envelopeSchema } from '../../../contract/envelope';
import { envelope, readErrors, writeErrors } from '../../lib/http';
import { principalOf } from '../auth/plugin';
import type { AccountService } from './service';

const tags = ['account'];

const accountRoutes: FastifyPluginAsyncZod<{ account: AccountService }> = async (app, { account }) => {
  app.get(
    '/me/api-keys',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Your API keys, working ones first, newest first (never the keys themselves)',
        response: { 200: envelopeSchema(z.array(apiKeySchema)), ...readErrors },
      },
    },
    async (request) => envelope(await account.listApiKeys(principalOf(request).user)),
  );

  app.post(
    '/me/api-keys',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Create an API key that acts as you; the answer is the only time the key is shown',
        body: createApiKeyRequestSchema,
        response: { 201: envelopeSchema(createdApiKeySchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      const created = await account.createApiKey(principalOf(request).user, request.body.name);
      return reply.code(201).send(envelope(created, 201));
    },
  );

  app.delete(
    '/me/api-keys/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Revoke one of your API keys: it stops working at once',
        params: apiKeyParamsSchema,
        response: { 200: envelopeSchema(apiKeySchema), ...writeErrors },
      },
    },
    async (request) => envelope(await account.revokeApiKey(principalOf(request).user, request.params.id)),
  );
};

export default accountRoutes;
