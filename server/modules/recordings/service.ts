// The recording lifecycle's rules: who may record, resumable upload, exactly-once completion, failure.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { CurrentUser } from '../../../contract/auth';
import type { RecordingActivity } from '../../../contract/activities';
import type { CreateRecordingRequest, Recording, UploadProgress } from '../../../contract/recordings';
import type { Database, Queryable } from '../../db/database';
import { HttpError } from '../../lib/http';
import { activityFromRow } from '../activities/service';
import { accessControl, type AccessControl } from '../access/service';
import type { MediaStorage } from '../media/storage';
import { findOrCreateObject } from '../objects/service';
import { usersRepo } from '../users/repo';
import { notOpen, recordingCompletion } from './completion';
import { recordingsRepo, type RecordingRow } from './repo';
import type { ContentRange, UploadStore } from './uploads';
import type { WebhookOutbox } from './webhook';

export interface RecordingsDeps {
  db: Database;
  access: AccessControl;
  storage: MediaStorage;
  uploads: UploadStore;
  /** Origin the API is reached at, for `uploadUrl`. */
  publicUrl: string;
  maxRecordingBytes: number;
  /** Queues `recording.completed` in the completing transaction; null when no webhook is configured. */
  webhook: WebhookOutbox | null;
}

export function recordingsService(deps: RecordingsDeps) {
  const { db, access, storage, uploads, publicUrl, maxRecordingBytes, webhook } = deps;
  const repo = recordingsRepo(db);
  const completion = recordingCompletion({ db, storage, uploads, webhook });

  async function toRecording(row: RecordingRow): Promise<Recording> {
    return {
      id: row.id,
      objectId: row.object_id,
      agent: {
        id: row.agent_id,
        username: row.agent_username,
        first_name: row.agent_first_name,
        last_name: row.agent_last_name,
      },
      status: row.status,
      externalId: row.external_id,
      startedAt: row.started_at.toISOString(),
      createdAt: row.created_at.toISOString(),
      completedAt: row.completed_at?.toISOString() ?? null,
      failureReason: row.failure_reason,
      offset: row.status === 'recording' ? await repo.uploadOffset(row.id) : null,
      total: row.upload_total === null ? null : Number(row.upload_total),
      uploadUrl: `${publicUrl}/api/recordings/${row.id}/content`,
      activityId: row.activity_id,
    };
  }

  /** The recording, if `user` may write it; agents get 404 for others' recordings (existence is not leaked). */
  async function writable(user: CurrentUser, id: string): Promise<RecordingRow> {
    await access.require(user, 'upload.write', id);
    return (await repo.find(id))!;
  }

  async function completedResult(id: string) {
    const row = (await repo.find(id))!;
    const activityRow = (await repo.findActivityRow(id))!;
    return {
      recording: await toRecording(row),
      activity: (await activityFromRow(activityRow, storage)) as RecordingActivity,
    };
  }

  /** The recording's id, and whether it was created (false: an existing one with the same externalId). */
  async function createOpen(q: Queryable, user: CurrentUser, input: CreateRecordingRequest) {
    const objectId = input.object
      ? (await findOrCreateObject(q, user, input.object)).objectId
      : input.objectId!;
    const txAccess = accessControl(q);
    const txRepo = recordingsRepo(q);
    const object = await txAccess.require(user, 'recording.create', objectId);
    const mayRecordForAnyone = txAccess.can(user, 'recordings.record_for_anyone');
    if (input.agent !== user.username) txAccess.requirePermission(user, 'recordings.record_for_anyone');
    const agent = await usersRepo(q).findByUsername(input.agent);
    if (!agent || !agent.active) throw new HttpError(400, `agent: there is no active user "${input.agent}".`);

    const id = randomUUID();
    const inserted = await txRepo.insertOpen({
      id,
      objectId: object.objectId,
      agentId: agent.id,
      externalId: input.externalId ?? null,
      startedAt: input.startedAt ? new Date(input.startedAt) : new Date(),
    });
    if (inserted) return { id, created: true };
    const existing = await txRepo.findByExternalId(input.externalId!);
    const mayReuse =
      existing &&
      existing.object_id === object.objectId &&
      (mayRecordForAnyone || existing.agent_id === user.id);
    if (!mayReuse) {
      throw new HttpError(409, `externalId: "${input.externalId}" is already used by another recording.`);
    }
    return { id: existing.id, created: false };
  }

  return {
    /**
     * Creates an open recording; with a known externalId returns that recording instead (created: false).
     * With `object` instead of `objectId`, the conversation is found by its externalId or created, in the
     * same transaction as the recording.
     */
    async create(user: CurrentUser, input: CreateRecordingRequest) {
      const { id, created } = input.object
        ? await db.transaction((tx) => createOpen(tx, user, input))
        : await createOpen(db, user, input);
      return { recording: await toRecording((await repo.find(id))!), created };
    },

    async get(user: CurrentUser, id: string) {
      return toRecording(await writable(user, id));
    },

    /** The server's upload offset: where the next chunk starts. */
    async offset(user: CurrentUser, id: string): Promise<UploadProgress> {
      const row = await writable(user, id);
      if (row.status !== 'recording') throw notOpen(row, id, 'take uploads');
      const total = row.upload_total === null ? null : Number(row.upload_total);
      return { id, offset: await repo.uploadOffset(id), total };
    },

    /** Appends one chunk. A chunk must start at the server's offset; otherwise 409 with the offset. */
    async upload(
      user: CurrentUser,
      id: string,
      range: ContentRange,
      body: Readable,
      declaredLength: number | null,
    ): Promise<UploadProgress> {
      const row = await writable(user, id);
      if (row.status !== 'recording') throw notOpen(row, id, 'take uploads');
      const length = range.end - range.start + 1;
      const announced = row.upload_total === null ? null : Number(row.upload_total);
      if (announced !== null && (range.end + 1 > announced || (range.total ?? announced) !== announced)) {
        throw new HttpError(
          400,
          `Content-Range: recording ${id} was announced as ${announced} bytes; this chunk goes beyond or changes that.`,
        );
      }
      if (range.end + 1 > maxRecordingBytes || (range.total ?? 0) > maxRecordingBytes) {
        throw new HttpError(413, `A recording may have at most ${maxRecordingBytes} bytes.`);
      }
      if (declaredLength !== null && declaredLength !== length) {
        throw new HttpError(
          400,
          `Content-Length (${declaredLength}) does not match Content-Range (${length} bytes).`,
        );
      }
      const conflict = (offset: number) =>
        new HttpError(
          409,
          `This chunk starts at byte ${range.start}, but the server has ${offset} bytes; send from byte ${offset}.`,
          { 'upload-offset': String(offset), ...(offset > 0 ? { range: `bytes=0-${offset - 1}` } : {}) },
        );
      const offset = await repo.uploadOffset(id);
      if (range.start !== offset) throw conflict(offset);

      let key;
      try {
        key = await uploads.storeChunk(id, range.start, body, length);
      } catch (error) {
        // A fail or complete elsewhere may have removed the upload under us: say that, not 500.
        const current = await repo.find(id);
        if (!(error instanceof HttpError) && current && current.status !== 'recording') {
          throw notOpen(current, id, 'take uploads');
        }
        throw error;
      }
      // The chunk counts once its row exists. The row lock serialises chunks with each other and with
      // complete/fail on every instance; the loser of a race at one offset gets 409 with the new offset.
      const outcome = await db.transaction(async (tx) => {
        const txRepo = recordingsRepo(tx);
        const locked = (await txRepo.lockStatus(id))!;
        if (locked.status !== 'recording')
          return { accepted: false, error: notOpen(locked, id, 'take uploads') } as const;
        const current = await txRepo.uploadOffset(id);
        if (current !== range.start) return { accepted: false, error: conflict(current) } as const;
        await txRepo.insertChunk({ recordingId: id, start: range.start, length, storageKey: key });
        await txRepo.touchUpload(id, range.total);
        return { accepted: true, offset: current + length } as const;
      });
      if (!outcome.accepted) {
        await storage.delete(key);
        throw outcome.error;
      }
      return {
        id,
        offset: outcome.offset,
        total: range.total ?? (row.upload_total === null ? null : Number(row.upload_total)),
      };
    },

    /**
     * Completes the recording once all its bytes have arrived: the total is known from the last chunk's
     * `Content-Range` or from `size` here. With bytes missing it answers 409 with the offset the server
     * has, and keeps everything. Idempotent: every call, concurrent or later, answers with the same
     * activity; concurrent calls wait for one completion instead of each assembling a copy.
     */
    async complete(user: CurrentUser, id: string, request: { size?: number } = {}) {
      const row = await writable(user, id);
      if (row.status === 'completed') return { ...(await completedResult(id)), created: false };
      if (row.status === 'failed') throw notOpen(row, id, 'be completed');
      const announced = row.upload_total === null ? null : Number(row.upload_total);
      const offset = await repo.uploadOffset(id);
      const missing = (description: string) =>
        new HttpError(409, description, { 'upload-offset': String(offset) });
      if (request.size !== undefined && announced !== null && request.size !== announced) {
        throw missing(
          `size: ${request.size} does not match the total of ${announced} bytes the upload announced.`,
        );
      }
      const total = request.size ?? announced;
      if (total === null) {
        throw missing(
          `The server has ${offset} bytes of recording ${id} but does not know its total size: send the last ` +
            'chunk with "Content-Range: bytes <start>-<end>/<total>", or complete with {"size": <total bytes>}.',
        );
      }
      if (offset !== total) {
        throw missing(
          offset < total
            ? `The server has ${offset} of ${total} bytes of recording ${id}; upload from byte ${offset}, then complete.`
            : `size: the server already has ${offset} bytes of recording ${id}, more than ${total}.`,
        );
      }
      if (total === 0)
        throw new HttpError(422, `Recording ${id} is empty; upload its media before completing.`);
      if (announced === null) await repo.touchUpload(id, total);
      const created = await completion.complete(row, total);
      return { ...(await completedResult(id)), created };
    },

    /** Ends a recording without an activity and deletes its partial data. Failing twice is harmless. */
    async fail(user: CurrentUser, id: string, reason: string) {
      await writable(user, id);
      const locked = await db.transaction(async (tx) => {
        const txRepo = recordingsRepo(tx);
        const status = (await txRepo.lockStatus(id))!;
        if (status.status === 'recording') await txRepo.markFailed(id, reason);
        return status;
      });
      if (locked.status === 'completed') throw notOpen(locked, id, 'fail');
      await uploads.remove(id);
      return toRecording((await repo.find(id))!);
    },
  };
}
export type RecordingsService = ReturnType<typeof recordingsService>;
