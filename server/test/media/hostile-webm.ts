// fast-check generators of hostile WebM bytes: random elements with known IDs, honest, unknown or lying
// sizes, and a plausible head (Info, a VP8 track) so the soup reaches the cluster walk.
import fc from 'fast-check';
import { EbmlId } from '../../modules/media/probe/ebml';

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
