// fast-check generators of hostile WebM and MP4 bytes: random structure with known element and box
// types, honest or lying sizes, and "plausible" heads that let the soup reach the deep parsing paths.
import fc from 'fast-check';
import { EbmlId } from './ebml';

// --- EBML ----------------------------------------------------------------------------------------

interface EbmlNode {
  id: number;
  body: Uint8Array | EbmlNode[];
  size: 'exact' | 'unknown' | number;
}

function idBytes(id: number): number[] {
  const bytes: number[] = [];
  for (let rest = id; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return bytes;
}

/** Sizes are written as 8-byte vints, as libwebm does; null is the unknown-size marker. */
function sizeBytes(size: number | null): number[] {
  if (size === null) return [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
  const bytes = [0x01, 0, 0, 0, 0, 0, 0, 0];
  for (let index = 7, rest = size; index > 0; index--, rest = Math.floor(rest / 256))
    bytes[index] = rest % 256;
  return bytes;
}

function encodeEbml(node: EbmlNode): number[] {
  const body = Array.isArray(node.body) ? node.body.flatMap(encodeEbml) : [...node.body];
  const size = node.size === 'exact' ? body.length : node.size === 'unknown' ? null : node.size;
  return [...idBytes(node.id), ...sizeBytes(size), ...body];
}

const ebmlSize = fc.oneof(
  { weight: 10, arbitrary: fc.constant('exact' as const) },
  { weight: 1, arbitrary: fc.constant('unknown' as const) },
  { weight: 1, arbitrary: fc.nat({ max: 1_000_000 }) },
);
const leafIds = [
  EbmlId.TimecodeScale,
  EbmlId.Duration,
  EbmlId.TrackNumber,
  EbmlId.TrackType,
  EbmlId.CodecId,
  EbmlId.DefaultDuration,
  EbmlId.PixelWidth,
  EbmlId.Timecode,
  EbmlId.SimpleBlock,
  EbmlId.Block,
  EbmlId.BlockDuration,
  EbmlId.ReferenceBlock,
  EbmlId.Void,
  EbmlId.DocType,
];
const masterIds = [
  EbmlId.Segment,
  EbmlId.SeekHead,
  EbmlId.Info,
  EbmlId.Tracks,
  EbmlId.TrackEntry,
  EbmlId.Video,
  EbmlId.Cluster,
  EbmlId.BlockGroup,
  EbmlId.Cues,
  EbmlId.Ebml,
];
const leaf = (id: number, bytes: number[], size: EbmlNode['size'] = 'exact'): EbmlNode => ({
  id,
  body: Uint8Array.from(bytes),
  size,
});

/** Block payload: mostly track 1 with a random timecode and flags (lacing included), then junk. */
const blockPayload = fc
  .tuple(
    fc.constantFrom(0x81, 0x82, 0x40, 0x00),
    fc.integer({ min: -32768, max: 32767 }),
    fc.nat({ max: 255 }),
  )
  .chain(([track, time, flags]) =>
    fc.uint8Array({ maxLength: 8 }).map((rest) => [track, (time >> 8) & 0xff, time & 0xff, flags, ...rest]),
  );

const { ebmlNode } = fc.letrec<{ ebmlNode: EbmlNode }>((tie) => ({
  ebmlNode: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    fc.record({ id: fc.constantFrom(...leafIds), body: fc.uint8Array({ maxLength: 16 }), size: ebmlSize }),
    fc.record({
      id: fc.constantFrom(...masterIds),
      body: fc.array(tie('ebmlNode'), { maxLength: 6 }),
      size: ebmlSize,
    }),
  ),
}));

const blockNode: fc.Arbitrary<EbmlNode> = fc.oneof(
  fc.tuple(blockPayload, ebmlSize).map(([payload, size]) => leaf(EbmlId.SimpleBlock, payload, size)),
  fc
    .tuple(blockPayload, fc.option(fc.nat({ max: 255 })), fc.boolean(), ebmlSize)
    .map(([payload, duration, referenced, size]) => ({
      id: EbmlId.BlockGroup,
      body: [
        leaf(EbmlId.Block, payload),
        ...(duration === null ? [] : [leaf(EbmlId.BlockDuration, [duration])]),
        ...(referenced ? [leaf(EbmlId.ReferenceBlock, [0xff])] : []),
      ],
      size,
    })),
  ebmlNode,
);

const clusterNode: fc.Arbitrary<EbmlNode> = fc
  .tuple(fc.nat({ max: 0xffff }), fc.array(blockNode, { maxLength: 8 }), ebmlSize)
  .map(([timecode, blocks, size]) => ({
    id: EbmlId.Cluster,
    body: [leaf(EbmlId.Timecode, [timecode >> 8, timecode & 0xff]), ...blocks],
    size,
  }));

const EBML_HEADER = [0x1a, 0x45, 0xdf, 0xa3, 0x87, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d];

/** A Segment that starts like a real recording (Info, one VP8 track), then clusters and soup. */
function plausibleSegment(children: EbmlNode[], size: EbmlNode['size']): EbmlNode {
  const info: EbmlNode = {
    id: EbmlId.Info,
    body: [leaf(EbmlId.TimecodeScale, [0x0f, 0x42, 0x40])],
    size: 'exact',
  };
  const entry: EbmlNode = {
    id: EbmlId.TrackEntry,
    body: [
      leaf(EbmlId.TrackNumber, [1]),
      leaf(EbmlId.TrackType, [1]),
      leaf(EbmlId.CodecId, [...Buffer.from('V_VP8')]),
    ],
    size: 'exact',
  };
  return {
    id: EbmlId.Segment,
    body: [info, { id: EbmlId.Tracks, body: [entry], size: 'exact' }, ...children],
    size,
  };
}

/** An EBML header followed by random bytes, random elements, or a plausible Segment of random clusters. */
export const hostileWebm: fc.Arbitrary<Uint8Array> = fc
  .oneof(
    fc.uint8Array({ maxLength: 512 }).map((bytes) => [...bytes]),
    fc.array(ebmlNode, { maxLength: 6 }).map((nodes) => nodes.flatMap(encodeEbml)),
    fc
      .tuple(fc.array(fc.oneof(clusterNode, ebmlNode), { maxLength: 6 }), ebmlSize)
      .map(([children, size]) => encodeEbml(plausibleSegment(children, size))),
  )
  .map((tail) => Uint8Array.from([...EBML_HEADER, ...tail]));

// --- ISO BMFF --------------------------------------------------------------------------------------

interface Mp4Box {
  type: string;
  body: Uint8Array | Mp4Box[];
  size: 'exact' | 'large' | 'zero' | number;
}

const u32 = (value: number) => [
  (value >>> 24) & 0xff,
  (value >>> 16) & 0xff,
  (value >>> 8) & 0xff,
  value & 0xff,
];

function encodeBox(box: Mp4Box): number[] {
  const body = Array.isArray(box.body) ? box.body.flatMap(encodeBox) : [...box.body];
  const type = [...Buffer.from(box.type, 'latin1')];
  if (box.size === 'large') return [...u32(1), ...type, ...u32(0), ...u32(body.length + 16), ...body];
  const size = box.size === 'exact' ? body.length + 8 : box.size === 'zero' ? 0 : box.size;
  return [...u32(size), ...type, ...body];
}

const boxSize = fc.oneof(
  { weight: 10, arbitrary: fc.constant('exact' as const) },
  { weight: 1, arbitrary: fc.constantFrom('large' as const, 'zero' as const) },
  { weight: 1, arbitrary: fc.nat({ max: 2 ** 32 - 1 }) },
);
const leafTypes = [
  'mvhd',
  'tkhd',
  'mdhd',
  'hdlr',
  'stsd',
  'stts',
  'elst',
  'mehd',
  'trex',
  'tfhd',
  'tfdt',
  'trun',
  'mdat',
  'free',
  'uuid',
];
const containerTypes = ['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'mvex', 'moof', 'traf'];

/** Full-box payload: version, flags, then a count that is sometimes small and sometimes huge. */
const fullBoxBody = fc
  .tuple(
    fc.constantFrom(0, 1),
    fc.nat({ max: 0xfff }),
    fc.oneof(fc.nat({ max: 4 }), fc.nat()),
    fc.uint8Array({ maxLength: 48 }),
  )
  .map(([version, flags, count, rest]) =>
    Uint8Array.from([version, 0, flags >> 8, flags & 0xff, ...u32(count), ...rest]),
  );

const { mp4Box } = fc.letrec<{ mp4Box: Mp4Box }>((tie) => ({
  mp4Box: fc.oneof(
    { depthSize: 'small', maxDepth: 6 },
    fc.record({
      type: fc.constantFrom(...leafTypes),
      body: fc.oneof(fc.uint8Array({ maxLength: 48 }), fullBoxBody),
      size: boxSize,
    }),
    fc.record({
      type: fc.constantFrom(...containerTypes),
      body: fc.array(tie('mp4Box'), { maxLength: 6 }),
      size: boxSize,
    }),
  ),
}));

const box = (type: string, body: number[] | Mp4Box[], size: Mp4Box['size'] = 'exact'): Mp4Box => ({
  type,
  body:
    Array.isArray(body) && typeof body[0] === 'object'
      ? (body as Mp4Box[])
      : Uint8Array.from(body as number[]),
  size,
});
const zeros = (length: number) => new Array<number>(length).fill(0);

/** A moov with one video track whose numbers are random, plus random boxes inside its sample table. */
const plausibleMoov: fc.Arbitrary<Mp4Box> = fc
  .record({
    version: fc.constantFrom(0, 1),
    timescale: fc.nat(),
    duration: fc.nat(),
    samples: fc.array(fc.tuple(fc.nat({ max: 100 }), fc.nat()), { maxLength: 4 }),
    edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -2, max: 2000 })), { maxLength: 3 }),
    soup: fc.array(mp4Box, { maxLength: 3 }),
    fragmented: fc.boolean(),
    size: boxSize,
  })
  .map(({ version, timescale, duration, samples, edits, soup, fragmented, size }) => {
    const times =
      version === 1
        ? [...zeros(16), ...u32(timescale), ...u32(0), ...u32(duration)]
        : [...zeros(8), ...u32(timescale), ...u32(duration)];
    const stts = [
      ...zeros(4),
      ...u32(samples.length),
      ...samples.flatMap(([count, delta]) => [...u32(count), ...u32(delta)]),
    ];
    const elst = [
      ...zeros(4),
      ...u32(edits.length),
      ...edits.flatMap(([length, media]) => [...u32(length), ...u32(media), 0, 1, 0, 0]),
    ];
    const stsd = [
      ...zeros(4),
      ...u32(1),
      ...u32(86),
      ...Buffer.from('avc1'),
      ...zeros(24),
      1,
      64,
      0,
      240,
      ...zeros(46),
    ];
    const track = box('trak', [
      box('tkhd', [version, 0, 0, 0, ...zeros(version === 1 ? 92 : 80)]),
      box('edts', [box('elst', elst)]),
      box('mdia', [
        box('mdhd', [version, 0, 0, 0, ...times, ...zeros(4)]),
        box('hdlr', [...zeros(8), ...Buffer.from('vide'), ...zeros(13)]),
        box('minf', [box('stbl', [box('stsd', stsd), box('stts', stts), ...soup])]),
      ]),
    ]);
    const mvex = box('mvex', [
      box('trex', [...zeros(4), ...u32(1), ...u32(1), ...u32(duration % 5000), ...zeros(8)]),
    ]);
    return box(
      'moov',
      [box('mvhd', [version, 0, 0, 0, ...times, ...zeros(80)]), track, ...(fragmented ? [mvex] : [])],
      size,
    );
  });

/** A movie fragment for track 1 with random run flags and counts. */
const movieFragment: fc.Arbitrary<Mp4Box[]> = fc
  .record({
    tfhdFlags: fc.constantFrom(0, 0x08, 0x20008, 0x3b),
    runFlags: fc.constantFrom(0, 0x001, 0x101, 0x301, 0xf05),
    count: fc.oneof(fc.nat({ max: 8 }), fc.nat()),
    samples: fc.uint8Array({ maxLength: 64 }),
    baseTime: fc.nat(),
  })
  .map(({ tfhdFlags, runFlags, count, samples, baseTime }) => [
    box('moof', [
      box('traf', [
        box('tfhd', [0, tfhdFlags >> 16, (tfhdFlags >> 8) & 0xff, tfhdFlags & 0xff, ...u32(1), ...zeros(24)]),
        box('tfdt', [1, 0, 0, 0, ...u32(0), ...u32(baseTime)]),
        box('trun', [0, 0, runFlags >> 8, runFlags & 0xff, ...u32(count), ...samples]),
      ]),
    ]),
    box('mdat', zeros(16)),
  ]);

const FTYP = [0, 0, 0, 16, ...Buffer.from('ftypisom'), 0, 0, 2, 0];

/** An ftyp box followed by random bytes, random boxes, or a plausible moov with fragments and soup. */
export const hostileMp4: fc.Arbitrary<Uint8Array> = fc
  .oneof(
    fc.uint8Array({ maxLength: 512 }).map((bytes) => [...bytes]),
    fc.array(mp4Box, { maxLength: 6 }).map((boxes) => boxes.flatMap(encodeBox)),
    fc
      .tuple(
        plausibleMoov,
        fc.array(
          fc.oneof(
            movieFragment,
            mp4Box.map((one) => [one]),
          ),
          { maxLength: 4 },
        ),
      )
      .map(([moov, rest]) => [moov, box('mdat', zeros(8)), ...rest.flat()].flatMap(encodeBox)),
  )
  .map((tail) => Uint8Array.from([...FTYP, ...tail]));
