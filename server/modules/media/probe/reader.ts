// Positioned reads through one small reusable buffer, so probing a multi-GB file costs constant memory.
import { open, type FileHandle } from 'node:fs/promises';
import { MediaParseError } from './errors';

const DEFAULT_WINDOW = 64 * 1024;

export class PositionedReader {
  protected readonly window: Buffer;
  protected windowStart = 0;
  protected windowLength = 0;

  protected constructor(
    protected readonly handle: FileHandle,
    readonly size: number,
    windowSize: number,
  ) {
    this.window = Buffer.alloc(windowSize);
  }

  static async open(path: string, windowSize = DEFAULT_WINDOW): Promise<PositionedReader> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      return new PositionedReader(handle, size, windowSize);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Opens `path`, hands the reader to `use`, and closes the file however `use` ends. */
  static async with<T>(path: string, use: (reader: PositionedReader) => Promise<T>): Promise<T> {
    const reader = await PositionedReader.open(path);
    try {
      return await use(reader);
    } finally {
      await reader.close();
    }
  }

  get windowSize(): number {
    return this.window.length;
  }

  /**
   * The bytes at [position, position + length), fewer only where the file ends first, or null when
   * they are not in the buffer yet. Most reads are a few header bytes just past the previous ones,
   * so this synchronous path keeps a walk over a million blocks from paying for a million awaits.
   * The view is valid only until the next read.
   */
  peek(position: number, length: number): Uint8Array | null {
    const wanted = Math.min(length, this.size - position);
    if (wanted < 0) return new Uint8Array(0);
    const start = position - this.windowStart;
    if (start < 0 || start + wanted > this.windowLength) return null;
    return this.window.subarray(start, start + wanted);
  }

  /** Like peek, but fetches from the file when needed. */
  async read(position: number, length: number): Promise<Uint8Array> {
    if (length > this.window.length) {
      // Callers cap every length taken from the file; reaching this is a bug in the probe, not bad input.
      throw new Error(`read of ${length} bytes exceeds the ${this.window.length}-byte window`);
    }
    const cached = this.peek(position, length);
    if (cached) return cached;
    await this.fill(position);
    return this.peek(position, length) ?? new Uint8Array(0);
  }

  /** Like read, but a file that ends early is a truncated file. */
  async readExactly(position: number, length: number, what: string): Promise<Uint8Array> {
    const bytes = this.peek(position, length) ?? (await this.read(position, length));
    if (bytes.length < length) {
      throw new MediaParseError('truncated', `The file ends inside the ${what} (at byte ${this.size}).`);
    }
    return bytes;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  /** Makes the window start at `position`; bytes it already holds from there on are kept, not read again. */
  protected async fill(position: number): Promise<void> {
    const wanted = Math.min(this.window.length, this.size - position);
    const kept = position - this.windowStart;
    if (kept >= 0 && kept < this.windowLength) {
      this.window.copyWithin(0, kept, this.windowLength);
      this.windowLength -= kept;
    } else {
      this.windowLength = 0;
    }
    this.windowStart = position;
    // A positioned read may return fewer bytes than asked even before the end of the file.
    while (this.windowLength < wanted) {
      const { bytesRead } = await this.handle.read(
        this.window,
        this.windowLength,
        wanted - this.windowLength,
        position + this.windowLength,
      );
      if (bytesRead === 0) break;
      this.windowLength += bytesRead;
    }
  }
}
