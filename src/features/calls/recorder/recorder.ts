// The host's recorder: the composed call through MediaRecorder in slices of a few seconds, each slice
// stored in IndexedDB before anything else, and uploaded by the Uploader. A Web Lock marks the recording
// as live, so the recovery of another page leaves it alone; the lock ends with the tab.
import { createRecordingRequestSchema, recordingSchema } from '../../../../contract/recordings';
import { apiPost } from '../../../lib/api-client';
import { composeCall, recordingMimeType, type Composition, type Tile } from './compose';
import { appendSlice, getRecording, markEnded, saveRecording } from './slice-store';
import { Uploader, type UploadState } from './uploader';

const TIMESLICE_MS = 3000;

export const recordingLockName = (recordingId: string) => `tapeline-recording-${recordingId}`;

export class RecorderUnavailable extends Error {
  override readonly name = 'RecorderUnavailable';
}

const NOT_RECORDED = 'The call can go ahead, but it will not be recorded.';

/**
 * Why this browser cannot record a call, for a person; null when it can. Checked before the call (the
 * agent is told on the preview) and again when the recorder starts.
 */
export function whyRecordingIsUnavailable(): string | null {
  if (typeof MediaRecorder === 'undefined') {
    return `This browser cannot record video (it has no MediaRecorder). ${NOT_RECORDED} Use a current Chrome, Edge, Firefox or Safari to record calls.`;
  }
  if (!recordingMimeType()) {
    return `This browser cannot record in WebM or MP4. ${NOT_RECORDED} Use a current Chrome, Edge, Firefox or Safari to record calls.`;
  }
  if (typeof AudioContext === 'undefined' || !('captureStream' in HTMLCanvasElement.prototype)) {
    return `This browser cannot compose the call into one picture and sound. ${NOT_RECORDED} Use a current Chrome, Edge, Firefox or Safari to record calls.`;
  }
  if (typeof indexedDB === 'undefined') {
    return `This browser cannot keep the recording while it uploads (no IndexedDB; a private window may block it). ${NOT_RECORDED}`;
  }
  return null;
}

export interface CallRecorder {
  addAudio(stream: MediaStream): void;
  /** Stops recording; resolves when the last slice is stored (the upload goes on). */
  stop(): Promise<void>;
  uploader: Uploader;
}

export interface RecorderOptions {
  callId: string;
  objectId: string;
  agent: string;
  tiles: () => Tile[];
  audio: MediaStream[];
  onUpload: (state: UploadState) => void;
}

export async function startRecorder(options: RecorderOptions): Promise<CallRecorder> {
  const unavailable = whyRecordingIsUnavailable();
  if (unavailable) throw new RecorderUnavailable(unavailable);
  const mimeType = recordingMimeType()!;
  // The recorder is made before the recording is announced to the server: a browser that refuses it
  // leaves nothing behind.
  const composition = composeCall(options.tiles);
  options.audio.forEach((stream) => composition.addAudio(stream));
  let mediaRecorder: MediaRecorder;
  try {
    mediaRecorder = new MediaRecorder(composition.stream, {
      mimeType,
      videoBitsPerSecond: 1_000_000,
      audioBitsPerSecond: 64_000,
    });
  } catch {
    composition.stop();
    throw new RecorderUnavailable(`This browser cannot record ${mimeType.split(';')[0]}. ${NOT_RECORDED}`);
  }
  try {
    return await begin(options, composition, mediaRecorder, mimeType);
  } catch (error) {
    composition.stop();
    throw error;
  }
}

/** Announces the recording to the server, keeps it in IndexedDB, and starts recording. */
async function begin(
  options: RecorderOptions,
  composition: Composition,
  mediaRecorder: MediaRecorder,
  mimeType: string,
): Promise<CallRecorder> {
  const body = {
    objectId: options.objectId,
    agent: options.agent,
    startedAt: new Date().toISOString(),
    // The same call always names the same recording: a second tab or a retry gets the first one.
    externalId: `call:${options.callId}`,
    callId: options.callId,
  };
  createRecordingRequestSchema.parse(body);
  const recording = await apiPost('/api/recordings', body, recordingSchema);
  const recordingId = recording.id;
  // One call, one recording, one recorder: after a reload mid-call the part recorded before is saved
  // from this browser's store (RecordingRecovery); a second MediaRecorder stream cannot be appended.
  if (recording.status !== 'recording' || (recording.offset ?? 0) > 0 || (await getRecording(recordingId))) {
    throw new RecorderUnavailable(
      'This call was already being recorded before the page reloaded; that part is saved. The rest of the call is not recorded.',
    );
  }
  await saveRecording({
    recordingId,
    callId: options.callId,
    objectId: options.objectId,
    mimeType,
    bytes: 0,
    nextSeq: 0,
    ended: false,
  });

  const uploader = new Uploader(recordingId, options.onUpload);

  // Slices are stored in the order they come, one after the other.
  let storing = Promise.resolve();
  mediaRecorder.ondataavailable = (event) => {
    const blob = event.data;
    storing = storing.then(() => appendSlice(recordingId, blob)).then(() => uploader.poke());
  };
  const stopped = new Promise<void>((resolve) => (mediaRecorder.onstop = () => resolve()));

  let releaseLock: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (releaseLock = resolve));
  void navigator.locks?.request(recordingLockName(recordingId), () =>
    Promise.race([held, uploader.finished]),
  );

  mediaRecorder.start(TIMESLICE_MS);
  return {
    uploader,
    addAudio: (stream) => composition.addAudio(stream),
    async stop() {
      if (mediaRecorder.state !== 'inactive') mediaRecorder.stop();
      await stopped;
      await storing;
      composition.stop();
      await markEnded(recordingId);
      uploader.poke();
      void uploader.finished.finally(releaseLock);
    },
  };
}
