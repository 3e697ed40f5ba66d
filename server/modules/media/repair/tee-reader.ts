// A PositionedReader that reads its file front to back exactly once and hands every byte, in order, to
// a sink as the window moves past it, so a scan and a copy share one read of the file.
import { open } from 'node:fs/promises';
import { PositionedReader } from '../probe/reader';

/** Receives bytes [offset, offset + bytes.length); the view is valid only until the promise settles. */
export type ByteSink = (bytes: Uint8Array, offset: number) => Promise<void>;

const WINDOW_BYTES = 1024 * 1024;

export class TeeReader extends PositionedReader {
  /** Bytes before this offset have been handed to the sink. */
  private delivered = 0;
  /** null: a plain PositionedReader (what the scan skips is never read). */
  sink: ByteSink | null = null;

  static async openTee(path: string): Promise<TeeReader> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      return new TeeReader(handle, size, WINDOW_BYTES);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * Hands the sink every byte up to `end` not handed yet: from the window while it holds them, read
   * from the file past it. The scan's walk only moves forward, so nothing is read twice.
   */
  async deliverThrough(end: number): Promise<void> {
    const sink = this.sink;
    if (!sink) return;
    const until = Math.min(end, this.size);
    while (this.delivered < until) {
      const windowEnd = this.windowStart + this.windowLength;
      if (this.delivered >= this.windowStart && this.delivered < windowEnd) {
        const upTo = Math.min(until, windowEnd);
        await sink(
          this.window.subarray(this.delivered - this.windowStart, upTo - this.windowStart),
          this.delivered,
        );
        this.delivered = upTo;
      } else {
        await super.fill(this.delivered);
        if (this.windowLength === 0) {
          throw new Error(`The input ended at byte ${this.delivered} while it was being copied.`);
        }
      }
    }
  }

  protected override async fill(position: number): Promise<void> {
    // What the window is about to drop goes to the sink first (and what the scan jumps over with it).
    if (this.sink && position > this.delivered) await this.deliverThrough(position);
    await super.fill(position);
  }
}
