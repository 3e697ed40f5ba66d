// Uploads in progress, kept where every instance sees them: each accepted chunk is an object in the media
// storage (uploads/<recording id>/<zero-padded start>.<attempt>) and a row in recording_chunks, written
// only once the chunk's bytes are all stored. The offset is computed from the rows, never held in memory.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import { pipeline as pipelineAsync } from 'node:stream/promises';
import type { Database } from '../../db/database';
import { HttpError } from '../../lib/http';
import { isLeftBehind } from '../../lib/process';
import type { MediaStorage } from '../media/storage';
import { recordingsRepo, type UploadChunk } from './repo';

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

export interface UploadStoreDeps {
  db: Database;
  storage: MediaStorage;
  /** Local scratch space for assembling and repairing a completed upload (DATA_DIR/work). */
  workRoot: string;
}

const chunkPrefix = (id: string) => `uploads/${id}/`;

export function uploadStore({ db, storage, workRoot }: UploadStoreDeps) {
  const repo = recordingsRepo(db);

  return {
    /**
     * Streams `body` into a new chunk object, which must hold exactly `length` bytes: more → 413, fewer
     * (a dropped connection, a short body) → 400. On any failure the object is deleted again, so a
     * partially received chunk leaves nothing behind and the client resends it whole from the offset.
     * Returns the object's key; recording it in recording_chunks is the caller's step.
     */
    async storeChunk(id: string, start: number, body: Readable, length: number): Promise<string> {
      // The attempt suffix keeps two requests racing at one offset from overwriting each other's object
      // before the database decides which of them wins.
      const key = `${chunkPrefix(id)}${String(start).padStart(15, '0')}.${randomBytes(6).toString('hex')}`;
      let received = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          received += chunk.length;
          if (received > length) {
            callback(new HttpError(413, `The body is larger than the ${length} bytes this chunk may hold.`));
            return;
          }
          callback(null, chunk);
        },
      });
      // pipeline() destroys `limit` with the body's error (an aborted request), so the store's consumer
      // sees it and discards what it had.
      const source = pipeline(body, limit, () => undefined);
      try {
        await storage.putStream(key, source, 'application/octet-stream');
      } catch (error) {
        source.destroy();
        await storage.delete(key);
        // A dropped connection is the normal case resumable uploads exist for, not a server error.
        if (error instanceof HttpError || !body.readableAborted) throw error;
        throw new HttpError(
          400,
          `The upload was interrupted after ${received} bytes; the chunk was discarded. Ask HEAD and resend from there.`,
        );
      }
      if (received < length) {
        await storage.delete(key);
        throw new HttpError(
          400,
          `The body had ${received} bytes but Content-Range announced ${length}; the chunk was discarded.`,
        );
      }
      return key;
    },

    /** Streams the chunks, in order, into a new file at `path`; returns its size. */
    async assemble(chunks: UploadChunk[], path: string): Promise<number> {
      let position = 0;
      async function* bytes() {
        for (const chunk of chunks) {
          if (chunk.start !== position) {
            throw new Error(`chunk at ${chunk.start} does not follow the previous one (ends at ${position})`);
          }
          let read = 0;
          for await (const piece of await storage.read(chunk.storageKey)) {
            read += (piece as Buffer).length;
            yield piece as Buffer;
          }
          if (read !== chunk.length) {
            throw new Error(`chunk ${chunk.storageKey} has ${read} bytes, ${chunk.length} were recorded`);
          }
          position += read;
        }
      }
      await pipelineAsync(bytes, createWriteStream(path, { flags: 'wx' }));
      return position;
    },

    /**
     * A scratch directory for completing `id`, named `<pid>-<id>-…` so that one a crashed process left
     * behind can be told from one in use (`sweepScratch`).
     */
    async workDir(id: string) {
      await mkdir(workRoot, { recursive: true });
      return mkdtemp(join(workRoot, `${process.pid}-${id}-`));
    },

    /** Deletes scratch directories of processes that are gone (or older than `maxAgeMs`); returns how many. */
    async sweepScratch(maxAgeMs: number) {
      let names: string[];
      try {
        names = await readdir(workRoot);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
        throw error;
      }
      let removed = 0;
      for (const name of names) {
        const path = join(workRoot, name);
        const stats = await stat(path).catch(() => null);
        if (stats && isLeftBehind(name, stats.mtime, maxAgeMs)) {
          await rm(path, { recursive: true, force: true });
          removed++;
        }
      }
      return removed;
    },

    /** Deletes the chunk objects (and any left by a crash between storing and recording one). */
    async removeObjects(id: string) {
      await storage.deletePrefix(chunkPrefix(id));
    },

    /** Deletes the upload: its rows, then its objects. */
    async remove(id: string) {
      await repo.deleteChunks(id);
      await storage.deletePrefix(chunkPrefix(id));
    },
  };
}
export type UploadStore = ReturnType<typeof uploadStore>;
