// The `Range: bytes=…` header of RFC 9110 §14.1–14.2, read strictly: what part of a file a GET asks for.
//
// - A header that is not a valid `bytes` ranges-specifier (`bytes=1.5-2`, `bytes=0x10-`, `bytes=5-3`,
//   another unit, junk) is ignored: the whole file, 200. RFC 9110 §14.2 lets a server "ignore or reject"
//   an invalid ranges-specifier, and 416 is defined for valid ranges none of which overlap the file
//   (§15.5.17): answering 416 with `Content-Range: bytes */size` would tell the client its positions
//   were out of bounds when its header was simply unreadable. nginx ignores such headers too.
// - A suffix longer than the file selects the whole file (§14.1.2), as 206.
// - Valid ranges none of which overlap the file → unsatisfiable (416).
// - Overlapping or adjacent ranges are merged; ranges that stay apart get the whole file with 200
//   (no multipart/byteranges: players never ask for it).

export type RangeSelection =
  | { kind: 'whole' }
  | { kind: 'unsatisfiable' }
  /** Bytes [start, end] of the file, both inclusive as in `Content-Range`. */
  | { kind: 'part'; start: number; end: number };

/** More range-specs than this in one header is no player (RFC 9110 §17.15): the header is ignored. */
const MAX_RANGE_SPECS = 100;
const WHOLE: RangeSelection = { kind: 'whole' };
const INT_RANGE = /^(\d+)-(\d*)$/;
const SUFFIX_RANGE = /^-(\d+)$/;
const UNIT = /^bytes=/i;

interface Span {
  start: number;
  end: number;
}

/** What a GET with this `Range` header selects from a file of `size` bytes. */
export function selectRange(header: string | undefined, size: number): RangeSelection {
  if (header === undefined || !UNIT.test(header)) return WHOLE;
  // A list: elements separated by commas with optional whitespace; empty elements are ignored (§5.6.1).
  const specs = header
    .slice('bytes='.length)
    .split(',')
    .map((spec) => spec.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((spec) => spec !== '');
  if (specs.length === 0 || specs.length > MAX_RANGE_SPECS) return WHOLE;

  const spans: Span[] = [];
  for (const spec of specs) {
    // Digits only, so Number() is exact up to 2^53 and Infinity beyond: either way it compares right.
    const int = INT_RANGE.exec(spec);
    if (int) {
      const first = Number(int[1]);
      const last = int[2] === '' ? Infinity : Number(int[2]);
      if (last < first) return WHOLE; // an invalid range-spec makes the whole header invalid
      if (first < size) spans.push({ start: first, end: Math.min(last, size - 1) });
      continue;
    }
    const suffix = SUFFIX_RANGE.exec(spec);
    if (!suffix) return WHOLE;
    const length = Number(suffix[1]);
    if (length > 0 && size > 0) spans.push({ start: Math.max(0, size - length), end: size - 1 });
  }
  if (spans.length === 0) return { kind: 'unsatisfiable' };

  spans.sort((a, b) => a.start - b.start);
  const merged: Span = { ...spans[0]! };
  for (const span of spans.slice(1)) {
    if (span.start > merged.end + 1) return WHOLE; // two separate pieces: no multipart
    merged.end = Math.max(merged.end, span.end);
  }
  return { kind: 'part', start: merged.start, end: merged.end };
}
