/** Proof bytes and JSON: round trips, and strict rejection of every malformed form. */
import { expect } from 'chai';
import fc from 'fast-check';
import { isChainError } from '../../chain/errors.ts';
import type { MerkleProof } from '../../chain/state/merkle-proof.ts';
import { decodeProof, encodeProof } from '../../chain/state/proof-codec.ts';
import { proofFromJson, proofToJson } from '../../chain/state/proof-json.ts';
import { proveKey } from '../../chain/state/tree-prove.ts';
import { verifyProof } from '../../chain/state/verify-proof.ts';
import { b, hex, utf8 } from './kv-test-helpers.ts';
import { TreeHarness } from './smt-test-helpers.ts';

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isChainError(e) ? e.code : `not a ChainError: ${String(e)}`;
  }
  return undefined;
}

describe('state/proof codec and JSON', () => {
  let t: TreeHarness;
  let inclusion: MerkleProof;
  let exclusion: MerkleProof;
  before(async () => {
    t = new TreeHarness();
    await t.apply(Array.from({ length: 100 }, (_, i) => ({ key: utf8(`k${i}`), value: utf8(`v${i}`) })));
    inclusion = await proveKey(t.nodes, t.root, utf8('k1'));
    exclusion = await proveKey(t.nodes, t.root, utf8('absent'));
  });

  it('round-trips bytes and JSON, and the decoded proofs still verify', () => {
    for (const [p, v] of [
      [inclusion, utf8('v1')],
      [exclusion, null],
    ] as const) {
      const bytes = encodeProof(p);
      expect(decodeProof(bytes)).to.deep.equal(p);
      const json = JSON.parse(JSON.stringify(proofToJson(p))) as unknown;
      expect(proofFromJson(json)).to.deep.equal(p);
      const key = v === null ? utf8('absent') : utf8('k1');
      expect(verifyProof(t.root, key, v, decodeProof(bytes))).to.equal(true);
      expect(verifyProof(t.root, key, v, proofFromJson(json))).to.equal(true);
    }
  });

  it('lays bytes out as documented: kind, u16 depth, bitmap, siblings, leaf', () => {
    const bytes = encodeProof(inclusion);
    expect(bytes[0]).to.equal(1);
    expect((bytes[1]! << 8) | bytes[2]!).to.equal(inclusion.depth);
    const bm = Math.ceil(inclusion.depth / 8);
    expect(hex(bytes.subarray(3, 3 + bm))).to.equal(hex(inclusion.bitmap));
    expect(bytes.length).to.equal(3 + bm + 32 * inclusion.siblings.length + 64);
    expect(hex(encodeProof({ depth: 0, bitmap: b(), siblings: [], terminal: { kind: 'empty' } }))).to.equal('000000');
  });

  it('rejects every truncation and any trailing byte with STATE_BAD_PROOF', () => {
    for (const p of [inclusion, exclusion]) {
      const bytes = encodeProof(p);
      for (let n = 0; n < bytes.length; n++) expect(codeOf(() => decodeProof(bytes.subarray(0, n))), `length ${n}`).to.equal('STATE_BAD_PROOF');
      const longer = new Uint8Array(bytes.length + 1);
      longer.set(bytes);
      expect(codeOf(() => decodeProof(longer))).to.equal('STATE_BAD_PROOF');
    }
  });

  it('rejects unknown kinds, depth above 256, stray bitmap bits and empty siblings listed or next to the terminal', () => {
    const sib = new Uint8Array(32).fill(5);
    const cases: Array<[string, Uint8Array]> = [
      ['kind 2', b(2, 0, 0)],
      ['depth 257', Uint8Array.from([0, 1, 1, ...new Array<number>(33).fill(0xff), ...new Array<number>(33 * 8 * 32).fill(1)])],
      ['padding bit set', Uint8Array.from([0, 0, 1, 0x81, ...sib])],
      ['zero sibling', Uint8Array.from([0, 0, 1, 0x80, ...new Array<number>(32).fill(0)])],
      ['empty sibling next to the terminal', Uint8Array.from([0, 0, 2, 0x80, ...sib])],
    ];
    for (const [name, bytes] of cases) expect(codeOf(() => decodeProof(bytes)), name).to.equal('STATE_BAD_PROOF');
    expect(codeOf(() => decodeProof(Uint8Array.from([0, 0, 1, 0x80, ...sib])))).to.equal(undefined);
  });

  it('random bytes either fail with STATE_BAD_PROOF or are the one encoding of their proof (property)', () => {
    const prefix = fc.constantFrom(b(0, 0, 0), b(1, 0, 0), b(0, 0, 1, 0x80), b(1, 0, 9, 0xff, 0x80));
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.tuple(prefix, fc.uint8Array({ maxLength: 400 })).map(([p, r]) => Uint8Array.from([...p, ...r]))), (bytes) => {
        let proof: MerkleProof;
        try {
          proof = decodeProof(bytes);
        } catch (e) {
          return isChainError(e) && e.code === 'STATE_BAD_PROOF';
        }
        return hex(encodeProof(proof)) === hex(bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('JSON parsing is strict', () => {
    const good = proofToJson(inclusion);
    const bad: Array<[string, unknown]> = [
      ['null', null],
      ['array', []],
      ['uppercase hex', { ...good, siblings: good.siblings.map((s) => s.toUpperCase()) }],
      ['odd hex', { ...good, bitmap: good.bitmap + '0' }],
      ['depth as string', { ...good, depth: String(good.depth) }],
      ['siblings not an array', { ...good, siblings: 'ab' }],
      ['unknown terminal', { ...good, terminal: { kind: 'node' } }],
      ['short key hash', { ...good, terminal: { kind: 'leaf', keyHash: 'ab', valueHash: '00'.repeat(32) } }],
      ['missing sibling', { ...good, siblings: good.siblings.slice(1) }],
    ];
    for (const [name, json] of bad) expect(codeOf(() => proofFromJson(json)), name).to.equal('STATE_BAD_PROOF');
  });

  it('refuses to encode a malformed proof', () => {
    expect(codeOf(() => encodeProof({ ...inclusion, siblings: [] }))).to.equal('STATE_BAD_PROOF');
  });
});
