/**
 * The committed state: prepare writes nothing, commit writes the state and the caller's records in
 * one batch (or nothing at all), reads and proofs follow the committed root, and a LevelDB store
 * reopens on the same root and values.
 */
import { expect } from 'chai';
import { toHex, utf8 } from '../../chain/codec/bytes.ts';
import { isChainError } from '../../chain/errors.ts';
import { KEY_PREFIX, prefixed } from '../../chain/state/key-prefixes.ts';
import type { KvOp } from '../../chain/state/kv-store.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { createNodeCache } from '../../chain/state/node-store.ts';
import { STATE_FORMAT_KEY, STATE_ROOT_KEY, StateStore, stateValueKey } from '../../chain/state/state-store.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { EMPTY_ROOT } from '../../chain/state/tree-node.ts';
import { verifyProof } from '../../chain/state/verify-proof.ts';
import { CountingKvStore, b, collect, tempDir } from './kv-test-helpers.ts';
import { referenceRoot } from './smt-test-helpers.ts';

const key = (i: number): Uint8Array => utf8(`acct/${i}`);
const val = (i: number): Uint8Array => utf8(`balance ${i}`);

async function codeOf(f: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await f();
  } catch (e) {
    return isChainError(e) ? e.code : `not a ChainError: ${String(e)}`;
  }
  return undefined;
}

const blockRecord: KvOp = { type: 'put', key: prefixed(KEY_PREFIX.blockByHeight, b(0, 0, 0, 0, 0, 0, 0, 1)), value: b(0xbb) };

describe('state/state-store', () => {
  it('a new store is the empty tree and reads nothing', async () => {
    const s = await StateStore.open(new MemoryKvStore());
    expect(toHex(s.root())).to.equal(toHex(EMPTY_ROOT));
    expect(await s.get(key(1))).to.equal(undefined);
  });

  it('prepare computes the root without writing; commit writes state and records in exactly one batch', async () => {
    const kv = new CountingKvStore(new MemoryKvStore());
    const s = await StateStore.open(kv);
    const writes = Array.from({ length: 20 }, (_, i) => ({ key: key(i), value: val(i) }));
    const prepared = await s.prepare(writes);
    expect(kv.writes.length).to.equal(0);
    expect(toHex(s.root())).to.equal(toHex(EMPTY_ROOT));
    expect(toHex(prepared.root)).to.equal(toHex(referenceRoot(writes.map((w) => [w.key, w.value] as const))));

    await s.commit(prepared, [blockRecord]);
    expect(kv.writes.length).to.equal(1);
    const batch = kv.writes[0]!;
    expect(batch.some((op) => op.type === 'put' && toHex(op.key) === toHex(blockRecord.key))).to.equal(true);
    expect(batch.some((op) => op.type === 'put' && toHex(op.key) === toHex(STATE_ROOT_KEY) && toHex(op.value) === toHex(prepared.root))).to.equal(true);
    expect(batch.filter((op) => op.key[0] === KEY_PREFIX.valueByHash).length).to.equal(20);
    expect(toHex(s.root())).to.equal(toHex(prepared.root));
    expect(await s.get(key(3))).to.deep.equal(val(3));
  });

  it('updates and deletes values and the root together', async () => {
    const kv = new MemoryKvStore();
    const s = await StateStore.open(kv);
    await s.commit(await s.prepare([{ key: key(1), value: val(1) }, { key: key(2), value: val(2) }]));
    expect(await s.get(key(2))).to.deep.equal(val(2)); // now cached
    await s.commit(await s.prepare([{ key: key(2), value: null }, { key: key(1), value: val(11) }, { key: key(1), value: val(12) }]));
    expect(await s.get(key(2))).to.equal(undefined);
    expect(await s.get(key(1))).to.deep.equal(val(12));
    expect(await kv.get(stateValueKey(sha256(val(2))))).to.deep.equal(val(2)); // content-addressed: values stay, like nodes
    expect(toHex(s.root())).to.equal(toHex(referenceRoot([[key(1), val(12)]])));
    await s.commit(await s.prepare([{ key: key(1), value: null }]));
    expect(toHex(s.root())).to.equal(toHex(EMPTY_ROOT));
  });

  it('a failed commit changes nothing, on disk or in memory, and can be retried', async () => {
    let fail = true;
    const kv = new MemoryKvStore({
      beforeWrite: () => {
        if (fail) throw new Error('disk full');
      },
    });
    const s = await StateStore.open(kv);
    const prepared = await s.prepare([{ key: key(1), value: val(1) }]);
    let message = '';
    try {
      await s.commit(prepared, [blockRecord]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.equal('disk full');
    expect(kv.size).to.equal(0);
    expect(toHex(s.root())).to.equal(toHex(EMPTY_ROOT));
    expect(await s.get(key(1))).to.equal(undefined);
    fail = false;
    await s.commit(prepared, [blockRecord]);
    expect(await s.get(key(1))).to.deep.equal(val(1));
  });

  it('refuses a prepared state once the root moved, or a forged one', async () => {
    const s = await StateStore.open(new MemoryKvStore());
    const a = await s.prepare([{ key: key(1), value: val(1) }]);
    const c = await s.prepare([{ key: key(2), value: val(2) }]);
    await s.commit(a);
    expect(await codeOf(() => s.commit(c))).to.equal('STATE_STALE_PREPARE');
    expect(await codeOf(() => s.commit(a))).to.equal('STATE_STALE_PREPARE');
    const forged = { parentRoot: s.root(), root: new Uint8Array(32).fill(1), ops: [] };
    expect(await codeOf(() => s.commit(forged))).to.equal('STATE_STALE_PREPARE');
    expect(await s.get(key(2))).to.equal(undefined);
  });

  it('a prepared state commits on any store at the same root (one execution, many validators)', async () => {
    const kvA = new MemoryKvStore();
    const kvB = new MemoryKvStore();
    const a = await StateStore.open(kvA);
    const bStore = await StateStore.open(kvB);
    const genesis = await a.prepare([{ key: key(1), value: val(1) }]);
    await a.commit(genesis);
    await bStore.commit(genesis);
    const block = await a.prepare([{ key: key(2), value: val(2) }, { key: key(1), value: null }]);
    await bStore.commit(block);
    await a.commit(block);
    expect(toHex(bStore.root())).to.equal(toHex(a.root()));
    expect(await collect(kvB)).to.deep.equal(await collect(kvA));
    // A store at another root refuses it.
    const c = await StateStore.open(new MemoryKvStore());
    expect(await codeOf(() => c.commit(block))).to.equal('STATE_STALE_PREPARE');
  });

  it('the prepared state handed out is a copy: mutating it changes nothing committed', async () => {
    const s = await StateStore.open(new MemoryKvStore());
    const p = await s.prepare([{ key: key(1), value: val(1) }]);
    const expected = toHex(p.root);
    p.root.fill(0);
    p.parentRoot.fill(1);
    await s.commit(p);
    expect(toHex(s.root())).to.equal(expected);
  });

  it('refuses two commits in flight on the same root', async () => {
    const s = await StateStore.open(new MemoryKvStore());
    const p1 = await s.prepare([{ key: key(1), value: val(1) }]);
    const p2 = await s.prepare([{ key: key(2), value: val(2) }]);
    const results = await Promise.allSettled([s.commit(p1), s.commit(p2)]);
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected']);
    expect(toHex(s.root())).to.equal(toHex(p1.root));
  });

  it('refuses extra ops that touch keys the state owns', async () => {
    const kv = new MemoryKvStore();
    const s = await StateStore.open(kv);
    const prepared = await s.prepare([{ key: key(1), value: val(1) }]);
    for (const op of [
      { type: 'put', key: stateValueKey(sha256(val(1))), value: b(1) },
      { type: 'put', key: prefixed(KEY_PREFIX.stateValue, key(1)), value: b(1) },
      { type: 'put', key: STATE_FORMAT_KEY, value: b(1) },
      { type: 'del', key: prefixed(KEY_PREFIX.treeNode, new Uint8Array(32)) },
      { type: 'put', key: STATE_ROOT_KEY, value: new Uint8Array(32) },
    ] satisfies KvOp[]) {
      expect(await codeOf(() => s.commit(prepared, [op]))).to.equal('STATE_FORBIDDEN_KEY');
    }
    expect(kv.size).to.equal(0);
    await s.commit(prepared, [{ type: 'put', key: prefixed(KEY_PREFIX.meta, utf8('tip')), value: b(1) }]);
  });

  it('proves committed values and absences against the committed root', async () => {
    const s = await StateStore.open(new MemoryKvStore());
    await s.commit(await s.prepare(Array.from({ length: 50 }, (_, i) => ({ key: key(i), value: val(i) }))));
    const present = await s.prove(key(7));
    expect(present.value).to.deep.equal(val(7));
    expect(toHex(present.root)).to.equal(toHex(s.root()));
    expect(verifyProof(present.root, key(7), present.value, present.proof)).to.equal(true);
    const absent = await s.prove(key(70));
    expect(absent.value).to.equal(null);
    expect(verifyProof(absent.root, key(70), null, absent.proof)).to.equal(true);
    // Old nodes stay: a proof against the old root still works after the next commit.
    await s.commit(await s.prepare([{ key: key(7), value: val(700) }]));
    expect(verifyProof(present.root, key(7), val(7), present.proof)).to.equal(true);
    const again = await s.prove(key(7));
    expect(verifyProof(again.root, key(7), val(700), again.proof)).to.equal(true);
    expect(verifyProof(again.root, key(7), val(7), present.proof)).to.equal(false);
  });

  it('reopens a LevelDB store on the same root, values and proofs', async () => {
    const t = tempDir();
    try {
      const kv = await openLevelKvStore(t.dir);
      const s = await StateStore.open(kv);
      await s.commit(await s.prepare(Array.from({ length: 300 }, (_, i) => ({ key: key(i), value: val(i) }))), [blockRecord], { sync: true });
      await s.commit(await s.prepare([{ key: key(0), value: null }, { key: key(1), value: val(1001) }]));
      const root = s.root();
      await kv.close();

      const kv2 = await openLevelKvStore(t.dir);
      const s2 = await StateStore.open(kv2);
      expect(toHex(s2.root())).to.equal(toHex(root));
      expect(await s2.get(key(0))).to.equal(undefined);
      expect(await s2.get(key(1))).to.deep.equal(val(1001));
      expect(await s2.get(key(299))).to.deep.equal(val(299));
      expect(await kv2.get(blockRecord.key)).to.deep.equal(b(0xbb));
      const p = await s2.prove(key(299));
      expect(verifyProof(root, key(299), val(299), p.proof)).to.equal(true);
      // the reopened store keeps building on the same tree
      await s2.commit(await s2.prepare([{ key: key(2), value: val(2002) }]));
      const model: Array<readonly [Uint8Array, Uint8Array]> = [];
      for (let i = 1; i < 300; i++) model.push([key(i), i === 1 ? val(1001) : i === 2 ? val(2002) : val(i)]);
      expect(toHex(s2.root())).to.equal(toHex(referenceRoot(model)));
      await kv2.close();
    } finally {
      t.remove();
    }
  });

  it('refuses to open on a damaged root: wrong size, or a root node that is gone', async () => {
    const kv = new MemoryKvStore();
    await kv.write([{ type: 'put', key: STATE_ROOT_KEY, value: b(1, 2, 3) }]);
    expect(await codeOf(() => StateStore.open(kv))).to.equal('STATE_CORRUPT');
    await kv.write([{ type: 'put', key: STATE_ROOT_KEY, value: new Uint8Array(32).fill(9) }, { type: 'put', key: STATE_FORMAT_KEY, value: b(2) }]);
    expect(await codeOf(() => StateStore.open(kv))).to.equal('STATE_MISSING_NODE');
    const nodeKey = prefixed(KEY_PREFIX.treeNode, new Uint8Array(32).fill(9));
    await kv.write([{ type: 'put', key: nodeKey, value: b(7, 7) }]);
    expect(await codeOf(() => StateStore.open(kv))).to.equal('STATE_CORRUPT');
  });

  it('stores nodes under n || hash, values under w || sha256(value), the root under m || "stateRoot" and the format under m || "stateFormat"', async () => {
    const kv = new MemoryKvStore();
    const s = await StateStore.open(kv);
    await s.commit(await s.prepare([{ key: b(0xaa), value: b(0xbb) }]));
    const rows = await collect(kv);
    expect(rows.map(([k]) => k.slice(0, 2))).to.deep.equal(['6d', '6d', '6e', '77']);
    const rootHex = toHex(s.root());
    expect(rows).to.deep.include(['6d' + toHex(utf8('stateRoot')), rootHex]);
    expect(rows).to.deep.include(['6d' + toHex(utf8('stateFormat')), '02']);
    expect(rows).to.deep.include(['77' + toHex(sha256(b(0xbb))), 'bb']);
    expect(rows.find(([k]) => k.startsWith('6e'))![0]).to.equal('6e' + rootHex);
  });

  it('refuses a store of the older format (values by key), naming it', async () => {
    const kv = new MemoryKvStore();
    const s = await StateStore.open(kv);
    await s.commit(await s.prepare([{ key: key(1), value: val(1) }]));
    await kv.write([{ type: 'del', key: STATE_FORMAT_KEY }]);
    let error: unknown;
    await StateStore.open(kv).catch((e: unknown) => (error = e));
    expect(isChainError(error) && error.code === 'STATE_CORRUPT' && /older format/.test(error.message)).to.equal(true);
  });

  it('reads a value through the tree when it is not cached (a cold store)', async () => {
    const kv = new MemoryKvStore();
    const s = await StateStore.open(kv);
    await s.commit(await s.prepare(Array.from({ length: 100 }, (_, i) => ({ key: key(i), value: val(i) }))));
    const cold = await StateStore.open(kv, { valueCacheSize: 1, nodeCacheSize: 1 });
    for (const i of [0, 42, 99]) expect(await cold.get(key(i))).to.deep.equal(val(i));
    expect(await cold.get(key(100))).to.equal(undefined);
    // A value the tree names but the store lost is damage, not absence.
    const [valueKey] = (await collect(kv)).filter(([k]) => k.startsWith('77')).map(([k]) => k);
    await kv.write([{ type: 'del', key: Uint8Array.from(Buffer.from(valueKey!, 'hex')) }]);
    const damaged = await StateStore.open(kv, { valueCacheSize: 1 });
    const codes = await Promise.all(Array.from({ length: 100 }, (_, i) => codeOf(() => damaged.get(key(i)))));
    expect(codes.filter((c) => c !== undefined)).to.deep.equal(['STATE_CORRUPT']);
  });
});

describe('state/state-store: valueAt, the value of a key under an older root', () => {
  /** Three blocks: key 1 written, changed, deleted; key 2 written in the second. Answers the roots after each. */
  async function history(s: StateStore, commit: (p: Awaited<ReturnType<StateStore['prepare']>>) => Promise<void>): Promise<Uint8Array[]> {
    const roots: Uint8Array[] = [];
    for (const writes of [
      [{ key: key(1), value: val(1) }, { key: key(3), value: val(3) }],
      [{ key: key(1), value: val(101) }, { key: key(2), value: val(2) }],
      [{ key: key(1), value: null }, { key: key(3), value: val(303) }],
    ]) {
      await commit(await s.prepare(writes));
      roots.push(s.root());
    }
    return roots;
  }

  async function expectHistory(s: StateStore, roots: readonly Uint8Array[]): Promise<void> {
    const [r1, r2, r3] = roots as [Uint8Array, Uint8Array, Uint8Array];
    expect(await s.valueAt(r1, key(1))).to.deep.equal(val(1));
    expect(await s.valueAt(r2, key(1))).to.deep.equal(val(101));
    expect(await s.valueAt(r3, key(1))).to.equal(undefined);
    expect(await s.valueAt(r1, key(2))).to.equal(undefined);
    expect(await s.valueAt(r2, key(2))).to.deep.equal(val(2));
    expect(await s.valueAt(r3, key(2))).to.deep.equal(val(2));
    expect(await s.valueAt(r2, key(3))).to.deep.equal(val(3));
    expect(await s.valueAt(r3, key(3))).to.deep.equal(val(303));
    expect(await s.valueAt(EMPTY_ROOT, key(3))).to.equal(undefined);
    // The current value is still what get says.
    expect(await s.get(key(3))).to.deep.equal(val(303));
  }

  it('a plain store: a key changed or deleted after a block reads with its value at that block', async () => {
    const kv = new MemoryKvStore();
    const s = await StateStore.open(kv);
    const roots = await history(s, (p) => s.commit(p));
    await expectHistory(s, roots);
    // A cold store (restart, tiny caches) reads older roots from disk alike.
    await expectHistory(await StateStore.open(kv, { valueCacheSize: 1, nodeCacheSize: 1 }), roots);
  });

  it('a store whose nodes and values live in a shared content store (tfr testnet): the same', async () => {
    const content = { kv: new MemoryKvStore(), nodeCache: createNodeCache(1_000) };
    const own = new MemoryKvStore();
    const s = await StateStore.open(own, { content });
    const roots = await history(s, async (p) => {
      await content.kv.write([...s.contentOps(p)]);
      await s.commit(p);
    });
    // Nothing of the content is in the validator's own store: valueAt reads the shared one.
    expect((await collect(own)).filter(([k]) => k.startsWith('77') || k.startsWith('6e'))).to.deep.equal([]);
    await expectHistory(s, roots);
    await expectHistory(await StateStore.open(own, { content: { kv: content.kv, nodeCache: createNodeCache(1) }, valueCacheSize: 1 }), roots);
  });

  it('a root the store never held, or not 32 bytes: STATE_MISSING_NODE; a lost value: STATE_CORRUPT', async () => {
    const kv = new MemoryKvStore();
    const s = await StateStore.open(kv);
    const roots = await history(s, (p) => s.commit(p));
    expect(await codeOf(() => s.valueAt(new Uint8Array(32).fill(7), key(1)))).to.equal('STATE_MISSING_NODE');
    expect(await codeOf(() => s.valueAt(new Uint8Array(31), key(1)))).to.equal('STATE_MISSING_NODE');
    await kv.write([{ type: 'del', key: stateValueKey(sha256(val(101))) }]);
    expect(await codeOf(() => s.valueAt(roots[1]!, key(1)))).to.equal('STATE_CORRUPT');
  });
});

describe('state/state-store: validators of one process sharing a node cache', () => {
  it('each store still writes every node it creates, so it stands alone after a restart', async () => {
    const shared = createNodeCache(10_000);
    const kvA = new MemoryKvStore();
    const kvB = new MemoryKvStore();
    const a = await StateStore.open(kvA, { nodeCache: shared });
    const bStore = await StateStore.open(kvB, { nodeCache: shared });
    for (let round = 0; round < 3; round++) {
      const writes = Array.from({ length: 40 }, (_, i) => ({ key: key(i + round * 20), value: val(round) }));
      const pa = await a.prepare(writes);
      await a.commit(pa);
      const pb = await bStore.prepare(writes); // every node is already in the shared cache
      expect(toHex(pb.root)).to.equal(toHex(pa.root));
      await bStore.commit(pb);
    }
    // B restarted with a cold private cache: everything it needs is in its own store.
    const cold = await StateStore.open(kvB, { nodeCacheSize: 16 });
    for (let i = 0; i < 80; i++) {
      const p = await cold.prove(key(i));
      expect(verifyProof(cold.root(), key(i), p.value, p.proof)).to.equal(true);
    }
    await cold.commit(await cold.prepare([{ key: key(5), value: null }]));
    expect(toHex(cold.root())).to.not.equal(toHex(a.root()));
  });
});
