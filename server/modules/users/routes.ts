// /api/users and /api/teams (administrators), and the two one-time links: /api/setup (the first
// administrator) and /api/set-password; both sign the person in.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sessionSchema } from '../../../contract/auth';
import { envelopeSchema, errorEnvelopeSchema } from '../../../contract/envelope';
import {
  createApiKeyRequestSchema,
  createdApiKeySchema,
  createTeamRequestSchema,
  createUserRequestSchema,
  createdUserSchema,
  setPasswordRequestSchema,
  setupRequestSchema,
  teamSchema,
  updateUserRequestSchema,
  userIdParamsSchema,
  userSchema,
} from '../../../contract/users';
import { envelope, HttpError, readErrors, writeErrors } from '../../lib/http';
import { bodyFields } from '../audit/plugin';
import { principalOf, setSessionCookie } from '../auth/plugin';
import type { AuthService } from '../auth/service';
import type { UsersService } from './service';

interface UsersRoutesOptions {
  users: UsersService;
  auth: AuthService;
  sessionTtlSeconds: number;
  secureCookies: boolean;
}

const tags = ['users and teams'];

/** What a change to a user asked for, kept in its audit entry. */
const USER_FIELDS = ['role', 'teams', 'active', 'firstName', 'lastName'] as const;

const usersRoutes: FastifyPluginAsyncZod<UsersRoutesOptions> = async (app, opts) => {
  const { users, auth } = opts;

  app.get(
    '/users',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Every user, with their role, teams and whether they are active (admins)',
        response: { 200: envelopeSchema(z.array(userSchema)), ...readErrors, 403: errorEnvelopeSchema },
      },
    },
    async (request) => envelope(await users.list(principalOf(request).user)),
  );

  app.post(
    '/users',
    {
      onRequest: app.authenticate,
      config: {
        audit: {
          action: 'user.created',
          resource: { type: 'user', fromResponse: true },
          details: (request) => bodyFields(request, ['username', ...USER_FIELDS]),
        },
      },
      schema: {
        tags,
        summary: 'Create a user (admins); answers a one-time link for them to set their password',
        description:
          '`teams` holds team ids. The user has no password until they open `setPasswordUrl` ' +
          '(`/set-password/<token>`, one use, valid for 7 days).',
        body: createUserRequestSchema,
        response: { 201: envelopeSchema(createdUserSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return envelope(await users.create(principalOf(request).user, request.body), 201);
    },
  );

  app.patch(
    '/users/:id',
    {
      onRequest: app.authenticate,
      config: {
        audit: {
          action: (_status, request) =>
            bodyFields(request, ['active']).active === false ? 'user.deactivated' : 'user.updated',
          resource: { type: 'user', param: 'id' },
          details: (request) => bodyFields(request, USER_FIELDS),
        },
      },
      schema: {
        tags,
        summary: 'Change a user’s names, role or teams, or deactivate them (admins)',
        description:
          '`active: false` ends the user’s sessions and API keys at once; they cannot sign in until ' +
          'reactivated (their old keys stay revoked). The last active administrator cannot be demoted ' +
          'or deactivated (409).',
        params: userIdParamsSchema,
        body: updateUserRequestSchema,
        response: { 200: envelopeSchema(userSchema), ...writeErrors },
      },
    },
    async (request) =>
      envelope(await users.update(principalOf(request).user, request.params.id, request.body)),
  );

  app.post(
    '/users/:id/api-keys',
    {
      onRequest: app.authenticate,
      config: {
        audit: {
          action: 'apikey.created',
          resource: { type: 'apikey', fromResponse: true },
          // The key acts as this user; the entry's actor is the administrator who made it.
          details: (request) => ({
            user: (request.params as { id?: string }).id,
            ...bodyFields(request, ['name']),
          }),
        },
      },
      schema: {
        tags,
        summary: 'Create an API key that acts as the user (admins); the key is shown once',
        params: userIdParamsSchema,
        body: createApiKeyRequestSchema,
        response: { 201: envelopeSchema(createdApiKeySchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      const key = await users.createApiKey(principalOf(request).user, request.params.id, request.body.name);
      return envelope(key, 201);
    },
  );

  app.get(
    '/teams',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        summary: 'Every team (admins)',
        response: { 200: envelopeSchema(z.array(teamSchema)), ...readErrors, 403: errorEnvelopeSchema },
      },
    },
    async (request) => envelope(await users.listTeams(principalOf(request).user)),
  );

  app.post(
    '/teams',
    {
      onRequest: app.authenticate,
      config: {
        audit: {
          action: 'team.created',
          resource: { type: 'team', fromResponse: true },
          details: (request) => bodyFields(request, ['name']),
        },
      },
      schema: {
        tags,
        summary: 'Create a team (admins)',
        body: createTeamRequestSchema,
        response: { 201: envelopeSchema(teamSchema), ...writeErrors },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return envelope(await users.createTeam(principalOf(request).user, request.body.name), 201);
    },
  );

  /** Signs in the person who just chose their password, as POST /api/auth/login would. */
  async function signInAfterLink(
    reply: Parameters<typeof setSessionCookie>[0],
    username: string,
    password: string,
  ) {
    const signedIn = await auth.signIn(username, password);
    if (!signedIn) throw new HttpError(404, 'token: this link no longer works; ask an administrator.');
    setSessionCookie(reply, signedIn.token, opts);
    return envelope(signedIn.principal);
  }

  const linkErrors = {
    400: errorEnvelopeSchema,
    404: errorEnvelopeSchema,
    409: errorEnvelopeSchema,
    429: errorEnvelopeSchema,
  };

  app.post(
    '/setup',
    {
      schema: {
        tags,
        summary: 'Create the first administrator with the setup link printed at start; signs them in',
        description:
          'The token is the last part of the `/setup/<token>` link the server prints when the database ' +
          'has no administrator. One use; a restart replaces it; refused (409) once there is an administrator.',
        body: setupRequestSchema,
        response: { 200: envelopeSchema(sessionSchema), ...linkErrors },
      },
    },
    async (request, reply) => signInAfterLink(reply, await users.setup(request.body), request.body.password),
  );

  app.post(
    '/set-password',
    {
      schema: {
        tags,
        summary: 'Set one’s password with a one-time set-password link; signs in',
        body: setPasswordRequestSchema,
        response: { 200: envelopeSchema(sessionSchema), ...linkErrors },
      },
    },
    async (request, reply) =>
      signInAfterLink(reply, await users.setPassword(request.body), request.body.password),
  );
};

export default usersRoutes;
