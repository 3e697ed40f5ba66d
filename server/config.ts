// The one place the environment is read. A bad value stops the start with a message naming the variable.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import type { Role } from '../contract/auth';

const booleanFlag = z
  .enum(['0', '1', 'false', 'true'])
  .transform((value) => value === '1' || value === 'true');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional(),
  STORAGE: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: booleanFlag.default(false),
  S3_URL_MODE: z.enum(['presigned', 'direct']).default('presigned'),
  UPLOAD_MAX_AGE: z.coerce
    .number()
    .int()
    .min(60)
    .default(24 * 3600),
  UPLOAD_CLEANUP_INTERVAL: z.coerce.number().int().min(1).default(600),
  CALL_ABANDON_AFTER: z.coerce.number().int().min(1).default(600),
  MAX_RECORDING_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(20 * 1024 ** 3),
  RECORDING_WEBHOOK_URL: z.url().optional(),
  RECORDING_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  MEDIA_URL_TTL: z.coerce.number().int().min(1).max(604_800).default(3600),
  MEDIA_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  MEDIA_OFFLOAD: z.enum(['off', 'x-accel']).default('off'),
  MEDIA_OFFLOAD_PREFIX: z
    .string()
    .regex(
      /^\/([A-Za-z0-9._~-]+\/)+$/,
      'must be a URI path that starts and ends with "/", such as /_tapeline_media/',
    )
    .default('/_tapeline_media/'),
  SESSION_TTL: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 3600),
  TAPELINE_DEMO: booleanFlag.default(true),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  LOGIN_ATTEMPTS_PER_USERNAME_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  WORKERS: z.coerce.number().int().min(1).max(256).default(availableParallelism()),
  CREDENTIAL_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  TRUST_PROXY: booleanFlag.default(false),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_ROLE_CLAIM: z.string().min(1).default('groups'),
  OIDC_GROUP_MAP: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(
      z.record(
        z.string(),
        z.object({
          role: z.enum(['admin', 'qa_manager', 'trainer', 'supervisor', 'agent']).optional(),
          teams: z.array(z.string().min(1)).default([]),
        }),
      ),
    )
    .default({}),
  OIDC_BUTTON_LABEL: z.string().min(1).max(60).default('Sign in with single sign-on'),
  PASSWORD_LOGIN: booleanFlag.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Calls: the guest link's lifetime, ICE servers, and TURN credentials minted from coturn's shared secret.
  CALL_LINK_TTL: z.coerce.number().int().min(1).max(604_800).default(3600),
  CALL_HOST_GRACE: z.coerce.number().int().min(1).max(3600).default(30),
  ICE_SERVERS: z
    .string()
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON: an array of RTCIceServer objects' });
        return z.NEVER;
      }
    })
    .pipe(
      z.array(
        z.object({
          urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
          username: z.string().optional(),
          credential: z.string().optional(),
        }),
        { error: 'must be JSON: an array of RTCIceServer objects ({"urls": …})' },
      ),
    )
    .optional(),
  ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).default('all'),
  TURN_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  TURN_URLS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().regex(/^turns?:/, 'each URL must start with turn: or turns:'))
        .min(1, 'must list at least one turn: URL'),
    )
    .optional(),
  TURN_CREDENTIAL_TTL: z.coerce.number().int().min(60).max(86_400).default(3600),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  storage: 'local' | 's3';
  /** Present when storage is 's3'. Credentials come from the AWS SDK's usual chain (AWS_ACCESS_KEY_ID, …). */
  s3: {
    bucket: string;
    region: string;
    endpoint: string | undefined;
    forcePathStyle: boolean;
    urlMode: 'presigned' | 'direct';
  } | null;
  /** Uploads not completed within this many seconds are deleted by the cleanup job. */
  uploadMaxAgeSeconds: number;
  uploadCleanupIntervalSeconds: number;
  /** A call's recording whose client sent nothing for this many seconds is completed from what arrived. */
  callAbandonAfterSeconds: number;
  maxRecordingBytes: number;
  webhook: { url: string; secret: string } | null;
  mediaUrlTtlSeconds: number;
  /**
   * MEDIA_OFFLOAD=x-accel: `/media/*` checks the URL, then lets nginx in front send the bytes from its
   * internal location at `prefix` (docs/nginx.conf). null: Tapeline sends them.
   */
  mediaOffload: { mode: 'x-accel'; prefix: string } | null;
  /** From MEDIA_SIGNING_KEY, or generated once and kept under DATA_DIR (see main.ts). */
  signingSecret: string | undefined;
  sessionTtlSeconds: number;
  demo: boolean;
  rateLimitPerMinute: number;
  loginLimits: { perAddressAndUsername: number; perAddress: number; perUsername: number };
  /** Password hashes computed at once (default: half the CPUs); more wait briefly, then get 503. */
  passwordHashConcurrency: number | undefined;
  /** How long a session or API key is trusted before it is looked up again (revocation bound). */
  credentialCacheSeconds: number;
  /** Processes serving one port, with DATABASE_URL (PGlite is one process's database). */
  workers: number;
  trustProxy: boolean;
  logLevel: string;
  /** Secure cookies when the public URL is https. */
  secureCookies: boolean;
  calls: CallsConfig;
  /** OpenID Connect sign-in, when OIDC_ISSUER and OIDC_CLIENT_ID are set (docs/decisions/014). */
  oidc: OidcConfig | null;
  /** PASSWORD_LOGIN=0: only single sign-on; the login page shows only its button. */
  passwordLogin: boolean;
}

export interface CallsConfig {
  /** How long a guest link may be used to join (CALL_LINK_TTL, seconds). */
  linkTtlSeconds: number;
  /** How long a host may be gone from signalling (a crashed tab) before the call ends. */
  hostGraceSeconds: number;
  /** ICE_SERVERS as given (STUN, or TURN with static credentials). */
  iceServers: { urls: string | string[]; username?: string; credential?: string }[];
  iceTransportPolicy: 'all' | 'relay';
  /** coturn `use-auth-secret`: TURN credentials minted per call, valid for `ttlSeconds`. */
  turn: { secret: string; urls: string[]; ttlSeconds: number } | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** The ID token claim that carries the person's groups (a string or a list of strings). */
  roleClaim: string;
  /** Group → role and team names; a group named like a role (e.g. `qa_manager`) gives that role too. */
  groupMap: Record<string, { role?: Role; teams: string[] }>;
  buttonLabel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset, as a shell user expects from `FOO= npm start`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  if (e.STORAGE === 's3' && !e.S3_BUCKET) {
    throw new ConfigError('Invalid configuration:\n  S3_BUCKET: required when STORAGE=s3');
  }
  if (e.RECORDING_WEBHOOK_URL && !e.RECORDING_WEBHOOK_SECRET) {
    throw new ConfigError(
      'Invalid configuration:\n  RECORDING_WEBHOOK_SECRET: required with RECORDING_WEBHOOK_URL',
    );
  }
  if (e.MEDIA_OFFLOAD !== 'off' && e.STORAGE !== 'local') {
    throw new ConfigError(
      'Invalid configuration:\n  MEDIA_OFFLOAD: only for STORAGE=local (with S3, media never passes through Tapeline)',
    );
  }
  if (e.TURN_SECRET && !e.TURN_URLS) {
    throw new ConfigError('Invalid configuration:\n  TURN_URLS: required with TURN_SECRET');
  }
  if (e.TURN_URLS && !e.TURN_SECRET) {
    throw new ConfigError('Invalid configuration:\n  TURN_SECRET: required with TURN_URLS');
  }
  if (e.OIDC_ISSUER && !e.OIDC_CLIENT_ID) {
    throw new ConfigError('Invalid configuration:\n  OIDC_CLIENT_ID: required with OIDC_ISSUER');
  }
  if (!e.PASSWORD_LOGIN && !e.OIDC_ISSUER) {
    throw new ConfigError(
      'Invalid configuration:\n  PASSWORD_LOGIN: 0 needs single sign-on (OIDC_ISSUER), or nobody could sign in',
    );
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    storage: e.STORAGE,
    s3:
      e.STORAGE === 's3' && e.S3_BUCKET
        ? {
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            urlMode: e.S3_URL_MODE,
          }
        : null,
    uploadMaxAgeSeconds: e.UPLOAD_MAX_AGE,
    uploadCleanupIntervalSeconds: e.UPLOAD_CLEANUP_INTERVAL,
    callAbandonAfterSeconds: e.CALL_ABANDON_AFTER,
    maxRecordingBytes: e.MAX_RECORDING_BYTES,
    webhook:
      e.RECORDING_WEBHOOK_URL && e.RECORDING_WEBHOOK_SECRET
        ? { url: e.RECORDING_WEBHOOK_URL, secret: e.RECORDING_WEBHOOK_SECRET }
        : null,
    mediaUrlTtlSeconds: e.MEDIA_URL_TTL,
    mediaOffload: e.MEDIA_OFFLOAD === 'x-accel' ? { mode: 'x-accel', prefix: e.MEDIA_OFFLOAD_PREFIX } : null,
    signingSecret: e.MEDIA_SIGNING_KEY,
    sessionTtlSeconds: e.SESSION_TTL,
    demo: e.TAPELINE_DEMO,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginLimits: {
      perAddressAndUsername: e.LOGIN_ATTEMPTS_PER_MINUTE,
      perAddress: e.LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
      perUsername: e.LOGIN_ATTEMPTS_PER_USERNAME_PER_MINUTE,
    },
    passwordHashConcurrency: e.PASSWORD_HASH_CONCURRENCY,
    credentialCacheSeconds: e.CREDENTIAL_CACHE_SECONDS,
    workers: e.WORKERS,
    trustProxy: e.TRUST_PROXY,
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            roleClaim: e.OIDC_ROLE_CLAIM,
            groupMap: e.OIDC_GROUP_MAP,
            buttonLabel: e.OIDC_BUTTON_LABEL,
          }
        : null,
    passwordLogin: e.PASSWORD_LOGIN,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https://'),
    calls: {
      linkTtlSeconds: e.CALL_LINK_TTL,
      hostGraceSeconds: e.CALL_HOST_GRACE,
      iceServers: e.ICE_SERVERS ?? [],
      iceTransportPolicy: e.ICE_TRANSPORT_POLICY,
      turn:
        e.TURN_SECRET && e.TURN_URLS
          ? { secret: e.TURN_SECRET, urls: e.TURN_URLS, ttlSeconds: e.TURN_CREDENTIAL_TTL }
          : null,
    },
  };
}
