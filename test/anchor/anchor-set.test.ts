import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { anchorSetFromGenesis, anchorSetHash, checkedAnchorSet, MAX_ANCHOR_VALIDATORS } from '../../chain/anchor/anchor-set.ts';
import { codeOf } from '../fixtures/expect-code.ts';
import { makeGenesis } from '../fixtures/test-chain.ts';
import { regionKeys, validatorsOf } from './hub-anchor-fixture.ts';

describe('anchor/anchor-set', function () {
  this.timeout(60_000);
  let keys: ReturnType<typeof regionKeys>;
  before(() => (keys = regionKeys(9, 'anchor-set')));

  it('hashes sha256(cbor([threshold, [[key, weight], ...]]))', () => {
    const vs = validatorsOf(keys);
    const set = checkedAnchorSet(vs, 7);
    expect(toHex(set.hash)).to.equal(toHex(sha256(encodeCbor([7, vs.map((v) => [v.blsPublicKey, v.weight])]))));
    expect(toHex(anchorSetHash(vs, 7))).to.equal(toHex(set.hash));
    expect(toHex(anchorSetHash(vs, 8))).to.not.equal(toHex(set.hash));
    expect(set.totalWeight).to.equal(9);
    expect(Object.isFrozen(set) && Object.isFrozen(set.validators)).to.equal(true);
  });

  it('accepts thresholds exactly in [floor(W/3) + 1, W]', () => {
    const vs = validatorsOf(keys); // W = 9: [4, 9]
    expect(checkedAnchorSet(vs, 4).threshold).to.equal(4);
    expect(checkedAnchorSet(vs, 9).threshold).to.equal(9);
    for (const t of [0, 3, 10, -1, 1.5, Number.NaN]) expect(codeOf(() => checkedAnchorSet(vs, t)), `threshold ${t}`).to.equal('ANCHOR_BAD_THRESHOLD');
  });

  it('refuses unsorted, repeated, short keys, non-positive weights, no or too many validators: ANCHOR_BAD_VALIDATOR_SET', () => {
    const vs = validatorsOf(keys);
    expect(codeOf(() => checkedAnchorSet([vs[1]!, vs[0]!, ...vs.slice(2)], 5))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
    expect(codeOf(() => checkedAnchorSet([vs[0]!, ...vs], 5))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
    expect(codeOf(() => checkedAnchorSet([{ blsPublicKey: new Uint8Array(47), weight: 1 }], 1))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
    for (const weight of [0, -1, 0.5, 2 ** 53]) {
      expect(codeOf(() => checkedAnchorSet(vs.map((v, i) => (i === 3 ? { ...v, weight } : v)), 5)), `weight ${weight}`).to.equal('ANCHOR_BAD_VALIDATOR_SET');
    }
    expect(codeOf(() => checkedAnchorSet([], 1))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
    const many = Array.from({ length: MAX_ANCHOR_VALIDATORS + 1 }, (_, i) => ({ blsPublicKey: Uint8Array.from({ length: 48 }, (_, k) => (k < 2 ? (i >> (8 * (1 - k))) & 0xff : 0)), weight: 1 }));
    expect(codeOf(() => checkedAnchorSet(many, 700))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
    const total = [{ ...vs[0]!, weight: 2 ** 52 }, { ...vs[1]!, weight: 2 ** 52 }];
    expect(codeOf(() => checkedAnchorSet(total, 2 ** 52))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
  });

  it("derives a region's set from its genesis: sorted keys, weight = power, threshold = the quorum", () => {
    const g = makeGenesis({});
    const unsorted = [...keys].reverse();
    const genesis = { ...g, validators: unsorted.map((k, i) => ({ name: `v${i}`, publicKey: new Uint8Array(32), blsPublicKey: k.publicKey, blsPop: k.pop, power: 1, networkAddress: undefined })) };
    const set = anchorSetFromGenesis(genesis);
    expect(set.validators.map((v) => toHex(v.blsPublicKey))).to.deep.equal(keys.map((k) => toHex(k.publicKey)));
    expect(set.threshold).to.equal(7); // floor(18/3) + 1
  });
});
