// Completing a recording whose bytes have all arrived: assemble the chunks, repair (seekable), store, and
// create its one activity — once, however many completes arrive on however many instances. One holds the
// recording's completion lease and does the work; the others wait for its outcome.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from '../../db/database';
import { HttpError } from '../../lib/http';
import { isRunning } from '../../lib/process';
import { MediaParseError } from '../media/probe';
import { repairMedia } from '../media/repair';
import type { MediaStorage } from '../media/storage';
import { recordingsRepo, type RecordingRow } from './repo';
import type { UploadStore } from './uploads';
import type { WebhookOutbox } from './webhook';

export interface CompletionDeps {
  db: Database;
  storage: MediaStorage;
  uploads: UploadStore;
  webhook: WebhookOutbox | null;
  /** How long a completion lease lasts; the holder renews it while it works. */
  leaseSeconds?: number;
  /** How often a complete waiting on another instance's lease looks again. */
  pollMs?: number;
}

/** 409 for a recording that is no longer open, saying why. */
export function notOpen(row: { status: string; failure_reason: string | null }, id: string, doing: string) {
  return new HttpError(
    409,
    row.status === 'completed'
      ? `Recording ${id} is already completed; it cannot ${doing}.`
      : `Recording ${id} has failed (${row.failure_reason ?? 'no reason given'}); it cannot ${doing}.`,
  );
}

/** 422 for media that cannot become a recording: a file cut short is told apart from one that is no media. */
function unplayable(error: MediaParseError) {
  if (error.code === 'truncated') {
    return new HttpError(
      422,
      `The media file is truncated (${error.message}). The upload is kept: fail the recording to discard it.`,
    );
  }
  return new HttpError(
    422,
    `The file is not a playable recording (${error.message}). The upload is kept: fail the recording to discard it.`,
  );
}

/** The extension says the stored type (weba, m4a and ogg are served as audio/…). */
const storageKeyOf = (row: RecordingRow, extension: string) => {
  const month = String(row.started_at.getUTCMonth() + 1).padStart(2, '0');
  return `recordings/${row.started_at.getUTCFullYear()}/${month}/${row.id}.${extension}`;
};

export interface CompletionOptions {
  /** Set when the recording is completed from what arrived because its client went quiet: why. */
  cutShort?: string;
}

/** A lease token says who holds it (`<host>/<pid>/<uuid>`), so a crashed holder on this host is recognised. */
const newToken = () => `${hostname()}/${process.pid}/${randomUUID()}`;

function parseToken(token: string | null) {
  const match = token ? /^(.*)\/(\d+)\/[\w-]+$/.exec(token) : null;
  return match ? { token: token!, host: match[1]!, pid: Number(match[2]) } : null;
}

export function recordingCompletion(deps: CompletionDeps) {
  const { db, storage, uploads, webhook, leaseSeconds = 30, pollMs = 200 } = deps;
  const repo = recordingsRepo(db);
  /** Completions this process is running, by recording: concurrent calls here join them. */
  const running = new Map<string, Promise<boolean>>();

  /** The work of the lease holder; true when it created the activity. */
  async function assembleAndStore(
    row: RecordingRow,
    size: number,
    token: string,
    options: CompletionOptions,
  ): Promise<boolean> {
    const id = row.id;
    const renewal = setInterval(
      () => void repo.renewCompletion(id, token, leaseSeconds).catch(() => undefined),
      (leaseSeconds * 1000) / 3,
    );
    renewal.unref();
    const workDir = await uploads.workDir(id);
    try {
      const uploadPath = join(workDir, 'upload');
      const assembled = await uploads.assemble(await repo.chunks(id), uploadPath);
      if (assembled !== size) throw new Error(`assembled ${assembled} of ${size} bytes`);
      let repaired;
      try {
        repaired = await repairMedia(uploadPath, workDir);
      } catch (error) {
        throw error instanceof MediaParseError ? unplayable(error) : error;
      }
      const { probe } = repaired;
      const storageKey = storageKeyOf(row, probe.extension);
      const stored = await storage.putFile(storageKey, repaired.path, probe.mimeType);
      const outcome = await db.transaction(async (tx) => {
        const txRepo = recordingsRepo(tx);
        const locked = (await txRepo.lockForCompletion(id))!;
        if (locked.status !== 'recording') return locked;
        // Our lease lapsed and another complete took over: it stores the same file under the same key.
        if (locked.completing_token !== token) return { status: 'taken over' as const };
        if ((await txRepo.uploadOffset(id)) !== size) return { status: 'grown' as const };
        await txRepo.deleteChunks(id);
        const activityId = await txRepo.markCompleted({
          id,
          objectId: row.object_id,
          agentId: row.agent_id,
          externalId: row.external_id,
          callId: row.call_id,
          recordingType: probe.kind,
          cutShort: options.cutShort ?? null,
          startedAt: row.started_at,
          completedAt: new Date(),
          storageKey,
          container: probe.container,
          videoCodec: probe.videoCodec,
          audioCodec: probe.audioCodec,
          durationSeconds: probe.durationSeconds,
          fileSize: stored.size,
        });
        await webhook?.enqueue(tx, activityId, 'recording.completed');
        return null;
      });
      if (outcome === null) {
        await uploads.removeObjects(id);
        webhook?.kick();
        return true;
      }
      if (outcome.status === 'failed') {
        await storage.delete(storageKey);
        throw notOpen(outcome, id, 'be completed');
      }
      if (outcome.status === 'grown') {
        await storage.delete(storageKey);
        throw new HttpError(
          409,
          `More bytes arrived while recording ${id} was completing; complete it again.`,
        );
      }
      return false; // completed meanwhile, or taken over: the caller looks again
    } catch (error) {
      // A fail elsewhere may have deleted the chunks under us: say that, not 500.
      const current = await repo.find(id);
      if (!(error instanceof HttpError) && current?.status === 'failed') {
        throw notOpen(current, id, 'be completed');
      }
      if (!(error instanceof HttpError) && current?.status === 'completed') return false;
      throw error;
    } finally {
      clearInterval(renewal);
      await rm(workDir, { recursive: true, force: true });
      await repo.releaseCompletion(id, token);
    }
  }

  /**
   * Waits while another complete holds the lease: until the recording is no longer open, or the lease
   * lapsed, or its holder was a process on this machine that is gone (a crash: no need to wait it out).
   */
  async function waitForOthers(id: string) {
    while (await repo.isCompleting(id)) {
      const holder = parseToken(await repo.completionToken(id));
      if (holder && holder.host === hostname() && !isRunning(holder.pid)) {
        await repo.expireCompletion(id, holder.token);
        return;
      }
      const row = await repo.find(id);
      if (!row || row.status !== 'recording') return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  return {
    /**
     * Completes `row`, whose `size` bytes have all arrived. Resolves true when this call created the
     * activity, false when another did (here or on another instance); rejects as the completion did.
     */
    async complete(row: RecordingRow, size: number, options: CompletionOptions = {}): Promise<boolean> {
      let created = false;
      for (;;) {
        const current = (await repo.find(row.id))!;
        if (current.status === 'completed') return created;
        if (current.status === 'failed') throw notOpen(current, row.id, 'be completed');
        const joined = running.get(row.id);
        if (joined) {
          await joined; // its failure is ours too: the same media, the same answer
          continue;
        }
        const token = newToken();
        if (await repo.claimCompletion(row.id, token, leaseSeconds)) {
          const work = assembleAndStore(row, size, token, options).finally(() => running.delete(row.id));
          running.set(row.id, work);
          created = await work;
          continue;
        }
        await waitForOthers(row.id);
      }
    },
  };
}
export type RecordingCompletion = ReturnType<typeof recordingCompletion>;
