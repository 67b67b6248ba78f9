/**
 * What the validators of one process (`tfr testnet`) store once for all of them, in one KvStore:
 * the state's tree nodes and values (content-addressed) and the block records (block by height,
 * height by hash, results, tx index), which are the same for every validator of a final chain.
 * Each validator keeps its own store for its own records (tip, commits, state root, genesis hash),
 * reads the shared ones at its own root and up to its own tip, and commits a block by writing its
 * own records once the shared ones are durably written (sync). The first validator of the process
 * to commit a block writes them; the others wait for that same write.
 *
 * Crash safety: shared records are written before any validator's tip moves, so no tip ever points
 * at missing data; records of a block a validator has not committed yet are invisible to it.
 */
import { toHex } from '../codec/bytes.ts';
import { BoundedCache } from '../bounded-cache.ts';
import { ChainError } from '../errors.ts';
import type { KvOp, KvStore } from '../state/kv-store.ts';
import { createNodeCache, type NodeCache } from '../state/node-store.ts';
import type { SharedStateContent } from '../state/state-store.ts';

/** Blocks whose shared records are remembered as written (a later commit of an older one rewrites them, harmlessly). */
const WRITES_REMEMBERED = 1024;

export class SharedChainData implements SharedStateContent {
  readonly nodeCache: NodeCache;
  private readonly writes = new BoundedCache<string, Promise<void>>(WRITES_REMEMBERED);
  /** Block hash written for each recent height: two different blocks at one height is a fork. */
  private readonly heights = new BoundedCache<number, string>(WRITES_REMEMBERED);

  constructor(
    readonly kv: KvStore,
    opts: { readonly nodeCacheSize?: number } = {},
  ) {
    this.nodeCache = createNodeCache(opts.nodeCacheSize);
  }

  /**
   * Writes the shared records of block `hash` at `height` (`ops` is called only by the first
   * caller) and resolves once they are on disk, for every caller. A failed write is forgotten,
   * so the next caller tries again.
   */
  writeBlock(height: number, hash: Uint8Array, ops: () => readonly KvOp[]): Promise<void> {
    const key = toHex(hash);
    const claimed = this.heights.get(height);
    if (claimed !== undefined && claimed !== key) {
      return Promise.reject(new ChainError('STATE_CORRUPT', `two different blocks at height ${height} committed in one process (${claimed}, ${key}): the shared store cannot hold both`, { height }));
    }
    const known = this.writes.get(key);
    if (known !== undefined) return known;
    this.heights.set(height, key);
    const write = this.kv.write(ops(), { sync: true });
    this.writes.set(key, write);
    write.catch(() => {
      if (this.writes.get(key) === write) this.writes.delete(key);
      if (this.heights.get(height) === key) this.heights.delete(height);
    });
    return write;
  }
}
