/**
 * Test side of the tree: a tiny harness that applies batches and stores their nodes, and an
 * independent reference root computed straight from the hashing rules (sha256 over a sorted list,
 * no node store, no batching), to check the optimised update against.
 */
import { compareBytes } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { KvNodeStore, nodePutOps } from '../../chain/state/node-store.ts';
import { EMPTY_ROOT } from '../../chain/state/tree-node.ts';
import { updateTree } from '../../chain/state/tree-update.ts';
import type { TreeUpdate, TreeUpdateResult } from '../../chain/state/tree-update.ts';

export class TreeHarness {
  readonly kv = new MemoryKvStore();
  readonly nodes = new KvNodeStore(this.kv, { cacheSize: 64 }); // small: most reads go to the store
  root: Uint8Array = EMPTY_ROOT;

  async apply(updates: ReadonlyArray<TreeUpdate>): Promise<TreeUpdateResult> {
    const r = await updateTree(this.nodes, this.root, updates);
    await this.kv.write(nodePutOps(r.newNodes));
    this.nodes.remember(r.newNodes);
    this.root = r.root;
    return r;
  }
}

export const leafHash = (keyHash: Uint8Array, valueHash: Uint8Array): Uint8Array => sha256(new Uint8Array([0]), keyHash, valueHash);
export const internalHash = (l: Uint8Array, r: Uint8Array): Uint8Array => sha256(new Uint8Array([1]), l, r);
export const bit = (h: Uint8Array, i: number): number => (h[i >> 3]! >> (7 - (i & 7))) & 1;

/** Root of the tree holding exactly `leaves` (keyHash -> valueHash), from the definition. */
export function referenceRootHashed(leaves: ReadonlyArray<{ keyHash: Uint8Array; valueHash: Uint8Array }>): Uint8Array {
  const sorted = [...leaves].sort((x, y) => compareBytes(x.keyHash, y.keyHash));
  const build = (list: typeof sorted, depth: number): Uint8Array => {
    if (list.length === 0) return new Uint8Array(32);
    if (list.length === 1) return leafHash(list[0]!.keyHash, list[0]!.valueHash);
    const left = list.filter((l) => bit(l.keyHash, depth) === 0);
    const right = list.filter((l) => bit(l.keyHash, depth) === 1);
    return internalHash(build(left, depth + 1), build(right, depth + 1));
  };
  return build(sorted, 0);
}

export function referenceRoot(entries: Iterable<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  return referenceRootHashed([...entries].map(([k, v]) => ({ keyHash: sha256(k), valueHash: sha256(v) })));
}
