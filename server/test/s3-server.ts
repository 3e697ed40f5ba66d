// A local S3 for tests: s3rver on 127.0.0.1, with AWS Signature V4 checked on every signed request.
// s3rver 3.7 checks the access key id and expiry but not V4 signatures (its authentication middleware
// accepts any), so a test of "an altered presigned URL is refused" needs the check added here. The
// verifier is written from the SigV4 specification, not with the SDK's signer, so it tests the SDK.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** s3rver's built-in account. */
export const S3_TEST_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const S3_TEST_REGION = 'us-east-1';

interface KoaContext {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  status: number;
  type: string;
  body: unknown;
}
type KoaMiddleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

/** The part of s3rver's (untyped) API used here. */
interface S3rverInstance {
  middleware: KoaMiddleware[];
  httpServer?: Server;
  run(): Promise<{ address: string; port: number }>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  port: number;
  address: string;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

const require = createRequire(import.meta.url);

export interface S3TestServer {
  /** e.g. `http://127.0.0.1:41234`; use with path-style addressing. */
  endpoint: string;
  stop(): Promise<void>;
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');
const hmac = (key: Buffer | string, value: string) => createHmac('sha256', key).update(value).digest();

/**
 * Why a request's V4 signature is wrong, or null when it is right (or the request is anonymous, or
 * signed in a way s3rver checks itself). Covers header-signed SDK calls and presigned query URLs.
 */
export function sigV4Problem(
  method: string,
  rawUrl: string,
  headers: Record<string, string | string[] | undefined>,
  secrets: Record<string, string>,
): string | null {
  const url = new URL(rawUrl, 'http://placeholder');
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(',') : (value ?? '');
  };
  const authorization = header('authorization');
  let credential: string, signedHeaders: string, signature: string, amzDate: string, payloadHash: string;
  let queryPairs = [...url.searchParams.entries()];
  if (url.searchParams.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    credential = url.searchParams.get('X-Amz-Credential') ?? '';
    signedHeaders = url.searchParams.get('X-Amz-SignedHeaders') ?? '';
    signature = url.searchParams.get('X-Amz-Signature') ?? '';
    amzDate = url.searchParams.get('X-Amz-Date') ?? '';
    payloadHash = url.searchParams.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
    queryPairs = queryPairs.filter(([name]) => name !== 'X-Amz-Signature');
  } else if (authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    const fields = Object.fromEntries(
      authorization
        .slice('AWS4-HMAC-SHA256 '.length)
        .split(',')
        .map((part) => part.trim().split('=') as [string, string]),
    );
    credential = fields.Credential ?? '';
    signedHeaders = fields.SignedHeaders ?? '';
    signature = fields.Signature ?? '';
    amzDate = header('x-amz-date');
    payloadHash = header('x-amz-content-sha256');
  } else {
    return null;
  }

  const [accessKeyId, date, region, service, terminator] = credential.split('/');
  const secret = accessKeyId === undefined ? undefined : secrets[accessKeyId];
  if (!secret || !date || !region || !service || terminator !== 'aws4_request') return 'bad credential';

  const canonicalPath = url.pathname
    .split('/')
    .map((segment) => rfc3986(decodeURIComponent(segment)))
    .join('/');
  const canonicalQuery = queryPairs
    .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const canonicalHeaders = signedHeaders
    .split(';')
    .map((name) => `${name}:${header(name).trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    method,
    canonicalPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  const expected = Buffer.from(createHmac('sha256', signingKey).update(stringToSign).digest('hex'));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? null : 'signature mismatch';
}

/** Starts s3rver with `buckets` created, data in a temp dir removed on stop. */
export async function startS3Server(buckets: string[] = []): Promise<S3TestServer> {
  const S3rver = require('s3rver') as S3rverConstructor;
  const directory = await mkdtemp(join(tmpdir(), 'tapeline-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const secrets = { [S3_TEST_CREDENTIALS.accessKeyId]: S3_TEST_CREDENTIALS.secretAccessKey };
  // First in the chain (Koa composes the array when the server starts), so nothing runs unverified.
  server.middleware.unshift(async (ctx, next) => {
    const problem = sigV4Problem(ctx.method, ctx.url, ctx.headers, secrets);
    if (problem) {
      ctx.status = 403;
      ctx.type = 'application/xml';
      ctx.body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code>' +
        `<Message>${problem}</Message></Error>`;
      return;
    }
    await next();
  });
  const { address, port } = await server.run();
  return {
    endpoint: `http://${address}:${port}`,
    async stop() {
      // Keep-alive sockets from SDK clients would otherwise hold close() open.
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** Creates an empty bucket with a fresh name, so test files never share objects. */
export async function createTestBucket(endpoint: string): Promise<string> {
  const bucket = `test-${randomBytes(6).toString('hex')}`;
  const client = new S3Client({
    region: S3_TEST_REGION,
    endpoint,
    forcePathStyle: true,
    credentials: S3_TEST_CREDENTIALS,
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } finally {
    client.destroy();
  }
  return bucket;
}
