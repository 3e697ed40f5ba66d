// The cleanup job: uploads left open longer than UPLOAD_MAX_AGE are failed as abandoned and their bytes deleted.
import type { Database } from '../../db/database';
import type { Log } from '../../lib/log';
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
