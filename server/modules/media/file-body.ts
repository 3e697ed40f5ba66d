// The body of a media response: a byte range of an open file, written to the response through large
// buffers that are reused from request to request.
//
// Why not fs.ReadStream (what @fastify/send returned): it allocates a new buffer for every chunk, and a
// CPU profile of bench/media-serving.ts showed the server spending its time allocating, faulting in and
// collecting those buffers (a fresh 1 MiB buffer is a fresh mmap). Here each response takes up to two
// 1 MiB buffers from a pool: one is read from disk while the other is being written, and a buffer goes
// back to the pool only once the socket has taken all of its bytes (the write callback), so a buffer is
// never overwritten while its bytes are still queued. Backpressure: at most those two buffers per
// response are in flight; when `write` says the client is slow, the next read waits for 'drain'.
//
// Fastify pipes a stream body into the response; this Readable overrides `pipe` to run the copy loop
// itself, so it keeps Fastify's lifecycle (onSend hooks, headers, logging) and its clean-up: when the
// client goes away Fastify destroys the body, the loop stops and the file is closed.
import { once } from 'node:events';
import type { FileHandle } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';

const POOLED_BUFFER_BYTES = 1024 * 1024;
/** Past this many pooled buffers in use at once (64 MiB), responses fall back to small fresh buffers. */
const MAX_POOLED_IN_USE = 64;
const FALLBACK_BUFFER_BYTES = 64 * 1024;
const FIRST_READ_BYTES = 64 * 1024;
/** Free buffers kept for the next responses. */
const MAX_POOLED_FREE = 16;

const pool = {
  free: [] as Buffer[],
  inUse: 0,
  take(wanted: number): Buffer {
    // A small answer needs no big buffer, and a fresh small one costs little.
    if (wanted <= FALLBACK_BUFFER_BYTES) return Buffer.allocUnsafe(wanted);
    if (this.inUse >= MAX_POOLED_IN_USE) return Buffer.allocUnsafe(FALLBACK_BUFFER_BYTES);
    this.inUse++;
    return this.free.pop() ?? Buffer.allocUnsafeSlow(POOLED_BUFFER_BYTES);
  },
  /** Only once no pending write references the buffer's bytes. */
  give(buffer: Buffer): void {
    if (buffer.length !== POOLED_BUFFER_BYTES) return;
    this.inUse--;
    if (this.free.length < MAX_POOLED_FREE) this.free.push(buffer);
  },
};

interface Slot {
  buffer: Buffer;
  /** Resolves (never rejects) when the socket has taken this buffer's bytes, with the write's error. */
  written: Promise<Error | null> | null;
}

const STOPPED = Symbol('stopped');

export class FileBody extends Readable {
  private started = false;
  private finished = false;
  private closing: Promise<void> | null = null;
  private readonly stopped: Promise<typeof STOPPED>;
  private stop!: () => void;

  /** Sends bytes [start, end) of `file`, and closes `file` however the response ends. */
  constructor(
    private readonly file: FileHandle,
    private readonly start: number,
    private readonly end: number,
  ) {
    super();
    this.stopped = new Promise((resolve) => (this.stop = () => resolve(STOPPED)));
  }

  override pipe<T extends NodeJS.WritableStream>(destination: T): T {
    if (this.started) throw new Error('a FileBody can be sent once');
    this.started = true;
    this.resume(); // flowing, so that the push(null) at the end is seen as 'end'
    void this.copyTo(destination as unknown as Writable);
    return destination;
  }

  override _read(): void {
    // Bytes go straight to the destination in copyTo; the readable side only ever ends.
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stop();
    // Before it is piped, or once the copy is over, the file is closed here; meanwhile copyTo closes it.
    if (!this.started || this.finished) this.closeFile().then(() => callback(error), callback);
    else callback(error);
  }

  private closeFile(): Promise<void> {
    this.closing ??= this.file.close();
    return this.closing;
  }

  private async copyTo(destination: Writable): Promise<void> {
    const length = this.end - this.start;
    const slots: Slot[] = [];
    try {
      slots.push({ buffer: pool.take(length), written: null });
      if (length > slots[0]!.buffer.length) slots.push({ buffer: pool.take(length), written: null });
      let position = this.start;
      for (let turn = 0; position < this.end; turn++) {
        const slot = slots[turn % slots.length]!;
        if (!(await this.settle(slot))) return;
        // A long body starts with a short read, so its first bytes leave at once (a player seeking
        // often reads only those before it moves on); then whole buffers.
        const limit = turn === 0 && slots.length > 1 ? FIRST_READ_BYTES : slot.buffer.length;
        const wanted = Math.min(limit, this.end - position);
        const { bytesRead } = await this.file.read(slot.buffer, 0, wanted, position);
        if (this.destroyed) return;
        // The size came from fstat on this very descriptor; a file cut short under us is a server error.
        if (bytesRead === 0) throw new Error(`media file ended at byte ${position}, before ${this.end}`);
        position += bytesRead;
        const chunk = bytesRead === slot.buffer.length ? slot.buffer : slot.buffer.subarray(0, bytesRead);
        let accepted = true;
        slot.written = new Promise((resolve) => {
          accepted = destination.write(chunk, (error) => resolve(error ?? null));
        });
        if (!accepted) {
          // Never rejects, so that a response that errors after we stopped waiting cannot go unhandled.
          const drained = once(destination, 'drain').then(
            () => null,
            (error: unknown) => error as Error,
          );
          const outcome = await this.unlessStopped(drained);
          if (outcome === STOPPED) return;
          if (outcome) throw outcome;
        }
      }
      for (const slot of slots) if (!(await this.settle(slot))) return;
      this.push(null);
      destination.end();
    } catch (error) {
      this.destroy(error as Error);
    } finally {
      this.finished = true;
      // A buffer whose write has not reported back may still be read by the socket: it goes back to
      // the pool only when the write does (as it does, with an error, when the socket is destroyed).
      for (const { buffer, written } of slots) {
        if (written) void written.then(() => pool.give(buffer));
        else pool.give(buffer);
      }
      await this.closeFile().catch(() => undefined);
    }
  }

  /** Waits until the socket has taken the slot's last bytes; false when the response is over. */
  private async settle(slot: Slot): Promise<boolean> {
    if (slot.written) {
      const outcome = await this.unlessStopped(slot.written);
      if (outcome === STOPPED) return false;
      slot.written = null;
      if (outcome) throw outcome;
    }
    return !this.destroyed;
  }

  /** Waits for `promise`, or until the body is destroyed (the client left). */
  private unlessStopped<T>(promise: Promise<T>): Promise<T | typeof STOPPED> {
    return Promise.race([promise, this.stopped]);
  }
}
