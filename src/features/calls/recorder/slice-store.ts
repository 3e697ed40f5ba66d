// Where the recording waits until the server has it: IndexedDB, one record per recording and one per
// slice (its bytes and where they start in the file). A slice is deleted only once the server holds it,
// so a closed tab or a lost network loses nothing.

export interface StoredRecording {
  recordingId: string;
  callId: string;
  objectId: string;
  mimeType: string;
  /** Bytes written so far: the next slice starts here. */
  bytes: number;
  nextSeq: number;
  /** The recorder stopped: `bytes` is the final size. */
  ended: boolean;
}

export interface StoredSlice {
  recordingId: string;
  seq: number;
  start: number;
  blob: Blob;
}

const DB_NAME = 'tapeline-recorder';
const RECORDINGS = 'recordings';
const SLICES = 'slices';

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(RECORDINGS, { keyPath: 'recordingId' });
      request.result.createObjectStore(SLICES, { keyPath: ['recordingId', 'seq'] });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB is not available'));
    };
  });
  return opening;
}

function done(transaction: IDBTransaction) {
  return new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB write failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB write aborted'));
  });
}

function result<T>(request: IDBRequest<T>) {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB read failed'));
  });
}

export async function saveRecording(recording: StoredRecording) {
  const tx = (await open()).transaction(RECORDINGS, 'readwrite');
  tx.objectStore(RECORDINGS).put(recording);
  await done(tx);
}

export async function getRecording(recordingId: string): Promise<StoredRecording | undefined> {
  const tx = (await open()).transaction(RECORDINGS, 'readonly');
  return result(tx.objectStore(RECORDINGS).get(recordingId) as IDBRequest<StoredRecording | undefined>);
}

export async function allRecordings(): Promise<StoredRecording[]> {
  const tx = (await open()).transaction(RECORDINGS, 'readonly');
  return result(tx.objectStore(RECORDINGS).getAll() as IDBRequest<StoredRecording[]>);
}

/** Appends a slice and advances the recording's size, in one transaction. */
export async function appendSlice(recordingId: string, blob: Blob, ended = false) {
  const tx = (await open()).transaction([RECORDINGS, SLICES], 'readwrite');
  const recordings = tx.objectStore(RECORDINGS);
  const recording = await result(recordings.get(recordingId) as IDBRequest<StoredRecording | undefined>);
  if (!recording) throw new Error(`No stored recording ${recordingId}`);
  if (blob.size > 0) {
    tx.objectStore(SLICES).put({ recordingId, seq: recording.nextSeq, start: recording.bytes, blob });
  }
  recordings.put({
    ...recording,
    bytes: recording.bytes + blob.size,
    nextSeq: recording.nextSeq + 1,
    ended: recording.ended || ended,
  });
  await done(tx);
}

export async function markEnded(recordingId: string) {
  await appendSlice(recordingId, new Blob([]), true);
}

export async function slicesOf(recordingId: string): Promise<StoredSlice[]> {
  const tx = (await open()).transaction(SLICES, 'readonly');
  const range = IDBKeyRange.bound([recordingId, 0], [recordingId, Number.MAX_SAFE_INTEGER]);
  return result(tx.objectStore(SLICES).getAll(range) as IDBRequest<StoredSlice[]>);
}

export async function deleteSlice(recordingId: string, seq: number) {
  const tx = (await open()).transaction(SLICES, 'readwrite');
  tx.objectStore(SLICES).delete([recordingId, seq]);
  await done(tx);
}

export async function deleteRecording(recordingId: string) {
  const tx = (await open()).transaction([RECORDINGS, SLICES], 'readwrite');
  tx.objectStore(RECORDINGS).delete(recordingId);
  tx.objectStore(SLICES).delete(IDBKeyRange.bound([recordingId, 0], [recordingId, Number.MAX_SAFE_INTEGER]));
  await done(tx);
}
