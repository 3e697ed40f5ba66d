// Writes a file front to back through one fixed buffer (large pieces go straight to disk), so rewriting
// a multi-GB recording costs the same memory as rewriting a small one. Bytes already written can be
// patched in place (sizes known only later) and the end can be taken back (bytes written too soon).
//
// Not fsynced: the output is scratch in the work directory; what lasts is the copy storage makes of it
// (putFile syncs its own copy, or uploads it to S3), and a crash before that completes nothing.
import { open, type FileHandle } from 'node:fs/promises';

const BUFFER_SIZE = 1024 * 1024;
/** Pieces at least this large skip the buffer: one write instead of a copy and a write. */
const DIRECT_WRITE_BYTES = BUFFER_SIZE / 2;

export class OutputFile {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_SIZE);
  private used = 0;
  /** File position of buffer[0]: everything before it is on disk. */
  private bufferStart = 0;
  /** The furthest position ever flushed, to cut the file there if the end was taken back. */
  private flushedEnd = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** Creates `path`, which must not exist yet. */
  static async create(path: string): Promise<OutputFile> {
    return new OutputFile(await open(path, 'wx'));
  }

  /** Bytes accepted so far: the output position of the next byte. */
  get position(): number {
    return this.bufferStart + this.used;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length > this.buffer.length - this.used) await this.flush();
    if (bytes.length >= DIRECT_WRITE_BYTES) {
      await this.flush();
      await this.writeAt(bytes, this.bufferStart);
      this.bufferStart += bytes.length;
    } else {
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
    }
  }

  /** Appends bytes [start, end) of `source`, read straight into the buffer. */
  async copyRange(source: FileHandle, start: number, end: number): Promise<void> {
    for (let at = start; at < end;) {
      if (this.used === this.buffer.length) await this.flush();
      const wanted = Math.min(this.buffer.length - this.used, end - at);
      const { bytesRead } = await source.read(this.buffer, this.used, wanted, at);
      // The scan saw these bytes: a file that shrinks under us is the server's problem, not the upload's.
      if (bytesRead === 0) throw new Error(`The input ended at byte ${at} while it was being copied.`);
      this.used += bytesRead;
      at += bytesRead;
    }
  }

  /** Overwrites bytes already written, at `at` (the length does not change). */
  async patch(at: number, bytes: Uint8Array): Promise<void> {
    if (at < 0 || at + bytes.length > this.position) throw new RangeError(`patch at ${at} past the end`);
    const onDisk = Math.max(0, Math.min(bytes.length, this.bufferStart - at));
    if (onDisk > 0) await this.writeAt(bytes.subarray(0, onDisk), at);
    if (onDisk < bytes.length) this.buffer.set(bytes.subarray(onDisk), at + onDisk - this.bufferStart);
  }

  /** Takes back everything from `position` on: the next write goes there. */
  rewind(position: number): void {
    if (position > this.position) throw new RangeError(`rewind to ${position} past the end`);
    if (position >= this.bufferStart) this.used = position - this.bufferStart;
    else {
      this.bufferStart = position;
      this.used = 0;
    }
  }

  /** Flushes and closes; the file is complete once this resolves. */
  async close(): Promise<void> {
    try {
      await this.flush();
      if (this.flushedEnd > this.position) await this.handle.truncate(this.position);
    } finally {
      await this.handle.close();
    }
  }

  /** Closes without flushing, after a failure. */
  async abandon(): Promise<void> {
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.writeAt(this.buffer.subarray(0, this.used), this.bufferStart);
    this.bufferStart += this.used;
    this.used = 0;
  }

  private async writeAt(bytes: Uint8Array, position: number): Promise<void> {
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, position + done);
      done += bytesWritten;
    }
    this.flushedEnd = Math.max(this.flushedEnd, position + bytes.length);
  }
}

/** Fills `into` from `source` at `position`. */
export async function readFully(source: FileHandle, into: Buffer, position: number): Promise<void> {
  for (let done = 0; done < into.length;) {
    const { bytesRead } = await source.read(into, done, into.length - done, position + done);
    if (bytesRead === 0)
      throw new Error(`The input ended at byte ${position + done} while it was being read.`);
    done += bytesRead;
  }
}
