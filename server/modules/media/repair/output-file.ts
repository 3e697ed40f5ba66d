// Writes a file front to back through one fixed buffer, copying byte ranges of another file through it,
// so rewriting a multi-GB recording costs the same memory as rewriting a small one.
import { open, type FileHandle } from 'node:fs/promises';

const BUFFER_SIZE = 1024 * 1024;

export class OutputFile {
  private readonly buffer = Buffer.allocUnsafe(BUFFER_SIZE);
  private used = 0;
  /** Bytes accepted so far: the output position of the next byte. */
  position = 0;

  private constructor(private readonly handle: FileHandle) {}

  /** Creates `path`, which must not exist yet. */
  static async create(path: string): Promise<OutputFile> {
    return new OutputFile(await open(path, 'wx'));
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (bytes.length > this.buffer.length - this.used) await this.flush();
    if (bytes.length > this.buffer.length) await this.writeFully(bytes);
    else {
      this.buffer.set(bytes, this.used);
      this.used += bytes.length;
    }
    this.position += bytes.length;
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
      this.position += bytesRead;
      at += bytesRead;
    }
  }

  /** Flushes, syncs and closes; the file is complete once this resolves. */
  async close(): Promise<void> {
    try {
      await this.flush();
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
  }

  /** Closes without flushing, after a failure. */
  async abandon(): Promise<void> {
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    await this.writeFully(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  private async writeFully(bytes: Uint8Array): Promise<void> {
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done);
      done += bytesWritten;
    }
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
