// SQL for recordings and the one activity each completed recording gets.
import type { Queryable } from '../../db/database';

export interface CompletedRecording {
  id: string;
  objectId: string;
  agentId: string;
  externalId: string | null;
  startedAt: Date;
  completedAt: Date;
  storageKey: string;
  container: string;
  videoCodec: string | null;
  audioCodec: string | null;
  durationSeconds: number;
  fileSize: number;
}

export function recordingsRepo(db: Queryable) {
  return {
    /** Inserts a completed recording and its activity (type 27); call inside a transaction. */
    async insertCompleted(recording: CompletedRecording) {
      await db.query(
        `insert into recordings (id, object_id, agent_id, status, external_id, started_at, storage_key,
           container, video_codec, audio_codec, duration_seconds, file_size, completed_at)
         values ($1, $2, $3, 'completed', $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          recording.id,
          recording.objectId,
          recording.agentId,
          recording.externalId,
          recording.startedAt,
          recording.storageKey,
          recording.container,
          recording.videoCodec,
          recording.audioCodec,
          recording.durationSeconds,
          recording.fileSize,
          recording.completedAt,
        ],
      );
      const metadata = {
        recordingId: recording.id,
        recordingType: 'video',
        container: recording.container,
        videoCodec: recording.videoCodec,
        audioCodec: recording.audioCodec,
        duration: Math.round(recording.durationSeconds),
        fileSize: recording.fileSize,
      };
      const { rows } = await db.query<{ id: string }>(
        `insert into activities (object_id, activity_type, user_id, created_time, recording_id, data)
         values ($1, 27, $2, $3, $4, $5) returning id::text as id`,
        [
          recording.objectId,
          recording.agentId,
          recording.completedAt,
          recording.id,
          JSON.stringify(metadata),
        ],
      );
      return rows[0]!.id;
    },
  };
}
