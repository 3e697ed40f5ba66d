// buildApp(deps): the whole HTTP application, without listen(), so tests drive it with inject().
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyError } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
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
import { HttpError, sendError } from './lib/http';
import { cursorCodec } from './lib/signed-cursor';
import authentication from './modules/auth/plugin';
import { authRepo } from './modules/auth/repo';
import { authService } from './modules/auth/service';
import { databaseRateLimitStore } from './modules/auth/rate-limit-store';
import authRoutes from './modules/auth/routes';
import { activitiesRepo } from './modules/activities/repo';
import { activitiesService } from './modules/activities/service';
import activitiesRoutes from './modules/activities/routes';
import qaRoutes from './modules/qa/routes';
import mediaRoutes from './modules/media/routes';
import type { MediaStorage } from './modules/media/storage';
import { startUploadCleanup } from './modules/recordings/cleanup';
import recordingsRoutes from './modules/recordings/routes';
import { recordingsService } from './modules/recordings/service';
import { uploadStore } from './modules/recordings/uploads';
import { webhookOutbox } from './modules/recordings/webhook';

export interface AppDeps {
  config: Config;
  db: Database;
  storage: MediaStorage;
  /** Signs media URLs and paging cursors; shared by every instance. */
  signingSecret: string;
  /** Where the built SPA is; omitted in API-only tests. */
  webRoot?: string;
}

export async function buildApp({ config, db, storage, signingSecret, webRoot }: AppDeps) {
  const app = Fastify({
    logger: { level: config.logLevel },
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,100}$/.test(given) ? given : randomUUID();
    },
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

  const auth = authService(authRepo(db), { sessionTtlSeconds: config.sessionTtlSeconds });
  await app.register(authentication, { auth });

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

  const uploads = uploadStore({ db, storage, workRoot: join(config.dataDir, 'work') });
  const webhook = config.webhook ? webhookOutbox({ ...config.webhook, db, storage, log: app.log }) : null;
  const recordings = recordingsService({
    db,
    storage,
    uploads,
    publicUrl: config.publicUrl,
    maxRecordingBytes: config.maxRecordingBytes,
    webhook,
  });
  const cleanup = { db, uploads, maxAgeSeconds: config.uploadMaxAgeSeconds, log: app.log };
  let stopCleanup = () => {};
  app.addHook('onReady', async () => {
    stopCleanup = startUploadCleanup(cleanup, config.uploadCleanupIntervalSeconds);
    webhook?.start();
  });
  app.addHook('onClose', async () => {
    stopCleanup();
    await webhook?.close();
  });

  await app.register(
    async (api) => {
      await api.register(rateLimit, {
        max: config.rateLimitPerMinute,
        timeWindow: 60_000,
        store: databaseRateLimitStore(authRepo(db)),
        // Per credential when one is sent, else per address.
        keyGenerator: (request) =>
          request.headers.authorization ?? request.cookies.tapeline_session ?? request.ip,
        errorResponseBuilder: (_request, context) =>
          new HttpError(429, `Too many requests; retry in ${context.after}.`, {
            'retry-after': String(Math.ceil(context.ttl / 1000)),
          }),
      });
      await api.register(authRoutes, {
        auth,
        sessionTtlSeconds: config.sessionTtlSeconds,
        secureCookies: config.secureCookies,
        loginAttemptsPerMinute: config.loginAttemptsPerMinute,
      });
      await api.register(activitiesRoutes, {
        activities: activitiesService({
          repo: activitiesRepo(db),
          storage,
          cursors: cursorCodec(signingSecret),
        }),
      });
      await api.register(qaRoutes, { db });
      await api.register(recordingsRoutes, { recordings });
      api.setNotFoundHandler((request, reply) =>
        sendError(reply, 404, `There is no API route ${request.method} ${request.url.split('?')[0]}.`),
      );
    },
    { prefix: '/api' },
  );

  if (storage.kind === 'local') {
    await app.register(mediaRoutes, {
      mediaDir: join(config.dataDir, 'media'),
      signingSecret,
      offload: config.mediaOffload,
    });
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
    // The SPA owns every other GET path (client-side routes).
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && request.headers.accept?.includes('text/html')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return sendError(reply, 404, 'Not found.');
    });
  }
  return app;
}
