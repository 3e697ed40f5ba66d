// Sends a stored recording to the server as it is recorded, through the recording lifecycle: each slice
// is a `PUT …/content` chunk at its place in the file (Content-Range), deleted from IndexedDB once the
// server holds it; when the recorder has stopped, `complete`. Without a network it waits and tries
// again, so the backlog goes out when the connection returns.
import { completedRecordingSchema, type CompletedRecording } from '../../../../contract/recordings';
import { ApiError, apiPost, apiSendRaw, isApiError } from '../../../lib/api-client';
import { deleteRecording, deleteSlice, getRecording, slicesOf, type StoredSlice } from './slice-store';

const RETRY_DELAYS = [1000, 2000, 3000, 5000];

export type UploadState =
  | { kind: 'uploading'; pendingBytes: number; retrying: boolean }
  | { kind: 'completed'; result: CompletedRecording }
  | { kind: 'failed'; message: string };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Uploader {
  private wake: (() => void) | null = null;
  private attempt = 0;
  private stopped = false;
  readonly finished: Promise<CompletedRecording | null>;

  constructor(
    readonly recordingId: string,
    private readonly onState: (state: UploadState) => void = () => undefined,
  ) {
    this.finished = this.run();
  }

  /** A new slice was stored, or the recorder stopped: look again now. */
  poke() {
    this.wake?.();
  }

  /** Stops sending (the page goes away); what is stored stays for later. */
  stop() {
    this.stopped = true;
    this.poke();
  }

  private async idle(ms: number) {
    await Promise.race([sleep(ms), new Promise<void>((resolve) => (this.wake = resolve))]);
    this.wake = null;
  }

  private async run(): Promise<CompletedRecording | null> {
    while (!this.stopped) {
      const recording = await getRecording(this.recordingId);
      if (!recording) return null;
      const slices = (await slicesOf(this.recordingId)).sort((a, b) => a.seq - b.seq);
      const pendingBytes = slices.reduce((sum, slice) => sum + slice.blob.size, 0);
      try {
        if (slices.length > 0) {
          this.onState({ kind: 'uploading', pendingBytes, retrying: this.attempt > 0 });
          await this.send(slices[0]!, recording.mimeType);
        } else if (recording.ended) {
          const result = await apiPost(
            `/api/recordings/${this.recordingId}/complete`,
            { size: recording.bytes },
            completedRecordingSchema,
          );
          await deleteRecording(this.recordingId);
          this.onState({ kind: 'completed', result });
          return result;
        } else {
          this.onState({ kind: 'uploading', pendingBytes: 0, retrying: false });
          await this.idle(10_000);
          continue;
        }
        this.attempt = 0;
      } catch (error) {
        if (isApiError(error) && refusedForGood(error.status)) {
          // The server refuses this recording for good (e.g. 422: not playable); keep the bytes, say so.
          this.onState({ kind: 'failed', message: error.description });
          return null;
        }
        const delay = RETRY_DELAYS[Math.min(this.attempt++, RETRY_DELAYS.length - 1)]!;
        this.onState({ kind: 'uploading', pendingBytes, retrying: true });
        await this.idle(delay);
      }
    }
    return null;
  }

  /** Sends one slice from wherever the server's offset falls in it. */
  private async send(slice: StoredSlice, mimeType: string) {
    const end = slice.start + slice.blob.size;
    let from = slice.start;
    for (let round = 0; round < 3; round++) {
      const response = await apiSendRaw(
        'PUT',
        `/api/recordings/${this.recordingId}/content`,
        slice.blob.slice(from - slice.start),
        {
          'Content-Type': mimeType.split(';')[0]!,
          'Content-Range': `bytes ${from}-${end - 1}/*`,
        },
      );
      if (response.ok) {
        await deleteSlice(this.recordingId, slice.seq);
        return;
      }
      if (response.status !== 409) throw await httpError(response);
      // Not where the server is: part or all of this slice arrived before (a response lost on the way).
      const offset = Number(response.headers.get('upload-offset'));
      if (!Number.isFinite(offset) || offset < slice.start) throw await httpError(response);
      if (offset >= end) {
        await deleteSlice(this.recordingId, slice.seq);
        return;
      }
      from = offset;
    }
    throw new Error('The upload offset kept moving');
  }
}

async function httpError(response: Response) {
  const body = (await response.json().catch(() => null)) as { description?: string } | null;
  return new ApiError(response.status, body?.description ?? `Upload failed (${response.status})`, 'http');
}

/** 4xx other than a conflict (409: bytes missing, sent again) or a rate limit will not change on retry. */
const refusedForGood = (status: number) => status >= 400 && status < 500 && status !== 409 && status !== 429;
