// Ogg (Opus or Vorbis sound): walks every page header, payloads skipped unread, and measures the duration
// from the granule position of the last complete page. Ogg needs no index to seek: a player bisects on
// granule positions, so an Ogg file is stored as it came.
import { MediaParseError } from './errors';
import type { PositionedReader } from './reader';
import { formatOf, roundSeconds, type MediaProbe } from './types';

export interface OggScan {
  fileSize: number;
  codec: 'opus' | 'vorbis';
  serial: number;
  /** Samples per second of the granule positions: 48 kHz for Opus, the stream's rate for Vorbis. */
  granuleRate: number;
  /** Opus pre-skip: samples at the start that decoders drop. */
  preSkip: number;
  /** The highest granule position of the audio stream's complete pages; null when no page carried one. */
  lastGranule: number | null;
  pages: number;
  /** Set when the walk stopped before the end of the file; the pages before it are still measured. */
  stoppedEarly: { position: number; reason: 'truncated' | 'corrupt'; message: string } | null;
}

const CAPTURE = [0x4f, 0x67, 0x67, 0x53]; // "OggS"
const PAGE_HEADER = 27;
const BEGINNING_OF_STREAM = 0x02;
/** A page holds at most 255 × 255 bytes; a real recording has well under this many pages (~100 h at 50/s). */
const MAX_PAGES = 20_000_000;
const NO_GRANULE = 0xffffffffffffffffn;

const notOgg = (detail: string) =>
  new MediaParseError('not_media', `The file is not a valid Ogg recording (${detail}).`);

export function isOggCapture(head: Uint8Array): boolean {
  return CAPTURE.every((byte, index) => head[index] === byte);
}

interface PageHeader {
  offset: number;
  flags: number;
  granule: bigint;
  serial: number;
  bodyOffset: number;
  end: number;
}

async function readPageHeader(reader: PositionedReader, offset: number): Promise<PageHeader> {
  const fixed = await reader.readExactly(offset, PAGE_HEADER, 'Ogg page header');
  if (!isOggCapture(fixed)) throw notOgg(`no page at byte ${offset}`);
  if (fixed[4] !== 0) throw notOgg(`Ogg version ${fixed[4]} at byte ${offset}`);
  const view = new DataView(fixed.buffer, fixed.byteOffset, fixed.byteLength);
  const flags = fixed[5]!;
  const granule = view.getBigUint64(6, true);
  const serial = view.getUint32(14, true);
  const segments = fixed[26]!;
  const table = await reader.readExactly(offset + PAGE_HEADER, segments, 'Ogg segment table');
  let bodySize = 0;
  for (const lacing of table) bodySize += lacing;
  const bodyOffset = offset + PAGE_HEADER + segments;
  return { offset, flags, granule, serial, bodyOffset, end: bodyOffset + bodySize };
}

/** The codec a stream's first packet announces. */
function identify(packet: Uint8Array) {
  const ascii = (from: number, to: number) => String.fromCharCode(...packet.subarray(from, to));
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  if (ascii(0, 8) === 'OpusHead' && packet.length >= 19) {
    return { codec: 'opus' as const, granuleRate: 48_000, preSkip: view.getUint16(10, true) };
  }
  if (packet[0] === 0x01 && ascii(1, 7) === 'vorbis' && packet.length >= 16) {
    const rate = view.getUint32(12, true);
    if (rate === 0) throw notOgg('a Vorbis stream with a sample rate of 0');
    return { codec: 'vorbis' as const, granuleRate: rate, preSkip: 0 };
  }
  if ((packet[0] === 0x80 && ascii(1, 7) === 'theora') || ascii(0, 8) === 'OVP80\x01\x01\x00') {
    throw new MediaParseError('unsupported', 'Ogg video is not supported: record WebM or MP4.');
  }
  return null;
}

export async function scanOggFrom(reader: PositionedReader): Promise<OggScan> {
  let scan: OggScan | null = null;
  let lastGranule: bigint | null = null;
  let pages = 0;
  let position = 0;
  try {
    while (position < reader.size) {
      if (++pages > MAX_PAGES) {
        throw new MediaParseError(
          'unsupported',
          `More than ${MAX_PAGES} Ogg pages: not a recording we can measure.`,
        );
      }
      const page = await readPageHeader(reader, position);
      if (page.end > reader.size) {
        throw new MediaParseError('truncated', `The file ends inside the Ogg page at byte ${page.offset}.`);
      }
      if (page.flags & BEGINNING_OF_STREAM) {
        // A new stream after the audio has pages is a chained file (a restarted recorder): measure the first.
        if (scan && lastGranule !== null) break;
        const found = identify(await reader.read(page.bodyOffset, Math.min(64, page.end - page.bodyOffset)));
        if (found && !scan) {
          scan = {
            ...found,
            serial: page.serial,
            fileSize: reader.size,
            lastGranule: null,
            pages: 0,
            stoppedEarly: null,
          };
        }
      } else if (scan && page.serial === scan.serial && page.granule !== NO_GRANULE) {
        if (lastGranule === null || page.granule > lastGranule) lastGranule = page.granule;
      }
      position = page.end; // a page is at least 27 bytes, so the walk always moves forward
    }
  } catch (error) {
    // Once sound has been measured, a cut or damaged tail leaves a playable head: measure that.
    if (!(error instanceof MediaParseError) || !scan || lastGranule === null || error.code === 'unsupported')
      throw error;
    return finish(scan, lastGranule, pages, {
      position,
      reason: error.code === 'truncated' ? 'truncated' : 'corrupt',
      message: error.message,
    });
  }
  if (!scan) {
    throw new MediaParseError('unsupported', 'The Ogg file has no Opus or Vorbis stream.');
  }
  return finish(scan, lastGranule, pages, null);
}

function finish(
  scan: OggScan,
  lastGranule: bigint | null,
  pages: number,
  stoppedEarly: OggScan['stoppedEarly'],
): OggScan {
  if (lastGranule !== null && lastGranule > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw notOgg('a granule position beyond any real recording');
  }
  return {
    ...scan,
    lastGranule: lastGranule === null ? null : Number(lastGranule),
    pages,
    stoppedEarly,
  };
}

/** The MediaProbe of a scanned Ogg file: always sound alone, always seekable. */
export function describeOgg(scan: OggScan): MediaProbe {
  if (scan.lastGranule === null) {
    throw new MediaParseError('truncated', 'The file ends before its first audio page.');
  }
  const durationSeconds = Math.max(0, scan.lastGranule - scan.preSkip) / scan.granuleRate;
  return {
    ...formatOf('ogg', 'audio'),
    videoCodec: null,
    audioCodec: scan.codec,
    width: null,
    height: null,
    durationSeconds: roundSeconds(durationSeconds),
    declaredDurationSeconds: null,
    seekable: true,
    fileSize: scan.fileSize,
  };
}
