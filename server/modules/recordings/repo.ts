// SQL for recordings and the one activity each completed recording gets.
import { RECORDING_ACTIVITY_TYPE } from '../../../contract/activities';
import type { Queryable } from '../../db/database';
import { SELECT_ACTIVITY_ROWS, type ActivityRow } from '../activities/repo';

export interface CompletedRecording {
  id: string;
  objectId: string;
  agentId: string;
  externalId: string | null;
  /** The call it was recorded in, if a call made it. */
  callId?: string | null;
  /** "audio" when the media has no video track. */
  recordingType: 'video' | 'audio';
  /** Why it was completed from what had arrived rather than by its client (the call was cut short). */
  cutShort?: string | null;
  startedAt: Date;
  completedAt: Date;
  storageKey: string;
  container: string;
  videoCodec: string | null;
  audioCodec: string | null;
  durationSeconds: number;
  fileSize: number;
}

export interface UploadChunk {
  start: number;
  length: number;
  storageKey: string;
}

export interface RecordingRow {
  id: string;
  object_id: string;
  agent_id: string;
  agent_username: string;
  agent_first_name: string;
  agent_last_name: string;
  status: 'recording' | 'completed' | 'failed';
  external_id: string | null;
  call_id: string | null;
  started_at: Date;
  created_at: Date;
  completed_at: Date | null;
  failure_reason: string | null;
  upload_total: string | null;
  storage_key: string | null;
  activity_id: string | null;
}

const RECORDING_COLUMNS = `r.id::text as id, r.object_id::text as object_id, r.agent_id::text as agent_id,
  u.username as agent_username, u.first_name as agent_first_name, u.last_name as agent_last_name,
  r.status, r.external_id, r.call_id, r.started_at, r.created_at, r.completed_at, r.failure_reason,
  r.upload_total::text as upload_total, r.storage_key, a.id::text as activity_id`;

const RECORDING_FROM = `recordings r join users u on u.id = r.agent_id left join activities a on a.recording_id = r.id`;

export function recordingsRepo(db: Queryable) {
  async function insertRecordingActivity(recording: CompletedRecording) {
    const metadata = {
      recordingId: recording.id,
      recordingType: recording.recordingType,
      ...(recording.callId ? { callId: recording.callId } : {}),
      ...(recording.cutShort ? { cutShort: true, cutShortReason: recording.cutShort } : {}),
      container: recording.container,
      videoCodec: recording.videoCodec,
      audioCodec: recording.audioCodec,
      duration: Math.round(recording.durationSeconds),
      fileSize: recording.fileSize,
    };
    const { rows } = await db.query<{ id: string }>(
      `insert into activities (object_id, activity_type, user_id, created_time, recording_id, data)
       values ($1, ${RECORDING_ACTIVITY_TYPE}, $2, $3, $4, $5) returning id::text as id`,
      [recording.objectId, recording.agentId, recording.completedAt, recording.id, JSON.stringify(metadata)],
    );
    return rows[0]!.id;
  }

  return {
    /**
     * A recording that arrives complete (the demo seed): the same two steps as the lifecycle, opened and
     * then completed with its activity (type 27); call inside a transaction.
     */
    async insertCompleted(recording: CompletedRecording) {
      await this.insertOpen(recording);
      return this.markCompleted(recording);
    },

    /** Marks an open recording completed and inserts its activity; call inside a transaction, row locked. */
    async markCompleted(recording: CompletedRecording) {
      await db.query(
        `update recordings set status = 'completed', storage_key = $2, container = $3, video_codec = $4,
           audio_codec = $5, duration_seconds = $6, file_size = $7, completed_at = $8,
           completing_token = null, completing_until = null
         where id = $1 and status = 'recording'`,
        [
          recording.id,
          recording.storageKey,
          recording.container,
          recording.videoCodec,
          recording.audioCodec,
          recording.durationSeconds,
          recording.fileSize,
          recording.completedAt,
        ],
      );
      return insertRecordingActivity(recording);
    },

    /** Inserts an open recording; returns false when the agent's externalId or the callId is already taken. */
    async insertOpen(recording: {
      id: string;
      objectId: string;
      agentId: string;
      externalId: string | null;
      callId?: string | null;
      startedAt: Date;
    }) {
      const { rows } = await db.query(
        `insert into recordings (id, object_id, agent_id, status, external_id, call_id, started_at)
         values ($1, $2, $3, 'recording', $4, $5, $6)
         on conflict do nothing returning id`,
        [
          recording.id,
          recording.objectId,
          recording.agentId,
          recording.externalId,
          recording.callId ?? null,
          recording.startedAt,
        ],
      );
      return rows.length > 0;
    },

    async find(id: string): Promise<RecordingRow | null> {
      const { rows } = await db.query<RecordingRow>(
        `select ${RECORDING_COLUMNS} from ${RECORDING_FROM} where r.id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },

    /** externalIds are unique per agent. */
    async findByExternalId(agentId: string, externalId: string): Promise<RecordingRow | null> {
      const { rows } = await db.query<RecordingRow>(
        `select ${RECORDING_COLUMNS} from ${RECORDING_FROM} where r.agent_id = $1 and r.external_id = $2`,
        [agentId, externalId],
      );
      return rows[0] ?? null;
    },

    async findByCallId(callId: string): Promise<RecordingRow | null> {
      const { rows } = await db.query<RecordingRow>(
        `select ${RECORDING_COLUMNS} from ${RECORDING_FROM} where r.call_id = $1`,
        [callId],
      );
      return rows[0] ?? null;
    },

    /** Locks the recording's row for the completing transaction, with who holds the completion lease. */
    async lockForCompletion(id: string) {
      const { rows } = await db.query<{
        status: RecordingRow['status'];
        failure_reason: string | null;
        completing_token: string | null;
      }>('select status, failure_reason, completing_token from recordings where id = $1 for update', [id]);
      return rows[0] ?? null;
    },

    /** Locks the recording's row until the transaction ends; concurrent callers wait here. */
    async lockStatus(id: string) {
      const { rows } = await db.query<{ status: RecordingRow['status']; failure_reason: string | null }>(
        'select status, failure_reason from recordings where id = $1 for update',
        [id],
      );
      return rows[0] ?? null;
    },

    async markFailed(id: string, reason: string) {
      const { rows } = await db.query(
        `update recordings set status = 'failed', failure_reason = $2, failed_at = now()
         where id = $1 and status = 'recording' returning id`,
        [id, reason],
      );
      return rows.length > 0;
    },

    /**
     * Claims the right to complete `id` for `leaseSeconds` (renewable) if nobody holds it; false when the
     * recording is not open or another complete holds a live lease.
     */
    async claimCompletion(id: string, token: string, leaseSeconds: number) {
      const { rows } = await db.query(
        `update recordings set completing_token = $2, completing_until = now() + make_interval(secs => $3)
         where id = $1 and status = 'recording' and (completing_until is null or completing_until < now())
         returning id`,
        [id, token, leaseSeconds],
      );
      return rows.length > 0;
    },

    async renewCompletion(id: string, token: string, leaseSeconds: number) {
      await db.query(
        `update recordings set completing_until = now() + make_interval(secs => $3)
         where id = $1 and completing_token = $2`,
        [id, token, leaseSeconds],
      );
    },

    async releaseCompletion(id: string, token: string) {
      await db.query(
        `update recordings set completing_token = null, completing_until = null
         where id = $1 and completing_token = $2`,
        [id, token],
      );
    },

    async completionToken(id: string) {
      const { rows } = await db.query<{ completing_token: string | null }>(
        'select completing_token from recordings where id = $1',
        [id],
      );
      return rows[0]?.completing_token ?? null;
    },

    /** Ends a lease whose holder is known to be gone, so the next complete need not wait it out. */
    async expireCompletion(id: string, token: string) {
      await db.query(
        `update recordings set completing_until = null where id = $1 and completing_token = $2`,
        [id, token],
      );
    },

    /** Whether a complete holds a live lease on `id`. */
    async isCompleting(id: string) {
      const { rows } = await db.query<{ completing: boolean }>(
        `select coalesce(completing_until > now(), false) as completing from recordings where id = $1`,
        [id],
      );
      return rows[0]?.completing ?? false;
    },

    async touchUpload(id: string, total: number | null) {
      await db.query(
        `update recordings set upload_touched_at = now(), upload_total = coalesce($2, upload_total)
         where id = $1`,
        [id, total],
      );
    },

    /**
     * Marks uploads idle since `idleBefore` as failed and returns their ids. `skip locked` leaves rows a
     * completing request holds alone, so several instances sweeping at once never fight. Call
     * recordings are never failed here: they are completed from what arrived (callsIdleSince).
     */
    async failAbandoned(idleBefore: Date, reason: string) {
      const { rows } = await db.query<{ id: string }>(
        `update recordings set status = 'failed', failure_reason = $2, failed_at = now()
         where id in (
           select id from recordings
           where status = 'recording' and call_id is null
             and coalesce(upload_touched_at, created_at) < $1
           for update skip locked)
         and status = 'recording'
         returning id::text as id`,
        [idleBefore, reason],
      );
      return rows.map((row) => row.id);
    },

    /** Open call recordings idle (no chunk, no creation) since `idleBefore` that no complete is working on. */
    async callsIdleSince(idleBefore: Date): Promise<RecordingRow[]> {
      const { rows } = await db.query<RecordingRow>(
        `select ${RECORDING_COLUMNS} from ${RECORDING_FROM}
         where r.status = 'recording' and r.call_id is not null
           and coalesce(r.upload_touched_at, r.created_at) < $1
           and (r.completing_until is null or r.completing_until < now())
         order by r.created_at limit 100`,
        [idleBefore],
      );
      return rows;
    },

    /** The upload offset: where the next chunk starts (the end of the last stored chunk; 0 without any). */
    async uploadOffset(id: string): Promise<number> {
      const { rows } = await db.query<{ offset: string }>(
        `select coalesce(max(start_offset + length), 0)::text as offset from recording_chunks
         where recording_id = $1`,
        [id],
      );
      return Number(rows[0]!.offset);
    },

    /** Records a fully stored chunk; call inside a transaction holding the recording's row lock. */
    async insertChunk(chunk: { recordingId: string; start: number; length: number; storageKey: string }) {
      await db.query(
        `insert into recording_chunks (recording_id, start_offset, length, storage_key) values ($1, $2, $3, $4)`,
        [chunk.recordingId, chunk.start, chunk.length, chunk.storageKey],
      );
    },

    /** The recording's chunks in upload order. */
    async chunks(id: string): Promise<UploadChunk[]> {
      const { rows } = await db.query<{ start: string; length: string; storage_key: string }>(
        `select start_offset::text as start, length::text as length, storage_key from recording_chunks
         where recording_id = $1 order by start_offset`,
        [id],
      );
      return rows.map((row) => ({
        start: Number(row.start),
        length: Number(row.length),
        storageKey: row.storage_key,
      }));
    },

    async deleteChunks(id: string) {
      await db.query('delete from recording_chunks where recording_id = $1', [id]);
    },

    /** The recording's activity in the Activities API's row shape. */
    async findActivityRow(recordingId: string): Promise<ActivityRow | null> {
      const { rows } = await db.query<ActivityRow>(`${SELECT_ACTIVITY_ROWS} where a.recording_id = $1`, [
        recordingId,
      ]);
      return rows[0] ?? null;
    },
  };
}
export type RecordingsRepo = ReturnType<typeof recordingsRepo>;
