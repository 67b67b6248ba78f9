import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { bitmapBytes, bitmapFromIndices, signerIndices } from '../../chain/anchor/signer-bitmap.ts';
import { codeOf } from '../fixtures/expect-code.ts';

describe('anchor/signer-bitmap', () => {
  it('is ceil(n/8) bytes, most significant bit first', () => {
    expect([1, 8, 9, 99, 100, 1000].map(bitmapBytes)).to.deep.equal([1, 1, 2, 13, 13, 125]);
    expect(toHex(bitmapFromIndices(10, [0, 9]))).to.equal('8040');
    expect(toHex(bitmapFromIndices(99, [98]))).to.equal(`${'00'.repeat(12)}20`);
  });

  it('round-trips indices (ascending, whatever the input order)', () => {
    const indices = [98, 0, 7, 8, 66, 31];
    expect(signerIndices(99, bitmapFromIndices(99, indices))).to.deep.equal([...indices].sort((a, b) => a - b));
    const all = Array.from({ length: 100 }, (_, i) => i);
    expect(signerIndices(100, bitmapFromIndices(100, all))).to.deep.equal(all);
  });

  it('refuses a wrong length, a bit at or beyond n, no signer: ANCHOR_BAD_BITMAP', () => {
    const good = bitmapFromIndices(99, [0, 1, 2]);
    expect(codeOf(() => signerIndices(99, good.slice(0, 12)))).to.equal('ANCHOR_BAD_BITMAP');
    expect(codeOf(() => signerIndices(99, Uint8Array.of(...good, 0)))).to.equal('ANCHOR_BAD_BITMAP');
    for (const bit of [99, 100, 103]) {
      const b = Uint8Array.from(good);
      b[bit >>> 3] = b[bit >>> 3]! | (0x80 >>> (bit & 7));
      expect(codeOf(() => signerIndices(99, b)), `bit ${bit}`).to.equal('ANCHOR_BAD_BITMAP');
    }
    expect(codeOf(() => signerIndices(99, new Uint8Array(13)))).to.equal('ANCHOR_BAD_BITMAP');
  });

  it('from an index list: a repeated index is ANCHOR_DUPLICATE_SIGNER, one outside [0, n) ANCHOR_BAD_BITMAP', () => {
    expect(codeOf(() => bitmapFromIndices(99, [5, 6, 5]))).to.equal('ANCHOR_DUPLICATE_SIGNER');
    expect(codeOf(() => bitmapFromIndices(99, [99]))).to.equal('ANCHOR_BAD_BITMAP');
    expect(codeOf(() => bitmapFromIndices(99, [-1]))).to.equal('ANCHOR_BAD_BITMAP');
    expect(codeOf(() => bitmapFromIndices(99, [1.5]))).to.equal('ANCHOR_BAD_BITMAP');
  });
});
