import { describe, expect, it } from 'vitest';
import { relocateMoov } from './mp4';

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

function stco(offsets: number[]): Buffer {
  const payload = Buffer.alloc(8 + offsets.length * 4);
  payload.writeUInt32BE(offsets.length, 4);
  offsets.forEach((offset, index) => payload.writeUInt32BE(offset, 8 + index * 4));
  return box('stco', payload);
}

function moovWith(table: Buffer): Buffer {
  const stbl = box('stbl', box('stsz', Buffer.alloc(12)), table);
  return box('moov', box('mvhd', Buffer.alloc(100)), box('trak', box('mdia', box('minf', stbl))));
}

/** Finds the chunk table in a rebuilt moov: its type and offsets. */
function chunkTable(moov: Buffer): { type: string; offsets: number[] } {
  for (const type of ['stco', 'co64']) {
    const at = moov.indexOf(type, 0, 'latin1');
    if (at < 0) continue;
    const count = moov.readUInt32BE(at + 8);
    const width = type === 'co64' ? 8 : 4;
    const offsets = Array.from({ length: count }, (_, index) =>
      width === 8
        ? Number(moov.readBigUInt64BE(at + 12 + index * 8))
        : moov.readUInt32BE(at + 12 + index * 4),
    );
    return { type, offsets };
  }
  throw new Error('no chunk table');
}

describe('relocateMoov', () => {
  it('shifts chunk offsets by the size of the moov placed in front of them', () => {
    const moov = moovWith(stco([40, 1000, 5000]));
    const out = relocateMoov(moov, { firstMdatOffset: 32, moovOffset: 6000, moovEnd: 6000 + moov.length });
    expect(out.length).toBe(moov.length);
    expect(out.readUInt32BE(0)).toBe(out.length);
    expect(chunkTable(out)).toEqual({ type: 'stco', offsets: [40, 1000, 5000].map((o) => o + moov.length) });
  });

  it('turns a 32-bit stco that would overflow into a co64, sizing moov after the change', () => {
    const high = 0xffffffff - 10;
    const moov = moovWith(stco([40, high]));
    const moovOffset = 0x1_0000_0100;
    const out = relocateMoov(moov, { firstMdatOffset: 32, moovOffset, moovEnd: moovOffset + moov.length });
    expect(out.length).toBe(moov.length + 8);
    expect(out.readUInt32BE(0)).toBe(out.length);
    expect(chunkTable(out)).toEqual({ type: 'co64', offsets: [40 + out.length, high + out.length] });
  });
});
