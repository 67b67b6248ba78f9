/**
 * Where the tree reads its nodes from: content-addressed records `KEY_PREFIX.treeNode || hash`
 * in a KvStore, behind a bounded cache of decoded nodes (a block touches the same upper nodes
 * again and again, and awaiting LevelDB per node costs ~64 µs).
 */
import { toHex } from '../codec/bytes.ts';
import { ChainError } from '../errors.ts';
import { BoundedCache } from '../bounded-cache.ts';
import { KEY_PREFIX } from './key-prefixes.ts';
import type { KvOp, KvStore } from './kv-store.ts';
import { idBytes } from './node-id.ts';
import type { NodeId } from './node-id.ts';
import { decodeStoredNode, encodeStoredNode } from './stored-node.ts';
import type { NewNode, StoredNode } from './stored-node.ts';
import { HASH_SIZE } from './tree-node.ts';

/** Read side of a node store: one call per tree level, so a LevelDB store can use getMany. */
export interface NodeReader {
  /** The nodes with these hashes, in order; STATE_MISSING_NODE if any is absent. */
  readNodes(ids: readonly NodeId[]): Promise<StoredNode[]>;
}

export interface KvNodeStoreOptions {
  /** Decoded nodes kept in memory (roughly 150-200 bytes each) when no shared cache is given. */
  readonly cacheSize?: number;
  /**
   * A cache shared with other node stores. Safe across validators of one process, even with
   * separate databases: a node id is its content's hash, so a cached node is right for every store,
   * and each store still writes every node its own updates create.
   */
  readonly cache?: NodeCache;
}

export type NodeCache = BoundedCache<string, StoredNode>;

export const DEFAULT_NODE_CACHE_SIZE = 250_000;

export function createNodeCache(capacity = DEFAULT_NODE_CACHE_SIZE): NodeCache {
  return new BoundedCache<string, StoredNode>(capacity);
}

/** KvStore key of the node with this id: KEY_PREFIX.treeNode || hash. */
export function nodeKey(id: NodeId): Uint8Array {
  const key = Buffer.allocUnsafe(1 + HASH_SIZE);
  key[0] = KEY_PREFIX.treeNode;
  key.write(id, 1, HASH_SIZE, 'latin1');
  return key;
}

/** Puts storing the given new nodes (idempotent: same hash, same bytes). */
export function nodePutOps(newNodes: readonly NewNode[]): KvOp[] {
  return newNodes.map((n) => ({ type: 'put', key: nodeKey(n.id), value: encodeStoredNode(n) }));
}

/** Lists of new nodes already put in each cache (see `remember`). */
const remembered = new WeakMap<NodeCache, WeakSet<readonly NewNode[]>>();

export class KvNodeStore implements NodeReader {
  readonly #kv: KvStore;
  readonly #cache: BoundedCache<string, StoredNode>;

  constructor(kv: KvStore, opts: KvNodeStoreOptions = {}) {
    this.#kv = kv;
    this.#cache = opts.cache ?? createNodeCache(opts.cacheSize);
  }

  async readNodes(ids: readonly NodeId[]): Promise<StoredNode[]> {
    const out = new Array<StoredNode>(ids.length);
    const missIdx: number[] = [];
    for (let i = 0; i < ids.length; i++) {
      const n = this.#cache.get(ids[i]!);
      if (n === undefined) missIdx.push(i);
      else out[i] = n;
    }
    if (missIdx.length > 0) {
      const values = await this.#kv.getMany(missIdx.map((i) => nodeKey(ids[i]!)));
      for (let j = 0; j < missIdx.length; j++) {
        const i = missIdx[j]!;
        const bytes = values[j];
        if (bytes === undefined) throw new ChainError('STATE_MISSING_NODE', 'tree node not found', { hash: toHex(idBytes(ids[i]!)) });
        const node = decodeStoredNode(bytes);
        this.#cache.set(ids[i]!, node);
        out[i] = node;
      }
    }
    return out;
  }

  /**
   * Caches nodes once stored (content-addressed, so a cached node is never stale). The same list
   * is cached once per cache: the validators of a process commit one prepared state each.
   */
  remember(newNodes: readonly NewNode[]): void {
    let seen = remembered.get(this.#cache);
    if (seen === undefined) remembered.set(this.#cache, (seen = new WeakSet()));
    if (seen.has(newNodes)) return;
    seen.add(newNodes);
    for (const n of newNodes) this.#cache.set(n.id, n);
  }
}
