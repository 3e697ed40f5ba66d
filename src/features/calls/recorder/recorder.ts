// The host's recorder: the composed call through MediaRecorder in slices of a few seconds, each slice
// stored in IndexedDB before anything else, and uploaded by the Uploader. A Web Lock marks the recording
// as live, so the recovery of another page leaves it alone; the lock ends with the tab.
import { createRecordingRequestSchema, recordingSchema } from '../../../../contract/recordings';
import { apiPost } from '../../../lib/api-client';
import { composeCall, recordingMimeType, type Tile } from './compose';
import { appendSlice, getRecording, markEnded, saveRecording } from './slice-store';
import { Uploader, type UploadState } from './uploader';

const TIMESLICE_MS = 3000;

export const recordingLockName = (recordingId: string) => `tapeline-recording-${recordingId}`;

export class RecorderUnavailable extends Error {
  override readonly name = 'RecorderUnavailable';
}

export interface CallRecorder {
  addAudio(stream: MediaStream): void;
  /** Stops recording; resolves when the last slice is stored (the upload goes on). */
  stop(): Promise<void>;
  uploader: Uploader;
}

export async function startRecorder(options: {
  callId: string;
  objectId: string;
  agent: string;
  tiles: () => Tile[];
  audio: MediaStream[];
  onUpload: (state: UploadState) => void;
}): Promise<CallRecorder> {
  const mimeType = recordingMimeType();
  if (!mimeType) {
    throw new RecorderUnavailable(
      'This browser cannot record the call (no MediaRecorder with WebM or MP4). The call goes on unrecorded; use a current Chrome, Edge or Firefox to record.',
    );
  }
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

  const composition = composeCall(options.tiles);
  options.audio.forEach((stream) => composition.addAudio(stream));
  const mediaRecorder = new MediaRecorder(composition.stream, {
    mimeType,
    videoBitsPerSecond: 1_000_000,
    audioBitsPerSecond: 64_000,
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
