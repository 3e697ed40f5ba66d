// buildApp(deps): the whole HTTP application, without listen(), so tests drive it with inject().
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/database';
import { databaseJobs } from './db/maintenance';
import { startJobs } from './lib/jobs';
import { HttpError, sendError } from './lib/http';
import { acceptableRequestId, redactUrl } from './lib/redact';
import auditing from './modules/audit/plugin';
import authentication from './modules/auth/plugin';
import { buildModules } from './modules';
import type { MediaStorage } from './modules/media/storage';

export interface AppDeps {
  config: Config;
  db: Database;
  storage: MediaStorage;
  /** Signs media URLs and paging cursors; shared by every instance. */
  signingSecret: string;
  /** Where the built SPA is; omitted in API-only tests. */
  webRoot?: string;
  /** Where logs go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
  /** This process's operator token, which the CLI on this machine presents (lib/operator-credential.ts). */
  operatorToken?: string;
}

export async function buildApp(deps: AppDeps) {
  const { config, db, storage, signingSecret, webRoot, logStream, operatorToken } = deps;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      serializers: {
        // The default request serializer logs the whole URL: signed media URLs and one-time links would
        // put their secrets in the access log.
        req: (request) => ({
          method: request.method,
          url: redactUrl(request.url),
          host: request.host,
          remoteAddress: request.ip,
        }),
      },
    },
    trustProxy: config.trustProxy,
    // A client's request id is kept only if it is a short plain token; anything else gets our own.
    genReqId: (request) => acceptableRequestId(request.headers['x-request-id']) ?? randomUUID(),
    requestIdHeader: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpError) {
      reply.headers(error.headers);
      return sendError(reply, error.statusCode, error.description);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const field = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') || error.validationContext;
      return sendError(reply, 400, `${field}: ${issue?.message ?? 'is invalid'}`);
    }
    if (error.statusCode === 429) {
      return sendError(reply, 429, `Too many requests. ${error.message}`);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors: unparseable JSON, wrong content type, body too large.
      return sendError(reply, error.statusCode, error.message);
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(reply, 500, `Something went wrong on our side. Quote request id ${request.id}.`);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:', 'https:', 'http:'],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', 'http:'],
        // video.js and Swagger UI set inline styles.
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'", 'https:', 'http:'],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);

  const modules = buildModules({ config, db, storage, signingSecret, log: app.log });
  await app.register(authentication, {
    auth: modules.auth.service,
    limiter: modules.auth.limiter,
    requestsPerMinute: config.rateLimitPerMinute,
    operatorToken,
  });
  // Routes that declare `config.audit` leave one audit entry per request (modules/audit/plugin.ts).
  await app.register(auditing, { trail: modules.audit.trail });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Tapeline API',
        description: 'CommBox-compatible Activities API for WebRTC call recordings.',
        version: '1.0.0',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'tapeline_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  // Every module's background jobs, and the database's own, run while the app is ready and stop before it
  // closes.
  let stopJobs: () => Promise<void> = async () => undefined;
  app.addHook('onReady', async () => {
    stopJobs = startJobs([
      ...Object.values(modules).flatMap((module) => ('jobs' in module ? module.jobs : [])),
      ...databaseJobs(db, app.log),
    ]);
  });
  app.addHook('onClose', () => stopJobs());

  await app.register(
    async (api) => {
      api.addHook('onRequest', app.identify);
      for (const module of Object.values(modules)) {
        if (!('atRoot' in module)) await module.routes(api);
      }
      api.setNotFoundHandler((request, reply) =>
        sendError(reply, 404, `There is no API route ${request.method} ${request.url.split('?')[0]}.`),
      );
    },
    { prefix: '/api' },
  );

  for (const module of Object.values(modules)) {
    if ('atRoot' in module) await module.routes(app);
  }

  if (webRoot && existsSync(join(webRoot, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Vite puts a content hash in every asset name, so a browser may keep them for good;
      // index.html is revalidated so a new build is picked up at once.
      setHeaders: (reply, path) => {
        reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  // The SPA owns every other GET path (client-side routes). Fastify's own handler would log the path,
  // and one-time links carry their token in it.
  const serveSpa = Boolean(webRoot && existsSync(join(webRoot, 'index.html')));
  app.setNotFoundHandler((request, reply) => {
    if (serveSpa && request.method === 'GET' && request.headers.accept?.includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, 404, 'Not found.');
  });
  return app;
}
