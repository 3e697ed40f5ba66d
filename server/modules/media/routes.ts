// GET|HEAD /media/<key>?exp=&sig= — plays locally stored recordings through signed, expiring URLs.
//
// Byte ranges, ETag, Last-Modified, conditional requests, 416 and HEAD come from @fastify/send (what
// @fastify/static uses), which streams from disk in fixed chunks. Its behaviour, kept as is:
// - one range → 206; overlapping ranges are merged into one; disjoint ranges get the whole file with
//   200 (no multipart/byteranges: players never ask for it);
// - the ETag is weak (`W/"<size>-<mtime>"`); If-None-Match → 304; If-Range with that ETag or the
//   Last-Modified date gives the range, anything else the whole file.
// Refusals, each with a short text/plain body and `Cache-Control: no-store`:
// - 404 not a storage key (STORAGE_KEY_PATTERN after the router's one decoding: no `..`, leading `/`,
//   `\`, `%` or NUL, so nothing outside mediaDir can be named), a folder, or no such file;
// - 403 `exp`/`sig` missing or malformed, a wrong signature, or an expired URL (checked before the
//   disk is touched: without a valid URL nobody learns whether a file exists);
// - 416 unsatisfiable range with `Content-Range: bytes */<size>`; 412 failed If-Match/If-Unmodified-Since;
// - 400 from Fastify's router itself for malformed percent-encoding (`%zz`): the route never runs.
// Symlinks inside mediaDir are followed: Tapeline never writes one, an operator may (another disk).
import { resolve } from 'node:path';
import { send } from '@fastify/send';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { MEDIA_SIGNATURE_LENGTH, nowUnix, verifyMediaSignature } from './signing';
import { STORAGE_KEY_PATTERN, contentTypeForKey } from './storage';

export interface MediaRoutesOptions {
  mediaDir: string;
  signingSecret: string;
}

interface MediaRequest {
  Params: { '*': string };
  Querystring: Record<string, string | string[] | undefined>;
}

const READ_CHUNK_BYTES = 64 * 1024;
const EXP_PATTERN = /^\d{1,15}$/;
const SIG_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${MEDIA_SIGNATURE_LENGTH}}$`);

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Not found',
  412: 'Precondition failed',
  416: 'Range not satisfiable',
  500: 'Internal server error',
};

function replyError(reply: FastifyReply, statusCode: number, detail?: string) {
  const text = STATUS_TEXT[statusCode] ?? 'Error';
  return reply
    .code(statusCode)
    .header('Cache-Control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send(detail ? `${text}: ${detail}\n` : `${text}\n`);
}

export default async function mediaRoutes(app: FastifyInstance, opts: MediaRoutesOptions): Promise<void> {
  const mediaDir = resolve(opts.mediaDir);
  const { signingSecret } = opts;
  if (!signingSecret) throw new Error('mediaRoutes: signingSecret is empty');

  app.route<MediaRequest>({
    method: ['GET', 'HEAD'],
    url: '/media/*',
    handler: async (request, reply) => {
      // Media is fetched by <video> elements of a SPA that may live on another origin (or a CommBox
      // page): helmet's default `same-origin` would block it. The URL itself is the capability (signed,
      // expiring), so `cross-origin` exposes nothing the URL holder could not fetch anyway.
      reply.header('Cross-Origin-Resource-Policy', 'cross-origin');

      // The router has decoded the path once; a key is checked exactly as decoded, never decoded again.
      const key = request.params['*'];
      if (!STORAGE_KEY_PATTERN.test(key)) return replyError(reply, 404);

      const { exp, sig } = request.query;
      if (
        typeof exp !== 'string' ||
        !EXP_PATTERN.test(exp) ||
        typeof sig !== 'string' ||
        !SIG_PATTERN.test(sig)
      ) {
        return replyError(reply, 403, 'missing or malformed media URL signature');
      }
      const expiresAt = Number(exp);
      const now = nowUnix();
      const check = verifyMediaSignature(key, expiresAt, sig, signingSecret, now);
      if (check === 'expired') return replyError(reply, 403, 'media URL expired');
      if (check !== 'ok') return replyError(reply, 403, 'invalid media URL signature');

      const result = await send(request.raw, `/${key}`, {
        root: mediaDir,
        index: false,
        extensions: false,
        dotfiles: 'deny',
        // Set below: the type from the key (as storage does), the cache lifetime from the URL.
        contentType: false,
        cacheControl: false,
        // send passes `highWaterMark: null` when unset, and Node 20's fs.ReadStream applies its 64 KiB
        // default only for `undefined`: reads then fall to 16 KiB and throughput drops ~2x (bench/).
        highWaterMark: READ_CHUNK_BYTES,
      });

      if (result.type !== 'file') {
        result.stream.destroy();
        if (result.type === 'directory') return replyError(reply, 404);
        const { statusCode } = result;
        if (statusCode >= 500) {
          request.log.error({ err: result.metadata.error, key }, 'media file could not be read');
          return replyError(reply, 500);
        }
        const contentRange = result.headers['Content-Range'];
        if (contentRange) reply.header('Content-Range', contentRange);
        return replyError(reply, statusCode);
      }

      reply.code(result.statusCode).headers(result.headers);
      reply.header('Cache-Control', `private, max-age=${Math.max(0, expiresAt - now)}`);
      if (result.statusCode !== 304) reply.header('Content-Type', contentTypeForKey(key));
      return reply.send(result.stream);
    },
  });
}
