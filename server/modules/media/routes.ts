// GET|HEAD /media/<key>?exp=&sig= — plays locally stored recordings through signed, expiring URLs.
//
// The answer (validators, preconditions, ranges, 206/304/412/416, HEAD) is decided by file-response.ts
// and the bytes are streamed by file-body.ts, from one descriptor opened per request (its fstat gives
// the size and validators, so a file replaced meanwhile cannot mix two versions). Behaviour:
// - one range → 206; overlapping ranges are merged into one; disjoint ranges get the whole file with
//   200 (no multipart/byteranges: players never ask for it); an invalid Range header is ignored (200);
// - the ETag is strong; If-None-Match → 304; If-Range with that ETag or the Last-Modified date gives
//   the range, anything else the whole file.
// With `offload` (MEDIA_OFFLOAD=x-accel, nginx in front) the route checks the URL exactly as below and
// answers with an empty body and `X-Accel-Redirect: <prefix><key>`: nginx sends the bytes itself from
// an internal location (docs/nginx.conf), with its own ranges and validators.
// Refusals, each with a short text/plain body and `Cache-Control: no-store`:
// - 404 not a storage key (STORAGE_KEY_PATTERN after the router's one decoding: no `..`, leading `/`,
//   `\`, `%` or NUL, so nothing outside mediaDir can be named), a folder, or no such file;
// - 403 `exp`/`sig` missing or malformed (`exp` must be written as issued: digits, no leading zero), a
//   wrong signature, or an expired URL (checked before the disk is touched: without a valid URL nobody
//   learns whether a file exists);
// - 416 unsatisfiable range with `Content-Range: bytes */<size>`; 412 failed If-Match/If-Unmodified-Since;
// - 400 from Fastify's router itself for malformed percent-encoding (`%zz`): the route never runs.
// Symlinks inside mediaDir are followed: Tapeline never writes one, an operator may (another disk).
import { open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PLAY_SESSION_PATTERN } from '../../../contract/audit';
import { FileBody } from './file-body';
import { answerFileRequest, fileValidators } from './file-response';
import { MEDIA_SIGNATURE_LENGTH, nowUnix, verifyMediaSignature } from './signing';
import { STORAGE_KEY_PATTERN, contentTypeForKey } from './storage';

export interface MediaRoutesOptions {
  mediaDir: string;
  signingSecret: string;
  /** Let nginx send the bytes (X-Accel-Redirect to `prefix` + key); null: Tapeline sends them. */
  offload?: { mode: 'x-accel'; prefix: string } | null;
  /**
   * Told of every GET through a valid URL, with the player session it belongs to: the `play` query
   * parameter the SPA adds (one per player), else the URL's signature. Must return at once (modules/plays).
   */
  onPlay?: (request: FastifyRequest, key: string, playSession: string) => void;
}

interface MediaRequest {
  Params: { '*': string };
  Querystring: Record<string, string | string[] | undefined>;
}

/** Unix seconds as signed: a leading zero would be a second spelling of the same URL. */
const EXP_PATTERN = /^(0|[1-9]\d{0,14})$/;
const SIG_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${MEDIA_SIGNATURE_LENGTH}}$`);
/** open() errors that mean "no such file here", as opposed to a server fault. */
const NOT_FOUND_CODES = new Set(['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'EISDIR', 'ELOOP']);

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
  const { signingSecret, offload = null, onPlay } = opts;
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
      const cacheControl = `private, max-age=${Math.max(0, expiresAt - now)}`;
      if (onPlay && request.method === 'GET') {
        const { play } = request.query;
        onPlay(request, key, typeof play === 'string' && PLAY_SESSION_PATTERN.test(play) ? play : sig);
      }

      if (offload) {
        // nginx keeps Content-Type and Cache-Control from this answer and drops its body.
        return reply
          .header('Cache-Control', cacheControl)
          .header('Content-Type', contentTypeForKey(key))
          .header('X-Accel-Redirect', `${offload.prefix}${key}`)
          .send();
      }

      let file;
      try {
        file = await open(join(mediaDir, ...key.split('/')), 'r');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (NOT_FOUND_CODES.has(code)) return replyError(reply, 404);
        request.log.error({ err: error, key }, 'media file could not be opened');
        return replyError(reply, 500);
      }
      let body: FileBody | null = null;
      try {
        const stat = await file.stat({ bigint: true });
        if (!stat.isFile()) return replyError(reply, 404);
        const answer = answerFileRequest(request.raw, fileValidators(stat));
        if (answer.status === 412 || answer.status === 416) {
          if (answer.status === 416) reply.headers(answer.headers);
          return replyError(reply, answer.status);
        }
        reply.code(answer.status).headers(answer.headers).header('Cache-Control', cacheControl);
        if (answer.status === 304) return reply.send();
        reply.header('Content-Type', contentTypeForKey(key));
        if (request.method === 'HEAD') return reply.send();
        body = new FileBody(file, answer.start, answer.end);
        return reply.send(body);
      } catch (error) {
        request.log.error({ err: error, key }, 'media file could not be read');
        return replyError(reply, 500);
      } finally {
        // From here on the body owns the file and closes it when the response ends.
        if (!body) await file.close();
      }
    },
  });
}
