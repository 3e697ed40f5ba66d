// fast-check generators of hostile MP4 bytes: random boxes with known types, honest, 64-bit, to-the-end
// or lying sizes, and a plausible moov and fragments so the soup reaches the sample-table code.
import fc from 'fast-check';

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
