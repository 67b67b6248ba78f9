/**
 * The committed state over one KvStore: the Merkle tree (nodes under 'n'), the flat current values
 * it commits to (under 'v', so reads are one lookup instead of a tree walk) and the committed root
 * (under 'm' || "stateRoot"). A block goes through `prepare` (compute, write nothing) then `commit`
 * (one kv.write with the caller's block records), so a crash leaves the whole block or none of it.
 */
import { bytesEqual, toHex, utf8 } from '../codec/bytes.ts';
import { ChainError } from '../errors.ts';
import { BoundedCache } from '../bounded-cache.ts';
import { cacheKey } from './cache-key.ts';
import { KEY_PREFIX, prefixed } from './key-prefixes.ts';
import type { KvOp, KvStore, KvWriteOptions } from './kv-store.ts';
import type { MerkleProof } from './merkle-proof.ts';
import { idOf } from './node-id.ts';
import { KvNodeStore, nodePutOps } from './node-store.ts';
import type { NodeCache, NodeReader } from './node-store.ts';
import type { NewNode } from './stored-node.ts';
import { EMPTY_ROOT, HASH_SIZE, isEmptyHash } from './tree-node.ts';
import { proveKey } from './tree-prove.ts';
import { updateTree } from './tree-update.ts';
import type { TreeUpdate } from './tree-update.ts';

export const STATE_ROOT_KEY: Uint8Array = prefixed(KEY_PREFIX.meta, utf8('stateRoot'));

export function stateValueKey(key: Uint8Array): Uint8Array {
  return prefixed(KEY_PREFIX.stateValue, key);
}

export interface StateStoreOptions {
  /** Decoded tree nodes kept in memory (ignored when nodeCache is given). */
  readonly nodeCacheSize?: number;
  /** A node cache shared by the validators of one process (see KvNodeStoreOptions.cache). */
  readonly nodeCache?: NodeCache;
  /** State values (and known absences) kept in memory. */
  readonly valueCacheSize?: number;
}

/**
 * A computed, unwritten state change. Any store whose committed root is `parentRoot` can commit it:
 * the same root means the same state, so the ops are the same (the execution memo of a process
 * running many validators computes a block once and commits it in each validator's store).
 */
export interface PreparedState {
  /** The root it was computed on; commit refuses it on a store at any other root. */
  readonly parentRoot: Uint8Array;
  readonly root: Uint8Array;
  /** Everything commit will write for the state (new tree nodes, flat values, the root). Do not mutate. */
  readonly ops: readonly KvOp[];
}

export interface StateProof {
  readonly root: Uint8Array;
  /** The committed value, null when the key is absent. */
  readonly value: Uint8Array | null;
  readonly proof: MerkleProof;
}

/** What commit relies on, kept out of the caller's reach (the public fields are copies). */
interface PreparedInternals {
  readonly parentRoot: Uint8Array;
  readonly root: Uint8Array;
  readonly ops: readonly KvOp[];
  readonly writes: readonly TreeUpdate[];
  readonly newNodes: readonly NewNode[];
}

/** Prepared states made by any StateStore of the process; a forged object is not in here. */
const preparedStates = new WeakMap<PreparedState, PreparedInternals>();

const ABSENT = null;
export const DEFAULT_VALUE_CACHE_SIZE = 200_000;

export class StateStore {
  readonly #kv: KvStore;
  readonly #nodes: KvNodeStore;
  readonly #values: BoundedCache<string, Uint8Array | typeof ABSENT>;
  #root: Uint8Array;
  #committing = false;

  private constructor(kv: KvStore, nodes: KvNodeStore, root: Uint8Array, opts: StateStoreOptions) {
    this.#kv = kv;
    this.#nodes = nodes;
    this.#root = root;
    this.#values = new BoundedCache(opts.valueCacheSize ?? DEFAULT_VALUE_CACHE_SIZE);
  }

  /** Opens the state committed in `kv` (the empty tree for a new store). */
  static async open(kv: KvStore, opts: StateStoreOptions = {}): Promise<StateStore> {
    const stored = await kv.get(STATE_ROOT_KEY);
    if (stored !== undefined && stored.length !== HASH_SIZE) {
      throw new ChainError('STATE_CORRUPT', 'stored state root is not 32 bytes', { length: stored.length });
    }
    const root = stored ?? EMPTY_ROOT;
    const nodes = new KvNodeStore(kv, {
      ...(opts.nodeCache !== undefined && { cache: opts.nodeCache }),
      ...(opts.nodeCacheSize !== undefined && { cacheSize: opts.nodeCacheSize }),
    });
    if (!isEmptyHash(root)) await nodes.readNodes([idOf(root)]); // fails now, not at the first block, if the tree is gone
    return new StateStore(kv, nodes, root.slice(), opts);
  }

  /** The committed state root. */
  root(): Uint8Array {
    return this.#root.slice();
  }

  /** Tree nodes of this store, for proofs against older roots (nodes are never deleted). */
  get nodes(): NodeReader {
    return this.#nodes;
  }

  /** The committed value of `key`, undefined when absent. */
  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    const ck = cacheKey(key);
    const cached = this.#values.get(ck);
    if (cached !== undefined) return cached === ABSENT ? undefined : cached.slice();
    const root = this.#root;
    const v = await this.#kv.get(stateValueKey(key));
    // A commit landing during the read may have changed the key: cache only what is still current.
    if (root === this.#root) this.#values.set(ck, v ?? ABSENT);
    return v;
  }

  /** Computes the new root and the ops to write for `writes` (last write of a key wins); writes nothing. */
  async prepare(writes: ReadonlyArray<TreeUpdate>): Promise<PreparedState> {
    // Own copies (the caller may reuse its arrays before commit). A repeated key needs no dedupe:
    // the tree keeps the last update, and so do the value ops of one kv.write and the value cache.
    const own: TreeUpdate[] = writes.map((w) => ({ key: w.key.slice(), value: w.value === null ? null : w.value.slice() }));
    const parentRoot = this.#root;
    const { root, newNodes } = await updateTree(this.#nodes, parentRoot, own);
    const ops: KvOp[] = nodePutOps(newNodes);
    for (const w of own) {
      ops.push(w.value === null ? { type: 'del', key: stateValueKey(w.key) } : { type: 'put', key: stateValueKey(w.key), value: w.value });
    }
    ops.push({ type: 'put', key: STATE_ROOT_KEY, value: root.slice() });
    Object.freeze(ops);
    const prepared: PreparedState = Object.freeze({ parentRoot: parentRoot.slice(), root: root.slice(), ops });
    preparedStates.set(prepared, { parentRoot, root, ops, writes: own, newNodes });
    return prepared;
  }

  /**
   * Writes `prepared` and the caller's `extraOps` (block records) in ONE kv.write. On failure
   * nothing changes, in the store or in memory. extraOps must not touch keys the state owns.
   */
  async commit(prepared: PreparedState, extraOps: readonly KvOp[] = [], opts: KvWriteOptions = {}): Promise<void> {
    const p = preparedStates.get(prepared);
    if (p === undefined) throw new ChainError('STATE_STALE_PREPARE', 'not a prepared state made by StateStore.prepare');
    if (this.#committing) throw new ChainError('STATE_STALE_PREPARE', 'another commit is in flight on this store');
    if (!bytesEqual(p.parentRoot, this.#root)) {
      throw new ChainError('STATE_STALE_PREPARE', 'the prepared state was computed on another root', {
        preparedOn: toHex(p.parentRoot),
        committed: toHex(this.#root),
      });
    }
    for (const op of extraOps) checkForeignKey(op.key);
    this.#committing = true;
    try {
      await this.#kv.write(extraOps.length === 0 ? p.ops : [...p.ops, ...extraOps], opts);
    } finally {
      this.#committing = false;
    }
    this.#root = p.root;
    for (const w of p.writes) this.#values.set(cacheKey(w.key), w.value ?? ABSENT);
    this.#nodes.remember(p.newNodes);
  }

  /** The committed value of `key` with its Merkle proof against the committed root. */
  async prove(key: Uint8Array): Promise<StateProof> {
    for (;;) {
      const root = this.#root;
      const [value, proof] = await Promise.all([this.get(key), proveKey(this.#nodes, root, key)]);
      if (root !== this.#root) continue; // a commit landed in between: value and proof may disagree
      return { root: root.slice(), value: value ?? null, proof };
    }
  }
}

/** Extra ops are the caller's records; letting them overwrite tree nodes, values or the root would break the state. */
function checkForeignKey(key: Uint8Array): void {
  const owned =
    key[0] === KEY_PREFIX.treeNode ||
    key[0] === KEY_PREFIX.stateValue ||
    bytesEqual(key, STATE_ROOT_KEY);
  if (owned) throw new ChainError('STATE_FORBIDDEN_KEY', 'an extra op touches a key owned by the state store', { key: toHex(key) });
}
