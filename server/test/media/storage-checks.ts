// What the storage and media-route tests share: byte comparison and the contract every MediaStorage keeps.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { expect } from 'vitest';
import type { MediaStorage } from '../../modules/media/storage';

// toEqual walks a Buffer element by element (seconds for megabytes); compare lengths, then bytes.
export function expectSameBytes(actual: Buffer, expected: Buffer): void {
  expect(actual.length).toBe(expected.length);
  expect(actual.equals(expected)).toBe(true);
}

/**
 * putStream stores a whole stream, and a stream that fails half-way leaves nothing under its key.
 * Stores `uploads/r1/000.a`; the caller checks what else its backend must not have left behind.
 */
export async function expectPutStreamAllOrNothing(storage: MediaStorage): Promise<void> {
  const content = randomBytes(100_000);
  const stored = await storage.putStream('uploads/r1/000.a', Readable.from([content]), 'video/webm');
  expect(stored.size).toBe(content.length);
  expectSameBytes(await buffer(await storage.read('uploads/r1/000.a')), content);

  async function* cutOff() {
    yield content.subarray(0, 50_000);
    throw new Error('connection dropped');
  }
  await expect(storage.putStream('uploads/r1/100.b', Readable.from(cutOff()), 'video/webm')).rejects.toThrow(
    /connection dropped/,
  );
  expect(await storage.stat('uploads/r1/100.b')).toBeNull();
}
