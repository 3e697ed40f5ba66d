// Where recordings live. Local disk by default; an S3-compatible store at scale (same interface).
import type { Readable } from 'node:stream';

export interface StoredObject {
  size: number;
  lastModified: Date;
}

export interface MediaStorage {
  readonly kind: 'local' | 's3';
  /** Stores the file at `sourcePath` under `key` (streamed, constant memory). */
  putFile(key: string, sourcePath: string, contentType: string): Promise<StoredObject>;
  /**
   * Stores what `source` yields under `key` (streamed, constant memory). Rejects when `source` errors,
   * and then leaves nothing under `key`: a half-received body never becomes an object.
   */
  putStream(key: string, source: Readable, contentType: string): Promise<StoredObject>;
  stat(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
  /** The keys under `prefix` (a key followed by `/`), in no particular order. */
  list(prefix: string): Promise<string[]>;
  /** Deletes every object under `prefix` (a key followed by `/`); nothing there is fine. */
  deletePrefix(prefix: string): Promise<void>;
  /** Streams a stored object (for CLI/export use; HTTP serving goes through `url`). */
  read(key: string): Promise<Readable>;
  /** An absolute URL a browser can play and seek: signed (local), presigned or direct (S3). */
  url(key: string): Promise<string>;
  /**
   * Deletes partial writes that a crashed process left behind (older than `maxAgeMs`, or of a process
   * that is gone); returns how many. S3 keeps no such files of ours: a multipart upload of a killed
   * process is left to the bucket's AbortIncompleteMultipartUpload lifecycle rule (README).
   */
  sweepTemporaries(maxAgeMs: number): Promise<number>;
}

/** Storage keys are relative, slash-separated, and made of safe characters only. */
export const STORAGE_KEY_PATTERN = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** By extension: recordings are WebM or MP4; audio-only files an operator imports play with their own type. */
const CONTENT_TYPES = new Map(
  Object.entries({
    webm: 'video/webm',
    mp4: 'video/mp4',
    m4v: 'video/mp4',
    weba: 'audio/webm',
    m4a: 'audio/mp4',
    mp3: 'audio/mpeg',
    ogg: 'audio/ogg',
    oga: 'audio/ogg',
    opus: 'audio/ogg',
    wav: 'audio/wav',
    flac: 'audio/flac',
    aac: 'audio/aac',
  }),
);

export function contentTypeForKey(key: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(key)?.[1]?.toLowerCase() ?? '';
  return CONTENT_TYPES.get(extension) ?? 'application/octet-stream';
}

/** Checks that `prefix` is a storage key followed by `/` (so it names a whole "folder" and no more). */
export function assertStoragePrefix(prefix: string): void {
  if (!prefix.endsWith('/') || !STORAGE_KEY_PATTERN.test(prefix.slice(0, -1))) {
    throw new Error(`invalid storage prefix: ${JSON.stringify(prefix)}`);
  }
}
