// The caller's own account: PUT /api/me/password, GET/POST /api/me/api-keys, DELETE …/{id}.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiKeyParamsSchema,
  apiKeySchema,
  changePasswordRequestSchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
} from '../../../contract/account';
import { envelopeSchema } from '../../../contract/envelope';
import { envelope, readErrors, writeErrors } from '../../lib/http';
import type { RateLimiter } from '../../lib/rate-limiter';
import { bodyFields } from '../audit/plugin';
import { principalOf, SESSION_COOKIE, spend } from '../auth/plugin';
import type { AccountService } from './service';

const tags = ['account'];

interface AccountRoutesOptions {
  account: AccountService;
  limiter: RateLimiter;
  /** The same limit as sign-in: the current password must not be guessable here either. */
  passwordAttemptsPerMinute: number;
}

const accountRoutes: FastifyPluginAsyncZod<AccountRoutesOptions> = async (app, opts) => {
  const { account } = opts;
  app.put(
    '/me/password',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Change your password: the current one, and a new one (at least 10 characters)',
        description: 'Your other sessions end; this one stays signed in.',
        body: changePasswordRequestSchema,
        response: { 200: envelopeSchema(z.null()), ...writeErrors },
      },
      preHandler: (request) =>
        spend(opts.limiter, `password:${principalOf(request).user.id}`, opts.passwordAttemptsPerMinute),
    },
    async (request) => {
      const principal = principalOf(request);
      const sessionToken = principal.via === 'session' ? (request.cookies[SESSION_COOKIE] ?? null) : null;
      await account.changePassword(principal.user, request.body, sessionToken);
      return envelope(null);
    },
  );

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
      config: {
        audit: {
          action: 'apikey.created',
          resource: { type: 'apikey', fromResponse: true },
          details: (request) => bodyFields(request, ['name']),
        },
      },
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
      config: { audit: { action: 'apikey.revoked', resource: { type: 'apikey', param: 'id' } } },
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
