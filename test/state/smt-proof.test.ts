/**
 * Proofs: present keys prove their value, absent keys their absence (by an empty subtree or by
 * another key's leaf on the path), and anything altered, claimed wrongly or checked against
 * another root fails, without the verifier ever throwing.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { sha256 } from '../../chain/codec/hash.ts';
import { sha256Portable } from '../../chain/codec/hash-portable.ts';
import type { MerkleProof } from '../../chain/state/merkle-proof.ts';
import { decodeProof, encodeProof } from '../../chain/state/proof-codec.ts';
import { EMPTY_ROOT } from '../../chain/state/tree-node.ts';
import { updateTreeHashed } from '../../chain/state/tree-update.ts';
import { nodePutOps } from '../../chain/state/node-store.ts';
import { proveKey } from '../../chain/state/tree-prove.ts';
import { verifyProof } from '../../chain/state/verify-proof.ts';
import { b, utf8 } from './kv-test-helpers.ts';
import { TreeHarness, bit, internalHash, leafHash } from './smt-test-helpers.ts';

const bytesEq = (x: Uint8Array, y: Uint8Array): boolean => Buffer.from(x).equals(y);

const key = (i: number): Uint8Array => utf8(`key-${i}`);
const value = (i: number): Uint8Array => utf8(`value-${i}`);

async function treeOf(n: number): Promise<TreeHarness> {
  const t = new TreeHarness();
  await t.apply(Array.from({ length: n }, (_, i) => ({ key: key(i), value: value(i) })));
  return t;
}

/** Tries decoding; a proof that does not decode counts as rejected. */
function verifiesBytes(root: Uint8Array, k: Uint8Array, v: Uint8Array | null, bytes: Uint8Array): boolean {
  let proof: MerkleProof;
  try {
    proof = decodeProof(bytes);
  } catch {
    return false;
  }
  return verifyProof(root, k, v, proof);
}

describe('state/smt proofs', () => {
  let t: TreeHarness;
  before(async () => {
    t = await treeOf(200);
  });

  it('sha256Portable (noble) and sha256 (node:crypto) agree', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (x) => Buffer.from(sha256Portable(x)).equals(sha256(x))));
  });

  it('every present key proves its value, and not another value or its absence', async () => {
    for (let i = 0; i < 200; i++) {
      const proof = await proveKey(t.nodes, t.root, key(i));
      expect(proof.terminal.kind).to.equal('leaf');
      expect(verifyProof(t.root, key(i), value(i), proof)).to.equal(true);
      expect(verifyProof(t.root, key(i), value(i + 1), proof)).to.equal(false);
      expect(verifyProof(t.root, key(i), b(), proof)).to.equal(false);
      expect(verifyProof(t.root, key(i), null, proof)).to.equal(false);
      expect(verifyProof(t.root, key(i + 1), value(i), proof)).to.equal(false);
    }
  });

  it('absent keys prove absence, by an empty subtree or by another key sharing the path', async () => {
    const kinds = new Set<string>();
    for (let i = 200; i < 400; i++) {
      const proof = await proveKey(t.nodes, t.root, key(i));
      kinds.add(proof.terminal.kind);
      if (proof.terminal.kind === 'leaf') {
        for (let d = 0; d < proof.depth; d++) expect(bit(proof.terminal.keyHash, d)).to.equal(bit(sha256(key(i)), d));
      }
      expect(verifyProof(t.root, key(i), null, proof)).to.equal(true);
      expect(verifyProof(t.root, key(i), value(i), proof)).to.equal(false);
    }
    expect([...kinds].sort()).to.deep.equal(['empty', 'leaf']);
  });

  it('a proof fails against another root', async () => {
    const other = await treeOf(201);
    for (const i of [0, 5, 250]) {
      const proof = await proveKey(t.nodes, t.root, key(i));
      const v = i < 200 ? value(i) : null;
      expect(verifyProof(t.root, key(i), v, proof)).to.equal(true);
      expect(verifyProof(other.root, key(i), v, proof)).to.equal(false);
      expect(verifyProof(EMPTY_ROOT, key(i), v, proof)).to.equal(false);
    }
  });

  it('flipping any single bit of an encoded proof makes it fail (or not decode)', async () => {
    for (const i of [3, 77, 310]) {
      const v = i < 200 ? value(i) : null;
      const bytes = encodeProof(await proveKey(t.nodes, t.root, key(i)));
      expect(verifiesBytes(t.root, key(i), v, bytes)).to.equal(true);
      for (let bitIndex = 0; bitIndex < bytes.length * 8; bitIndex++) {
        const bad = bytes.slice();
        bad[bitIndex >> 3]! ^= 0x80 >> (bitIndex & 7);
        expect(verifiesBytes(t.root, key(i), v, bad), `bit ${bitIndex}`).to.equal(false);
      }
    }
  });

  it('a non-inclusion proof cannot use a leaf off the key path, nor the key itself', async () => {
    // Find an absent key whose proof ends on another key's leaf.
    let i = 200;
    let proof = await proveKey(t.nodes, t.root, key(i));
    while (proof.terminal.kind !== 'leaf' || proof.depth === 0) proof = await proveKey(t.nodes, t.root, key(++i));
    const present = await proveKey(t.nodes, t.root, key(0));
    if (present.terminal.kind !== 'leaf' || proof.terminal.kind !== 'leaf') throw new Error('unreachable');
    // Swap in a leaf of a key that does not share the path: rejected before any hashing matters.
    const swapped: MerkleProof = { ...proof, terminal: { ...present.terminal } };
    expect(verifyProof(t.root, key(i), null, swapped)).to.equal(false);
    // The terminal leaf claimed absent for its own key.
    expect(verifyProof(t.root, key(i), null, { ...proof, terminal: { kind: 'leaf', keyHash: sha256(key(i)), valueHash: proof.terminal.valueHash } })).to.equal(false);
  });

  it('a non-inclusion leaf must share the key path, even in a maliciously built tree', () => {
    // Root made by hand: on K's side of the root sits the leaf of Q, whose first bit differs from
    // K's. The hash chain matches, only the shared-prefix rule catches it.
    const k = key(1);
    const kBit = bit(sha256(k), 0);
    let q = 0;
    while (bit(sha256(key(1000 + q)), 0) === kBit) q++;
    const qHash = sha256(key(1000 + q));
    const qLeaf = leafHash(qHash, sha256(value(0)));
    const sibling = new Uint8Array(32).fill(7);
    const root = kBit === 0 ? internalHash(qLeaf, sibling) : internalHash(sibling, qLeaf);
    const proof: MerkleProof = { depth: 1, bitmap: b(0x80), siblings: [sibling], terminal: { kind: 'leaf', keyHash: qHash, valueHash: sha256(value(0)) } };
    expect(verifyProof(root, k, null, proof)).to.equal(false);
    // The same proof shape for a key on Q's side is fine (sanity check of the construction).
    let same = 0;
    while (bit(sha256(key(2000 + same)), 0) === kBit || bytesEq(sha256(key(2000 + same)), qHash)) same++;
    const rootQ = bit(qHash, 0) === 0 ? internalHash(qLeaf, sibling) : internalHash(sibling, qLeaf);
    expect(verifyProof(rootQ, key(2000 + same), null, proof)).to.equal(true);
  });

  it('the empty tree proves every key absent and none present', async () => {
    const empty = new TreeHarness();
    const proof = await proveKey(empty.nodes, EMPTY_ROOT, key(1));
    expect(proof).to.deep.equal({ depth: 0, bitmap: new Uint8Array(0), siblings: [], terminal: { kind: 'empty' } });
    expect(verifyProof(EMPTY_ROOT, key(1), null, proof)).to.equal(true);
    expect(verifyProof(EMPTY_ROOT, key(1), value(1), proof)).to.equal(false);
  });

  it('a one-key tree proves that key at depth 0 and other keys absent by its leaf', async () => {
    const one = await treeOf(1);
    const p0 = await proveKey(one.nodes, one.root, key(0));
    expect(p0.depth).to.equal(0);
    expect(verifyProof(one.root, key(0), value(0), p0)).to.equal(true);
    const p1 = await proveKey(one.nodes, one.root, key(1));
    expect(verifyProof(one.root, key(1), null, p1)).to.equal(true);
    expect(verifyProof(one.root, key(0), null, p1)).to.equal(false);
  });

  it('proves a key 256 levels deep', async () => {
    const h = new TreeHarness();
    const kh = sha256(key(1));
    const twin = kh.slice();
    twin[31]! ^= 1;
    const r = await updateTreeHashed(h.nodes, EMPTY_ROOT, [
      { keyHash: kh, valueHash: sha256(value(1)) },
      { keyHash: twin, valueHash: sha256(value(2)) },
    ]);
    await h.kv.write(nodePutOps(r.newNodes));
    const proof = await proveKey(h.nodes, r.root, key(1));
    expect(proof.depth).to.equal(256);
    expect(proof.siblings.length).to.equal(1);
    expect(verifyProof(r.root, key(1), value(1), proof)).to.equal(true);
    expect(verifyProof(r.root, key(1), value(2), proof)).to.equal(false);
    expect(decodeProof(encodeProof(proof))).to.deep.equal(proof);
  });

  it('never throws on garbage, returning false (property)', () => {
    const anything = fc.anything({ withTypedArray: true, maxDepth: 3 });
    fc.assert(
      fc.property(anything, anything, anything, anything, (root, k, v, proof) => {
        const result = verifyProof(root as Uint8Array, k as Uint8Array, v as Uint8Array | null, proof as MerkleProof);
        return result === false;
      }),
      { numRuns: 500 },
    );
    const hostile = { get depth(): number { throw new Error('boom'); } } as unknown as MerkleProof;
    expect(verifyProof(t.root, key(1), null, hostile)).to.equal(false);
  });

  it('rejects proofs of inconsistent shape even when the hashes would work out', async () => {
    const proof = await proveKey(t.nodes, t.root, key(3));
    const v = value(3);
    expect(verifyProof(t.root, key(3), v, proof)).to.equal(true);
    const cases: Array<[string, MerkleProof]> = [
      ['depth too large', { ...proof, depth: 257 }],
      ['bitmap too short', { ...proof, bitmap: proof.bitmap.subarray(1) }],
      ['one sibling missing', { ...proof, siblings: proof.siblings.slice(1) }],
      ['extra sibling', { ...proof, siblings: [...proof.siblings, new Uint8Array(32).fill(1)] }],
      ['sibling of 31 bytes', { ...proof, siblings: [proof.siblings[0]!.subarray(1), ...proof.siblings.slice(1)] }],
      ['empty sibling listed', { ...proof, siblings: [new Uint8Array(32), ...proof.siblings.slice(1)] }],
      ['negative depth', { ...proof, depth: -1 }],
      ['fractional depth', { ...proof, depth: 1.5 }],
    ];
    for (const [name, bad] of cases) expect(verifyProof(t.root, key(3), v, bad), name).to.equal(false);
  });
});
