// Encodes the EBML elements a WebM repair writes: IDs, size vints, and unsigned, float and master elements.

export const WriteId = {
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekId: 0x53ab,
  SeekPosition: 0x53ac,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Tracks: 0x1654ae6b,
  Cluster: 0x1f43b675,
  Cues: 0x1c53bb6b,
  CuePoint: 0xbb,
  CueTime: 0xb3,
  CueTrackPositions: 0xb7,
  CueTrack: 0xf7,
  CueClusterPosition: 0xf1,
  CueRelativePosition: 0xf0,
} as const;

/** An element ID as written: IDs keep their length marker, so the number's bytes are the ID's bytes. */
export function idBytes(id: number): Buffer {
  const length = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  return uintBytes(id, length);
}

/** Big-endian unsigned integer in exactly `length` bytes (exact up to 2^53). */
export function uintBytes(value: number, length: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 2 ** (8 * length)) {
    throw new RangeError(`${value} does not fit in ${length} unsigned bytes`);
  }
  const bytes = Buffer.alloc(length);
  let rest = value;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return bytes;
}

/** A size vint; the default 8 bytes lets a header be written before its size is final. */
export function sizeVint(size: number, length = 8): Buffer {
  // All ones is the unknown-size marker, so the largest size is one less.
  if (size >= 2 ** (7 * length) - 1)
    throw new RangeError(`size ${size} does not fit in a ${length}-byte vint`);
  const bytes = uintBytes(size, length);
  bytes[0] = (bytes[0] ?? 0) | (0x80 >> (length - 1));
  return bytes;
}

function minimalSizeLength(size: number): number {
  let length = 1;
  while (size >= 2 ** (7 * length) - 1) length++;
  return length;
}

/** The header of a master element whose payload is written separately (8-byte size). */
export function masterHeader(id: number, size: number): Buffer {
  return Buffer.concat([idBytes(id), sizeVint(size)]);
}

export function element(id: number, payload: Uint8Array): Buffer {
  return Buffer.concat([idBytes(id), sizeVint(payload.length, minimalSizeLength(payload.length)), payload]);
}

export function master(id: number, children: readonly Uint8Array[]): Buffer {
  return element(id, Buffer.concat(children));
}

/** An unsigned integer element: minimal width, or a fixed `width` so its length is known in advance. */
export function uintElement(id: number, value: number, width?: number): Buffer {
  let length = width ?? 1;
  if (width === undefined) while (value >= 2 ** (8 * length)) length++;
  return element(id, uintBytes(value, length));
}

export function floatElement(id: number, value: number): Buffer {
  const payload = Buffer.alloc(8);
  payload.writeDoubleBE(value);
  return element(id, payload);
}
