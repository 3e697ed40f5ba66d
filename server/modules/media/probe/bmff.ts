// ISO BMFF (MP4) boxes: headers with 32-bit, 64-bit and to-the-end sizes, and bounded payload reads.
import { MediaParseError } from './errors';
import type { PositionedReader } from './reader';

export interface Box {
  type: string;
  offset: number;
  dataOffset: number;
  /** Where the box ends as declared; may lie past the end of a cut file. */
  end: number;
}

export function notMp4(detail: string): MediaParseError {
  return new MediaParseError('not_media', `Not a valid MP4 file: ${detail}.`);
}

export function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0, bytes[at + 3] ?? 0);
}

export function u16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

export function u32(bytes: Uint8Array, at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) |
      ((bytes[at + 1] ?? 0) << 16) |
      ((bytes[at + 2] ?? 0) << 8) |
      (bytes[at + 3] ?? 0)) >>>
    0
  );
}

export function i32(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) | 0;
}

/** 64-bit values as numbers: exact up to 2^53, far beyond any real size or duration. */
export function u64(bytes: Uint8Array, at: number): number {
  return u32(bytes, at) * 2 ** 32 + u32(bytes, at + 4);
}

export function i64(bytes: Uint8Array, at: number): number {
  return i32(bytes, at) * 2 ** 32 + u32(bytes, at + 4);
}

/** Reads the box header at `position`; a size of 0 means the box runs to `parentEnd`. */
export async function readBox(reader: PositionedReader, position: number, parentEnd: number): Promise<Box> {
  const bytes = await reader.readExactly(position, Math.min(16, parentEnd - position), 'a box header');
  if (bytes.length < 8)
    throw new MediaParseError('truncated', `The file ends inside a box header at byte ${position}.`);
  const size32 = u32(bytes, 0);
  const type = fourCC(bytes, 4);
  let headerSize = 8;
  let end: number;
  if (size32 === 1) {
    if (bytes.length < 16)
      throw new MediaParseError('truncated', `The file ends inside a box header at byte ${position}.`);
    headerSize = 16;
    end = position + u64(bytes, 8);
  } else if (size32 === 0) {
    end = parentEnd;
  } else {
    end = position + size32;
  }
  if (type === 'uuid') headerSize += 16;
  if (end < position + headerSize)
    throw notMp4(`box "${printable(type)}" at byte ${position} is smaller than its header`);
  return { type, offset: position, dataOffset: position + headerSize, end };
}

/**
 * Calls `visit` for each child of a box that lies wholly inside the file (the caller checked), so a
 * child running past its parent is corruption rather than a cut.
 */
export async function forEachBox(
  reader: PositionedReader,
  from: number,
  parentEnd: number,
  visit: (box: Box) => Promise<void> | void,
): Promise<void> {
  for (let position = from; position + 8 <= parentEnd;) {
    const box = await readBox(reader, position, parentEnd);
    if (box.end > parentEnd)
      throw notMp4(`box "${printable(box.type)}" at byte ${position} overruns its parent`);
    await visit(box);
    position = box.end; // every box is at least 8 bytes, so this always moves forward
  }
}

/** The first `length` payload bytes of a box (fewer if the box is smaller). */
export async function readPayload(reader: PositionedReader, box: Box, length: number): Promise<Uint8Array> {
  const available = Math.max(0, Math.min(length, box.end - box.dataOffset));
  return reader.readExactly(box.dataOffset, available, `the "${printable(box.type)}" box`);
}

/** Payload of a "full box" whose fields need `minimum` bytes; shorter is corruption. */
export async function readFullBox(reader: PositionedReader, box: Box, length: number, minimum: number) {
  const bytes = await readPayload(reader, box, length);
  if (bytes.length < minimum) throw notMp4(`"${printable(box.type)}" box at byte ${box.offset} is too short`);
  return {
    version: bytes[0] ?? 0,
    flags: ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
    bytes,
  };
}

export function printable(type: string): string {
  return type.replace(/[^\x20-\x7e]/g, '?');
}
