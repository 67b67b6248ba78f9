import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { merkleRoot } from '../../chain/codec/merkle-root.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { sha256Portable } from '../../chain/codec/hash-portable.ts';

const h = (...parts: Uint8Array[]) => {
  const x = createHash('sha256');
  parts.forEach((p) => x.update(p));
  return new Uint8Array(x.digest());
};
const L = Uint8Array.of(0);
const N = Uint8Array.of(1);

describe('hashing', () => {
  it('node:crypto and noble sha256 agree', () => {
    for (const len of [0, 1, 55, 56, 64, 1000]) {
      const data = new Uint8Array(len).map((_, i) => (i * 7) & 0xff);
      expect(sha256(data)).to.deep.equal(sha256Portable(data));
      expect(sha256(data.subarray(0, len >> 1), data.subarray(len >> 1))).to.deep.equal(sha256Portable(data));
    }
  });

  it('merkle root follows the RFC 6962 shape', () => {
    const [a, b, c] = [Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)];
    expect(merkleRoot([])).to.deep.equal(h());
    expect(merkleRoot([a])).to.deep.equal(h(L, a));
    expect(merkleRoot([a, b])).to.deep.equal(h(N, h(L, a), h(L, b)));
    expect(merkleRoot([a, b, c])).to.deep.equal(h(N, h(N, h(L, a), h(L, b)), h(L, c)));
    expect(merkleRoot([b, a])).to.not.deep.equal(merkleRoot([a, b]));
  });
});

describe('sha256 results', () => {
  it('are plain Uint8Arrays whose slice is a copy', () => {
    for (const d of [sha256(Uint8Array.of(1)), sha256(Uint8Array.of(1), Uint8Array.of(2))]) {
      expect(Object.getPrototypeOf(d)).to.equal(Uint8Array.prototype);
      const copy = d.slice();
      copy[0]! ^= 1;
      expect(copy[0]).to.not.equal(d[0]);
    }
  });
});
