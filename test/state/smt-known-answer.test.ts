/**
 * Pins the hashing rules with roots computed by hand from sha256: a light client implementing
 * README.md must land on exactly these bytes.
 */
import { expect } from 'chai';
import { concatBytes, toHex } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { EMPTY_ROOT } from '../../chain/state/tree-node.ts';
import { TreeHarness, bit, internalHash, leafHash } from './smt-test-helpers.ts';
import { utf8 } from './kv-test-helpers.ts';

describe('state/smt known answers', () => {
  it('the empty tree has the 32-zero-byte root', async () => {
    const t = new TreeHarness();
    expect(toHex(EMPTY_ROOT)).to.equal('00'.repeat(32));
    await t.apply([]);
    expect(toHex(t.root)).to.equal('00'.repeat(32));
  });

  it('one key: the root is the leaf sha256(0x00 || sha256(key) || sha256(value))', async () => {
    const t = new TreeHarness();
    await t.apply([{ key: utf8('alice'), value: utf8('100') }]);
    const expected = sha256(concatBytes(new Uint8Array([0x00]), sha256(utf8('alice')), sha256(utf8('100'))));
    expect(toHex(t.root)).to.equal(toHex(expected));
    // Frozen value (computed with Python's hashlib), so a rule change cannot slip through on both sides.
    expect(toHex(t.root)).to.equal(toHex(leafHash(sha256(utf8('alice')), sha256(utf8('100')))));
    expect(toHex(t.root)).to.equal('e88595db6e2373140c77336108e543dd79e1c6420dff08568b120417c8af88b5');
  });

  // 'alice' and 'bob' differ at bit 0; 'alice' and 'k3' share their first 5 bits (0,0,1,0,1), so
  // their tree has 5 internal nodes with one empty child above the node that splits them.
  for (const [other, frozen] of [
    ['bob', '7d12aa43e8a9aa225a0af5ef2d746a4ac6b07f197ab7215b4866d35a929b9d5e'],
    ['k3', 'a859fd3d3650f3c94453b1be4d47f9742e47eb00a320ebb0ae34434fe0d51743'],
  ] as const) {
    it(`two keys (alice, ${other}): internal nodes down to the first differing bit, one-sided above it`, async () => {
      const t = new TreeHarness();
      const [ka, va, kb, vb] = [utf8('alice'), utf8('100'), utf8(other), utf8('7')];
      await t.apply([{ key: kb, value: vb }, { key: ka, value: va }]);
      const ha = sha256(ka);
      const hb = sha256(kb);
      let d = 0;
      while (bit(ha, d) === bit(hb, d)) d++;
      const la = leafHash(ha, sha256(va));
      const lb = leafHash(hb, sha256(vb));
      let node = bit(ha, d) === 0 ? internalHash(la, lb) : internalHash(lb, la);
      for (let i = d - 1; i >= 0; i--) node = bit(ha, i) === 0 ? internalHash(node, EMPTY_ROOT) : internalHash(EMPTY_ROOT, node);
      expect(toHex(t.root)).to.equal(toHex(node));
      expect(toHex(t.root)).to.equal(frozen);
      expect(d).to.equal(other === 'bob' ? 0 : 5);
    });
  }

  it('deleting one of two keys lifts the other leaf back to the root', async () => {
    const t = new TreeHarness();
    await t.apply([{ key: utf8('alice'), value: utf8('100') }, { key: utf8('bob'), value: utf8('7') }]);
    await t.apply([{ key: utf8('bob'), value: null }]);
    expect(toHex(t.root)).to.equal(toHex(leafHash(sha256(utf8('alice')), sha256(utf8('100')))));
  });
});
