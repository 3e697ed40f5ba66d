// The cleanup jobs: uploads left open longer than UPLOAD_MAX_AGE are failed as abandoned and their bytes
// deleted; a call's recording whose client went quiet for CALL_ABANDON_AFTER is completed from what
// arrived instead (a real call is never thrown away); scratch and temporary files that a crashed process
// left behind are deleted.
import type { Database } from '../../db/database';
import { HttpError } from '../../lib/http';
import type { Log } from '../../lib/log';
import type { MediaStorage } from '../media/storage';
import type { RecordingCompletion } from './completion';
import { recordingsRepo } from './repo';
import type { UploadStore } from './uploads';

export interface SweepDeps {
  db: Database;
  uploads: UploadStore;
  /** An upload idle (no chunk, no creation) for longer than this is abandoned. */
  maxAgeSeconds: number;
  log: Log;
}

/** One sweep; returns the ids it failed. Safe to run on several instances at once. */
export async function sweepAbandonedUploads(deps: SweepDeps, now = new Date()): Promise<string[]> {
  const idleBefore = new Date(now.getTime() - deps.maxAgeSeconds * 1000);
  const ids = await recordingsRepo(deps.db).failAbandoned(
    idleBefore,
    `abandoned: no upload activity for ${deps.maxAgeSeconds} seconds`,
  );
  for (const id of ids) {
    await deps.uploads.remove(id);
    deps.log.info({ recordingId: id }, 'abandoned upload failed and deleted');
  }
  return ids;
}

export interface CallSweepDeps {
  db: Database;
  completion: RecordingCompletion;
  /** A call recording idle (no chunk, no creation) for longer than this is completed from what arrived. */
  abandonAfterSeconds: number;
  log: Log;
}

export interface CallSweepResult {
  /** Completed from what arrived (cut short). */
  completed: string[];
  /** Nothing playable arrived: failed, with their bytes kept for a person to look at. */
  failed: string[];
}

/**
 * Completes the call recordings whose client stopped sending `abandonAfterSeconds` ago (a crashed or
 * closed tab that never came back) from the bytes that arrived, through the same single, leased
 * completion as `complete`: a client that comes back and completes at the same moment makes no second
 * activity. Safe to run on several instances at once.
 */
export async function sweepAbandonedCalls(deps: CallSweepDeps, now = new Date()): Promise<CallSweepResult> {
  const repo = recordingsRepo(deps.db);
  const idleBefore = new Date(now.getTime() - deps.abandonAfterSeconds * 1000);
  const result: CallSweepResult = { completed: [], failed: [] };
  for (const row of await repo.callsIdleSince(idleBefore)) {
    const size = await repo.uploadOffset(row.id);
    const reason = `the call's recorder sent nothing for ${deps.abandonAfterSeconds} seconds; completed from the ${size} bytes that had arrived`;
    const log = { recordingId: row.id, callId: row.call_id, bytes: size };
    try {
      if (size === 0) throw new HttpError(422, 'no media arrived');
      await deps.completion.complete(row, size, { cutShort: reason });
      result.completed.push(row.id);
      deps.log.info(log, 'abandoned call recording completed from what arrived');
    } catch (error) {
      if (error instanceof HttpError && error.statusCode === 422) {
        if (await repo.markFailed(row.id, `abandoned call: ${error.description}`)) result.failed.push(row.id);
        deps.log.warn({ ...log, reason: error.description }, 'abandoned call recording has nothing playable');
      } else {
        // 409: more bytes came in meanwhile, or a complete took it: the next sweep looks again if need be.
        deps.log.warn({ ...log, err: error }, 'abandoned call recording not completed this time');
      }
    }
  }
  return result;
}

/** Scratch files older than this are left behind even if a process with their pid runs (pids are reused). */
const LEFT_BEHIND_AFTER_MS = 24 * 3600 * 1000;

/**
 * Deletes what a crashed process left: completing scratch under DATA_DIR/work and partial media writes.
 * Entries of live processes stay; run at start and with the periodic sweep.
 */
export async function sweepLeftovers(deps: { uploads: UploadStore; storage: MediaStorage; log: Log }) {
  const scratch = await deps.uploads.sweepScratch(LEFT_BEHIND_AFTER_MS);
  const temporaries = await deps.storage.sweepTemporaries(LEFT_BEHIND_AFTER_MS);
  if (scratch + temporaries > 0) deps.log.info({ scratch, temporaries }, 'deleted files left by a crash');
  return { scratch, temporaries };
}
