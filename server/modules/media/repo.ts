// SQL for the media module: which recording activity a stored media object belongs to.
import { RECORDING_ACTIVITY_TYPE } from '../../../contract/activities';
import type { Queryable } from '../../db/database';

export function mediaRepo(db: Queryable) {
  return {
    /** Several recordings may share one object (the demo's clips): `preferred` picks among them. */
    async activityOfStorageKey(storageKey: string, preferred: string | null) {
      const { rows } = await db.query<{ id: string }>(
        `select a.id::text as id from recordings r join activities a on a.recording_id = r.id
         where r.storage_key = $1 and a.activity_type = ${RECORDING_ACTIVITY_TYPE}
         order by a.id = $2::bigint desc nulls last, a.id limit 1`,
        [storageKey, preferred],
      );
      return rows[0]?.id ?? null;
    },
  };
}
