// The cleanup jobs: uploads left open longer than UPLOAD_MAX_AGE are failed as abandoned and their bytes
// deleted; scratch and temporary files that a crashed process left behind are deleted.
import type { Database } from '../../db/database';
import type { Log } from '../../lib/log';
import type { MediaStorage } from '../media/storage';
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
