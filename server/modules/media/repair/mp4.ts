// Moves an MP4's movie box (moov) in front of its media data ("faststart"), shifting every chunk offset.
import { open } from 'node:fs/promises';
import { MediaParseError, type MediaProbe, type Mp4Scan } from '../probe';
import { describeMp4 } from '../probe/mp4';
import { OutputFile, readFully } from './output-file';

/** moov holds the sample tables: megabytes for hours of video. More is not a recording. */
const MAX_MOOV_SIZE = 256 * 1024 * 1024;
const CONTAINERS: ReadonlySet<string> = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl']);
const UINT32_LIMIT = 2 ** 32;

type MoovNode =
  | { kind: 'leaf'; bytes: Buffer }
  | { kind: 'container'; type: string; children: MoovNode[] }
  /** stco (32-bit) or co64 (64-bit) chunk offsets, still in the input's bytes; `wide` decides the output. */
  | {
      kind: 'chunks';
      versionAndFlags: Buffer;
      count: number;
      entries: Buffer;
      inputWide: boolean;
      wide: boolean;
    };

type ChunkTable = Extract<MoovNode, { kind: 'chunks' }>;

/** Where moov and the first mdat were in the original file. */
export interface MoovPlacement {
  moovOffset: number;
  moovEnd: number;
  firstMdatOffset: number;
}

export function needsFaststart(scan: Mp4Scan): boolean {
  return (
    !scan.fragmented &&
    scan.moovOffset !== null &&
    scan.firstMdatOffset !== null &&
    scan.moovOffset > scan.firstMdatOffset
  );
}

/** Where the rewrite put moov and the first mdat, and how long the file came out. */
export interface FaststartLayout {
  moovOffset: number;
  firstMdatOffset: number;
  fileSize: number;
}

/**
 * Writes ftyp (and whatever preceded the first mdat), the relocated moov, then the rest, mdat streamed:
 * one read of the file, plus moov's own bytes once more.
 */
export async function writeFaststart(
  inputPath: string,
  scan: Mp4Scan,
  outputPath: string,
): Promise<FaststartLayout> {
  const moovBox = scan.boxes.find((box) => box.offset === scan.moovOffset);
  if (!moovBox || scan.firstMdatOffset === null) throw new Error('writeFaststart needs a moov after an mdat');
  const moovSize = moovBox.end - moovBox.offset;
  if (moovSize > MAX_MOOV_SIZE) {
    throw new MediaParseError('unsupported', `The movie box is implausibly large (${moovSize} bytes).`);
  }
  const source = await open(inputPath, 'r');
  let output: OutputFile | null = null;
  try {
    const moov = Buffer.alloc(moovSize);
    await readFully(source, moov, moovBox.offset);
    const relocated = relocateMoov(moov, {
      moovOffset: moovBox.offset,
      moovEnd: moovBox.end,
      firstMdatOffset: scan.firstMdatOffset,
    });
    const firstMdatOffset = scan.firstMdatOffset;
    const before = scan.boxes.filter((box) => box.offset < firstMdatOffset);
    const after = scan.boxes.filter((box) => box.offset >= firstMdatOffset && box !== moovBox);

    output = await OutputFile.create(outputPath);
    for (const box of before) await output.copyRange(source, box.offset, box.end);
    await output.write(relocated);
    for (const box of after) await output.copyRange(source, box.offset, box.end);
    const fileSize = scan.fileSize - moovSize + relocated.length;
    if (output.position !== fileSize) {
      throw new Error(`MP4 rewrite wrote ${output.position} bytes, planned otherwise`);
    }
    await output.close();
    output = null;
    return { moovOffset: firstMdatOffset, firstMdatOffset: firstMdatOffset + relocated.length, fileSize };
  } finally {
    await output?.abandon();
    await source.close();
  }
}

/**
 * The probe of the rewritten file, from the scan of the original: the same moov (sample tables, durations,
 * codecs) with only chunk offsets moved, now in front of the media data.
 */
export function describeRepairedMp4(scan: Mp4Scan, layout: FaststartLayout): MediaProbe {
  return describeMp4({ ...scan, ...layout });
}

/**
 * The moov box to place just before the first mdat, with chunk offsets moved by what moves in front of
 * them. A 32-bit stco that would overflow becomes a co64, which grows moov and so the shift: sizes are
 * settled first, by widening until nothing more needs it.
 */
export function relocateMoov(moov: Buffer, placement: MoovPlacement): Buffer {
  const root = parseNode(moov, 0, moov.length);
  const tables: ChunkTable[] = [];
  collectTables(root, tables);
  const oldSize = placement.moovEnd - placement.moovOffset;
  let newSize = sizeOf(root);
  const shifted = (offset: number) => {
    if (offset < placement.firstMdatOffset) return offset;
    return offset < placement.moovOffset ? offset + newSize : offset + newSize - oldSize;
  };
  for (let widened = true; widened; newSize = sizeOf(root)) {
    widened = false;
    for (const table of tables) {
      if (!table.wide && someOffset(table, (offset) => shifted(offset) >= UINT32_LIMIT)) {
        table.wide = true;
        widened = true;
      }
    }
  }
  const out = Buffer.alloc(newSize);
  const written = writeNode(root, out, 0, shifted);
  if (written !== newSize) throw new Error(`moov rewrite wrote ${written} bytes, planned ${newSize}`);
  return out;
}

function notMp4(detail: string): MediaParseError {
  return new MediaParseError('not_media', `Not a valid MP4 file: ${detail}.`);
}

function parseNode(bytes: Buffer, start: number, parentEnd: number): MoovNode {
  if (parentEnd - start < 8) throw notMp4(`box header cut short inside moov at byte ${start}`);
  const size32 = bytes.readUInt32BE(start);
  const type = bytes.toString('latin1', start + 4, start + 8);
  let headerSize = 8;
  let end = start + size32;
  if (size32 === 1) {
    if (parentEnd - start < 16) throw notMp4(`box header cut short inside moov at byte ${start}`);
    headerSize = 16;
    end = start + Number(bytes.readBigUInt64BE(start + 8));
  } else if (size32 === 0) end = parentEnd;
  if (end < start + headerSize || end > parentEnd)
    throw notMp4(`box "${type}" overruns moov at byte ${start}`);

  if (CONTAINERS.has(type)) {
    const children: MoovNode[] = [];
    for (let at = start + headerSize; at < end;) {
      const child = parseNode(bytes, at, end);
      children.push(child);
      at += sizeOfParsed(bytes, at, end);
    }
    return { kind: 'container', type, children };
  }
  if (type === 'stco' || type === 'co64') {
    const wide = type === 'co64';
    const payload = start + headerSize;
    if (end - payload < 8) throw notMp4(`${type} box is too short`);
    const count = bytes.readUInt32BE(payload + 4);
    const width = wide ? 8 : 4;
    if (payload + 8 + count * width > end) throw notMp4(`${type} claims more chunks than it holds`);
    return {
      kind: 'chunks',
      versionAndFlags: bytes.subarray(payload, payload + 4),
      count,
      entries: bytes.subarray(payload + 8, payload + 8 + count * width),
      inputWide: wide,
      wide,
    };
  }
  return { kind: 'leaf', bytes: bytes.subarray(start, end) };
}

/** The length of the box at `start`, as parseNode validated it. */
function sizeOfParsed(bytes: Buffer, start: number, parentEnd: number): number {
  const size32 = bytes.readUInt32BE(start);
  if (size32 === 1) return Number(bytes.readBigUInt64BE(start + 8));
  return size32 === 0 ? parentEnd - start : size32;
}

function offsetAt(table: ChunkTable, index: number): number {
  return table.inputWide
    ? Number(table.entries.readBigUInt64BE(index * 8))
    : table.entries.readUInt32BE(index * 4);
}

function someOffset(table: ChunkTable, test: (offset: number) => boolean): boolean {
  for (let index = 0; index < table.count; index++) if (test(offsetAt(table, index))) return true;
  return false;
}

function collectTables(node: MoovNode, into: ChunkTable[]): void {
  if (node.kind === 'chunks') into.push(node);
  else if (node.kind === 'container') for (const child of node.children) collectTables(child, into);
}

function sizeOf(node: MoovNode): number {
  if (node.kind === 'leaf') return node.bytes.length;
  if (node.kind === 'chunks') return 16 + node.count * (node.wide ? 8 : 4);
  return 8 + node.children.reduce((total, child) => total + sizeOf(child), 0);
}

function writeNode(node: MoovNode, out: Buffer, at: number, shifted: (offset: number) => number): number {
  if (node.kind === 'leaf') return at + node.bytes.copy(out, at);
  const size = sizeOf(node);
  if (size >= UINT32_LIMIT) throw new MediaParseError('unsupported', 'The movie box is larger than 4 GB.');
  out.writeUInt32BE(size, at);
  if (node.kind === 'container') {
    out.write(node.type, at + 4, 'latin1');
    let position = at + 8;
    for (const child of node.children) position = writeNode(child, out, position, shifted);
    return position;
  }
  out.write(node.wide ? 'co64' : 'stco', at + 4, 'latin1');
  node.versionAndFlags.copy(out, at + 8);
  out.writeUInt32BE(node.count, at + 12);
  let position = at + 16;
  for (let index = 0; index < node.count; index++) {
    const offset = shifted(offsetAt(node, index));
    if (node.wide) out.writeBigUInt64BE(BigInt(offset), position);
    else out.writeUInt32BE(offset, position);
    position += node.wide ? 8 : 4;
  }
  return position;
}
