// SQL for the media module: which recording activity a stored media object belongs to.
import { RECORDING_ACTIVITY_TYPE } from '../../../contract/activities';
import type { Queryable } from '../../db/database';

export function mediaRepo(db: Queryable) {
  return {
    async activityOfStorageKey(storageKey: string) {
      const { rows } = await db.query<{ id: string }>(
        `select a.id::text as id from recordings r join activities a on a.recording_id = r.id
         where r.storage_key = $1 and a.activity_type = ${RECORDING_ACTIVITY_TYPE}`,
        [storageKey],
      );
      return rows[0]?.id ?? null;
    },
  };
}
