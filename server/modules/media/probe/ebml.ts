// EBML, the binary format under Matroska and WebM: variable-length integers, element headers, leaf values.
import { MediaParseError } from './errors';
import type { PositionedReader } from './reader';

export const EbmlId = {
  Ebml: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecId: 0x86,
  DefaultDuration: 0x23e383,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  BlockDuration: 0x9b,
  ReferenceBlock: 0xfb,
  Cues: 0x1c53bb6b,
  Chapters: 0x1043a770,
  Tags: 0x1254c367,
  Attachments: 0x1941a469,
  Void: 0xec,
  Crc32: 0xbf,
} as const;

/** IDs that can only appear directly in a Segment (or start a new stream): they end an unknown-size Cluster. */
export const SEGMENT_LEVEL_IDS: ReadonlySet<number> = new Set([
  EbmlId.Ebml,
  EbmlId.Segment,
  EbmlId.SeekHead,
  EbmlId.Info,
  EbmlId.Tracks,
  EbmlId.Cluster,
  EbmlId.Cues,
  EbmlId.Chapters,
  EbmlId.Tags,
  EbmlId.Attachments,
]);

/** An ID of up to 4 bytes and a size of up to 8. */
export const MAX_HEADER_LENGTH = 12;

export interface ElementHeader {
  id: number;
  /** Absolute file position of the element's first ID byte. */
  offset: number;
  /** Absolute file position of the first payload byte. */
  dataOffset: number;
  /** Payload size, or null for the "unknown size" marker live writers such as MediaRecorder use. */
  size: number | null;
}

export function notMatroska(detail: string): MediaParseError {
  return new MediaParseError('not_media', `Not a valid WebM/Matroska file: ${detail}.`);
}

/** Number of bytes in a vint, from the position of the first set bit of its first byte (0 = invalid). */
export function vintLength(firstByte: number): number {
  return firstByte === 0 ? 0 : Math.clz32(firstByte) - 23;
}

/**
 * Parses an element header from `bytes` (which start at file position `offset`). Returns null when
 * `bytes` ends before the header does, so the caller can tell a cut file from a corrupt one.
 */
export function parseElementHeader(bytes: Uint8Array, offset: number): ElementHeader | null {
  const first = bytes[0];
  if (first === undefined) return null;
  const idLength = vintLength(first);
  if (idLength === 0 || idLength > 4) throw notMatroska(`invalid element ID at byte ${offset}`);
  if (bytes.length < idLength + 1) return null;
  let id = 0;
  for (let i = 0; i < idLength; i++) id = id * 256 + (bytes[i] ?? 0);

  const sizeFirst = bytes[idLength] ?? 0;
  const sizeLength = vintLength(sizeFirst);
  if (sizeLength === 0) throw notMatroska(`invalid element size at byte ${offset + idLength}`);
  if (bytes.length < idLength + sizeLength) return null;
  const marker = 0x80 >> (sizeLength - 1);
  let size = sizeFirst & (marker - 1);
  let allOnes = size === marker - 1;
  for (let i = 1; i < sizeLength; i++) {
    const byte = bytes[idLength + i] ?? 0;
    allOnes &&= byte === 0xff;
    // Past 2^53 this loses precision, but such a size is beyond any real file and is rejected as such.
    size = size * 256 + byte;
  }
  return { id, offset, dataOffset: offset + idLength + sizeLength, size: allOnes ? null : size };
}

/** Reads the element header at `position`; a file that ends inside it is truncated. */
export async function readElementHeader(reader: PositionedReader, position: number): Promise<ElementHeader> {
  const bytes = reader.peek(position, MAX_HEADER_LENGTH) ?? (await reader.read(position, MAX_HEADER_LENGTH));
  const header = parseElementHeader(bytes, position);
  if (!header) {
    throw new MediaParseError('truncated', `The file ends inside an element header at byte ${position}.`);
  }
  return header;
}

/**
 * The end of a known-size element that must fit inside `parentEnd`: running past the end of the file
 * means the file was cut; running past a parent that is itself inside the file means it is corrupt.
 */
export function knownEnd(header: ElementHeader, parentEnd: number, fileSize: number): number {
  if (header.size === null) {
    throw notMatroska(`element 0x${header.id.toString(16)} at byte ${header.offset} has an unknown size`);
  }
  const end = header.dataOffset + header.size;
  if (end > fileSize) {
    throw new MediaParseError(
      'truncated',
      `The file ends inside element 0x${header.id.toString(16)} that starts at byte ${header.offset}.`,
    );
  }
  if (end > parentEnd) {
    throw notMatroska(`element at byte ${header.offset} overruns its parent`);
  }
  return end;
}

/** Calls `visit` for each child of a known-size master element. */
export async function forEachChild(
  reader: PositionedReader,
  parent: ElementHeader,
  parentEnd: number,
  visit: (child: ElementHeader, end: number) => Promise<void> | void,
): Promise<void> {
  let position = parent.dataOffset;
  while (position < parentEnd) {
    const child = await readElementHeader(reader, position);
    const end = knownEnd(child, parentEnd, reader.size);
    await visit(child, end);
    position = end; // every header is at least 2 bytes, so this always moves forward
  }
}

/** Reads a leaf element's payload; leaves this probe reads are small, so a large one is corrupt. */
export async function readLeaf(
  reader: PositionedReader,
  header: ElementHeader,
  maxSize = 256,
): Promise<Uint8Array> {
  const size = header.size ?? Infinity;
  if (size > maxSize) throw notMatroska(`implausibly large value at byte ${header.offset}`);
  return reader.readExactly(header.dataOffset, size, 'a value');
}

export function readUnsigned(bytes: Uint8Array): number {
  if (bytes.length > 8) throw notMatroska('integer wider than 8 bytes');
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

export function readFloat(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length === 0) return 0;
  if (bytes.length === 4) return view.getFloat32(0);
  if (bytes.length === 8) return view.getFloat64(0);
  throw notMatroska(`a float of ${bytes.length} bytes`);
}

export function readAscii(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    if (byte === 0) break; // strings may be zero-padded
    text += String.fromCharCode(byte);
  }
  return text;
}
