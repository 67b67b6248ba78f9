/**
 * The batch update against a plain Map and the reference root: any sequence of batches of
 * inserts, updates and deletes gives the root of the tree built from scratch, whatever the order.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { toHex } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { isChainError } from '../../chain/errors.ts';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { idBytes, idOf, sha256Id } from '../../chain/state/node-id.ts';
import { KvNodeStore, nodePutOps } from '../../chain/state/node-store.ts';
import type { NodeReader } from '../../chain/state/node-store.ts';
import { encodeStoredNode, hashStoredNode } from '../../chain/state/stored-node.ts';
import { EMPTY_ROOT, encodeInternal, encodeLeaf } from '../../chain/state/tree-node.ts';
import { updateTree, updateTreeHashed } from '../../chain/state/tree-update.ts';
import type { TreeUpdate } from '../../chain/state/tree-update.ts';
import { b, utf8 } from './kv-test-helpers.ts';
import { TreeHarness, referenceRoot, referenceRootHashed } from './smt-test-helpers.ts';

const key = (i: number): Uint8Array => utf8(`key-${i}`);
const hexOf = (m: Map<string, Uint8Array>): Array<[Uint8Array, Uint8Array]> => [...m].map(([k, v]) => [Buffer.from(k, 'hex'), v]);

/** A batch: ops over a small key space (so updates and deletes hit existing keys). */
const batchArb = fc.array(
  fc.record({ k: fc.nat({ max: 40 }), v: fc.option(fc.uint8Array({ maxLength: 6 }), { nil: null, freq: 3 }) }),
  { maxLength: 25 },
);

describe('state/smt update', () => {
  it('hashes agree: sha256Id and the node hash match codec/hash.ts sha256 over the documented bytes', () => {
    const kh = sha256(utf8('k'));
    const vh = sha256(utf8('v'));
    expect(toHex(idBytes(sha256Id(utf8('k'))))).to.equal(toHex(kh));
    expect(toHex(idBytes(hashStoredNode(true, idOf(kh), idOf(vh))))).to.equal(toHex(sha256(encodeLeaf(kh, vh))));
    expect(toHex(idBytes(hashStoredNode(false, idOf(kh), idOf(vh))))).to.equal(toHex(sha256(encodeInternal(kh, vh))));
    expect(toHex(encodeStoredNode({ leaf: false, a: idOf(kh), b: idOf(vh) }))).to.equal(toHex(encodeInternal(kh, vh)));
  });

  it('matches the reference root after random batches of inserts, updates and deletes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(batchArb, { minLength: 1, maxLength: 6 }), async (batches) => {
        const t = new TreeHarness();
        const model = new Map<string, Uint8Array>();
        for (const batch of batches) {
          await t.apply(batch.map(({ k, v }) => ({ key: key(k), value: v })));
          for (const { k, v } of batch) {
            if (v === null) model.delete(toHex(key(k)));
            else model.set(toHex(key(k)), v);
          }
          expect(toHex(t.root)).to.equal(toHex(referenceRoot(hexOf(model))));
        }
        // and a tree built from scratch in one batch agrees
        const fresh = new TreeHarness();
        await fresh.apply(hexOf(model).map(([k, v]) => ({ key: k, value: v })));
        expect(toHex(fresh.root)).to.equal(toHex(t.root));
      }),
      { numRuns: 300 },
    );
  });

  it('the root does not depend on insertion order or batching (property)', async () => {
    const entries = fc.uniqueArray(fc.nat({ max: 500 }), { minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(entries, fc.infiniteStream(fc.nat({ max: 5 })), fc.func(fc.integer()), async (ids, cuts, order) => {
        const updates: TreeUpdate[] = ids.map((i) => ({ key: key(i), value: utf8(`v${i}`) }));
        const one = new TreeHarness();
        await one.apply(updates);
        const shuffled = [...updates].sort((x, y) => order(toHex(x.key)) - order(toHex(y.key)));
        const many = new TreeHarness();
        const cut = cuts[Symbol.iterator]();
        for (let i = 0; i < shuffled.length; ) {
          const n = cut.next().value as number;
          await many.apply(shuffled.slice(i, i + n + 1));
          i += n + 1;
        }
        expect(toHex(many.root)).to.equal(toHex(one.root));
      }),
      { numRuns: 100 },
    );
  });

  it('deleting every key, in any batches, gives EMPTY_ROOT', async () => {
    const t = new TreeHarness();
    const n = 300;
    await t.apply(Array.from({ length: n }, (_, i) => ({ key: key(i), value: b(i & 0xff) })));
    for (let i = 0; i < n; i += 37) await t.apply(Array.from({ length: Math.min(37, n - i) }, (_, j) => ({ key: key(n - 1 - i - j), value: null })));
    expect(toHex(t.root)).to.equal(toHex(EMPTY_ROOT));
  });

  it('a larger tree: 3,000 keys in batches, half deleted, matches the reference', async () => {
    const t = new TreeHarness();
    const model = new Map<string, Uint8Array>();
    for (let round = 0; round < 3; round++) {
      const batch: TreeUpdate[] = [];
      for (let i = round * 1000; i < (round + 1) * 1000; i++) batch.push({ key: key(i), value: utf8(`r${round}-${i}`) });
      for (let i = 0; i < round * 1000; i += 2) batch.push({ key: key(i), value: null });
      await t.apply(batch);
      for (const u of batch) {
        if (u.value === null) model.delete(toHex(u.key));
        else model.set(toHex(u.key), u.value);
      }
    }
    expect(toHex(t.root)).to.equal(toHex(referenceRoot(hexOf(model))));
  });

  it('in one batch the last update of a key wins', async () => {
    const t = new TreeHarness();
    await t.apply([
      { key: key(1), value: b(1) },
      { key: key(2), value: b(2) },
      { key: key(1), value: null },
      { key: key(2), value: b(3) },
      { key: key(1), value: b(4) },
    ]);
    expect(toHex(t.root)).to.equal(toHex(referenceRoot([[key(1), b(4)], [key(2), b(3)]])));
  });

  it('creates no node for no-op updates: deleting an absent key, writing the same value again', async () => {
    const t = new TreeHarness();
    await t.apply(Array.from({ length: 50 }, (_, i) => ({ key: key(i), value: b(i) })));
    const before = t.root;
    const r1 = await t.apply([{ key: key(999), value: null }]);
    const r2 = await t.apply([{ key: key(7), value: b(7) }]);
    expect(toHex(r1.root)).to.equal(toHex(before));
    expect(toHex(r2.root)).to.equal(toHex(before));
    expect(r1.newNodes.length + r2.newNodes.length).to.equal(0);
  });

  it('handles paths down to depth 256 (key hashes differing only in the last bit)', async () => {
    const t = new TreeHarness();
    const kh1 = sha256(utf8('deep'));
    const kh2 = kh1.slice();
    kh2[31]! ^= 1;
    const kh3 = kh1.slice();
    kh3[0]! ^= 0x80;
    const leaves = [
      { keyHash: kh1, valueHash: sha256(b(1)) },
      { keyHash: kh2, valueHash: sha256(b(2)) },
      { keyHash: kh3, valueHash: sha256(b(3)) },
    ];
    const r = await updateTreeHashed(t.nodes, EMPTY_ROOT, leaves);
    expect(toHex(r.root)).to.equal(toHex(referenceRootHashed(leaves)));
    expect(r.newNodes.length).to.equal(3 + 256); // 3 leaves; the root split, 254 one-sided nodes, the split at bit 255
    await t.kv.write(nodePutOps(r.newNodes));
    const del = await updateTreeHashed(t.nodes, r.root, [{ keyHash: kh2, valueHash: null }]);
    expect(toHex(del.root)).to.equal(toHex(referenceRootHashed([leaves[0]!, leaves[2]!])));
  });

  it('reads stored nodes in bulk: one readNodes call per tree level', async () => {
    const t = new TreeHarness();
    await t.apply(Array.from({ length: 2000 }, (_, i) => ({ key: key(i), value: b(1) })));
    let calls = 0;
    let maxBatch = 0;
    const counting: NodeReader = {
      readNodes: async (ids) => {
        calls++;
        maxBatch = Math.max(maxBatch, ids.length);
        return t.nodes.readNodes(ids);
      },
    };
    await updateTree(counting, t.root, Array.from({ length: 1000 }, (_, i) => ({ key: key(i * 2), value: b(2) })));
    expect(calls).to.be.below(40); // ~log2(2000) + a few levels of shared prefixes, never one call per node
    expect(maxBatch).to.be.above(500);
  });

  it('fails with STATE_MISSING_NODE when the store lacks a node of the root', async () => {
    const t = new TreeHarness();
    await t.apply([{ key: key(1), value: b(1) }, { key: key(2), value: b(2) }]);
    const empty = new KvNodeStore(new MemoryKvStore());
    let code: string | undefined;
    try {
      await updateTree(empty, t.root, [{ key: key(3), value: b(3) }]);
    } catch (e) {
      code = isChainError(e) ? e.code : String(e);
    }
    expect(code).to.equal('STATE_MISSING_NODE');
  });
});
