// Part files of uploads in progress (DATA_DIR/uploads/<id>.part): the file's size is the upload offset,
// so the offset survives restarts and dropped connections, and needs no bookkeeping in memory.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpError } from '../../lib/http';

export interface ContentRange {
  start: number;
  end: number;
  /** Null for `/*` (more chunks follow, size unknown yet). */
  total: number | null;
}

const CONTENT_RANGE = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15}|\*)$/;

export function parseContentRange(header: string | undefined): ContentRange {
  const problem = (why: string) =>
    new HttpError(400, `Content-Range: ${why}; send "bytes <start>-<end>/<total or *>" (end inclusive).`);
  if (!header) throw problem('the header is required');
  const match = CONTENT_RANGE.exec(header.trim());
  if (!match) throw problem(`"${header.slice(0, 100)}" is malformed`);
  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === '*' ? null : Number(match[3]);
  if (end < start) throw problem('end is before start');
  if (total !== null && total < end + 1) throw problem('total is smaller than the range');
  return { start, end, total };
}

export function uploadStore(uploadsDir: string) {
  const partPath = (id: string) => join(uploadsDir, `${id}.part`);

  return {
    partPath,

    async create(id: string) {
      await mkdir(uploadsDir, { recursive: true });
      // 'a' creates it when missing and keeps what is there (a repeated create after a crash).
      await (await open(partPath(id), 'a')).close();
    },

    /** The upload offset: bytes on disk. Null when there is no part file. */
    async offset(id: string): Promise<number | null> {
      try {
        return (await stat(partPath(id))).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    /**
     * Streams `body` into the part file at `start`, at most `maxBytes` bytes (more → 413). Whatever
     * arrived before a dropped connection stays written. Returns the bytes written.
     */
    async write(id: string, start: number, body: Readable, maxBytes: number): Promise<number> {
      let received = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          if (received + chunk.length > maxBytes) {
            const fits = chunk.subarray(0, maxBytes - received);
            received += fits.length;
            this.push(fits);
            callback(
              new HttpError(413, `The body is larger than the ${maxBytes} bytes this chunk may hold.`),
            );
            return;
          }
          received += chunk.length;
          callback(null, chunk);
        },
      });
      // 'r+' writes at the position without truncating: resending a range rewrites the same bytes.
      try {
        await pipeline(body, limit, createWriteStream(partPath(id), { flags: 'r+', start }));
      } catch (error) {
        // A dropped connection is the normal case resumable uploads exist for, not a server error.
        if (error instanceof HttpError || !body.readableAborted) throw error;
        throw new HttpError(400, `The upload was interrupted after ${received} bytes; ask HEAD and resume.`);
      }
      return received;
    },

    /** A scratch directory for repairing `id`, unique per call (concurrent completes don't collide). */
    async workDir(id: string) {
      await mkdir(uploadsDir, { recursive: true });
      return mkdtemp(join(uploadsDir, `${id}.work-`));
    },

    async remove(id: string) {
      await rm(partPath(id), { force: true });
    },
  };
}
export type UploadStore = ReturnType<typeof uploadStore>;
