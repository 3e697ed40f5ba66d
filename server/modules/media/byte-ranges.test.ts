import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectRange } from './byte-ranges';

describe('selectRange', () => {
  it.each([
    ['bytes=0-99', 1000, { kind: 'part', start: 0, end: 99 }],
    ['bytes=900-', 1000, { kind: 'part', start: 900, end: 999 }],
    ['bytes=-100', 1000, { kind: 'part', start: 900, end: 999 }],
    ['bytes=-5000', 1000, { kind: 'part', start: 0, end: 999 }],
    ['bytes=990-2000', 1000, { kind: 'part', start: 990, end: 999 }],
    ['bytes=0-0', 1, { kind: 'part', start: 0, end: 0 }],
    ['bytes=007-008', 1000, { kind: 'part', start: 7, end: 8 }],
    ['bytes=0-9,10-19,5-12', 1000, { kind: 'part', start: 0, end: 19 }],
    ['bytes=0-9,20-29', 1000, { kind: 'whole' }],
    ['bytes=1000-', 1000, { kind: 'unsatisfiable' }],
    ['bytes=-0', 1000, { kind: 'unsatisfiable' }],
    ['bytes=-1', 0, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=1.5-2', 1000, { kind: 'whole' }],
    ['bytes=0x10-', 1000, { kind: 'whole' }],
    ['bytes=5-3', 1000, { kind: 'whole' }],
    ['bytes=0-9,x', 1000, { kind: 'whole' }],
    ['pages=0-9', 1000, { kind: 'whole' }],
    [`bytes=${'0-0,'.repeat(101)}`, 1000, { kind: 'whole' }],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(selectRange(header, size)).toEqual(expected);
  });

  it('property: whatever the header, a selected part lies inside the file', () => {
    const spec = fc.oneof(
      fc.tuple(fc.nat(3000), fc.option(fc.nat(3000))).map(([a, b]) => `${a}-${b ?? ''}`),
      fc.nat(3000).map((n) => `-${n}`),
      fc.string({ maxLength: 8 }),
    );
    const header = fc.array(spec, { minLength: 1, maxLength: 4 }).map((specs) => `bytes=${specs.join(',')}`);
    fc.assert(
      fc.property(header, fc.nat(2000), (value, size) => {
        const selection = selectRange(value, size);
        if (selection.kind === 'part') {
          expect(selection.start).toBeGreaterThanOrEqual(0);
          expect(selection.start).toBeLessThanOrEqual(selection.end);
          expect(selection.end).toBeLessThan(size);
        }
      }),
    );
  });

  it('property: one valid int-range selects what RFC 9110 says', () => {
    fc.assert(
      fc.property(fc.nat(3000), fc.nat(3000), fc.nat(2000), (first, span, size) => {
        const last = first + span;
        const expected =
          first < size
            ? { kind: 'part', start: first, end: Math.min(last, size - 1) }
            : { kind: 'unsatisfiable' };
        expect(selectRange(`bytes=${first}-${last}`, size)).toEqual(expected);
      }),
    );
  });
});
