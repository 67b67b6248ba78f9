import { expect } from 'chai';
import { crc32 } from 'node:zlib';
import { crc32Combine, Crc32Ranges } from '../../chain/node/adapters/crc32-ranges.ts';
import { seededRng } from '../../chain/ports/seeded-rng.ts';

describe('crc32 ranges', () => {
  const rng = seededRng('crc32-ranges');
  const bytes = new Uint8Array(60_000).map(() => rng.nextInt(256));

  it('combine gives crc32 of the concatenation, for any split (zlib is the reference)', () => {
    const whole = crc32(bytes);
    for (const split of [0, 1, 3, 4095, 4096, 4097, 30_000, 59_999, 60_000]) {
      const a = bytes.subarray(0, split);
      const b = bytes.subarray(split);
      expect(crc32Combine(crc32(a), crc32(b), b.length), String(split)).to.equal(whole);
    }
  });

  it('the crc of any range equals hashing it directly, short or spanning many strides', () => {
    const base = 17;
    const ranges = new Crc32Ranges(bytes, base);
    const cases: Array<[number, number]> = [
      [base, bytes.length],
      [base, base],
      [base + 4096, base + 3 * 4096],
      [100, 8300],
      [4000, 12_500],
    ];
    for (let i = 0; i < 300; i++) {
      const a = base + rng.nextInt(bytes.length - base);
      cases.push([a, a + rng.nextInt(bytes.length - a + 1)]);
    }
    for (const [a, b] of cases) expect(ranges.crc(a, b), `${a}..${b}`).to.equal(crc32(bytes.subarray(a, b)));
    for (const n of [0, 1, 4095, 4096, 4097, 50_000]) {
      const tail = bytes.subarray(bytes.length - n);
      expect(ranges.combine(crc32(bytes.subarray(0, bytes.length - n)), crc32(tail), n)).to.equal(crc32(bytes));
    }
  });
});
