// The one place the environment is read. A bad value stops the start with a message naming the variable.
import { z } from 'zod';

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
  STORAGE: z.enum(['local']).default('local'),
  MEDIA_URL_TTL: z.coerce.number().int().min(1).max(604_800).default(3600),
  MEDIA_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_TTL: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 3600),
  TAPELINE_DEMO: booleanFlag.default(true),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  TRUST_PROXY: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  storage: 'local';
  mediaUrlTtlSeconds: number;
  /** From MEDIA_SIGNING_KEY, or generated once and kept under DATA_DIR (see main.ts). */
  signingSecret: string | undefined;
  sessionTtlSeconds: number;
  demo: boolean;
  rateLimitPerMinute: number;
  loginAttemptsPerMinute: number;
  trustProxy: boolean;
  logLevel: string;
  /** Secure cookies when the public URL is https. */
  secureCookies: boolean;
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
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    storage: e.STORAGE,
    mediaUrlTtlSeconds: e.MEDIA_URL_TTL,
    signingSecret: e.MEDIA_SIGNING_KEY,
    sessionTtlSeconds: e.SESSION_TTL,
    demo: e.TAPELINE_DEMO,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    loginAttemptsPerMinute: e.LOGIN_ATTEMPTS_PER_MINUTE,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https://'),
  };
}
