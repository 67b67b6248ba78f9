/**
 * The committed state over KvStores: the Merkle tree (nodes under 'n', content-addressed), the
 * values its leaves commit to (under 'w' || sha256(value), content-addressed too) and the committed
 * root (under 'm' || "stateRoot", with the format marker 'm' || "stateFormat"). A block goes through
 * `prepare` (compute, write nothing) then `commit` (one kv.write with the caller's records), so a
 * crash leaves the whole block or none of it.
 *
 * Nodes and values may live in a *content* store shared by the validators of one process (`tfr
 * testnet`): a content record is the same for everyone who writes it, so it is written once for
 * all (`contentOps`, by the owner of the shared store) and each validator's own store keeps only its
 * root. A store reads at its own root, whatever others sharing the content have committed since.
 */
import { bytesEqual, toHex, utf8 } from '../codec/bytes.ts';
import { ChainError } from '../errors.ts';
import { BoundedCache } from '../bounded-cache.ts';
import { cacheKey } from './cache-key.ts';
import { KEY_PREFIX, prefixed } from './key-prefixes.ts';
import type { KvOp, KvStore, KvWriteOptions } from './kv-store.ts';
import type { MerkleProof } from './merkle-proof.ts';
import { idBytes, idOf, sha256Id, type NodeId } from './node-id.ts';
import { KvNodeStore, nodePutOps } from './node-store.ts';
import type { NodeCache, NodeReader } from './node-store.ts';
import type { NewNode } from './stored-node.ts';
import { EMPTY_ROOT, HASH_SIZE, isEmptyHash } from './tree-node.ts';
import { lookupValueHash } from './tree-lookup.ts';
import { proveKey } from './tree-prove.ts';
import { updateTreeIds } from './tree-update.ts';
import type { TreeUpdate } from './tree-update.ts';

export const STATE_ROOT_KEY: Uint8Array = prefixed(KEY_PREFIX.meta, utf8('stateRoot'));
/** Present (value 2) in every store whose values are stored by hash; a root without it is format 1. */
export const STATE_FORMAT_KEY: Uint8Array = prefixed(KEY_PREFIX.meta, utf8('stateFormat'));
const STATE_FORMAT = Uint8Array.of(2);

/** Where the value with this hash is stored. */
export function stateValueKey(valueHash: Uint8Array): Uint8Array {
  return prefixed(KEY_PREFIX.valueByHash, valueHash);
}

/** stateValueKey of a hash held as an id. */
function valueKeyOfId(id: NodeId): Uint8Array {
  const key = Buffer.allocUnsafe(1 + HASH_SIZE);
  key[0] = KEY_PREFIX.valueByHash;
  key.write(id, 1, HASH_SIZE, 'latin1');
  return key;
}

/** A content store shared by the validators of one process, with its decoded-node cache. */
export interface SharedStateContent {
  readonly kv: KvStore;
  readonly nodeCache: NodeCache;
}

export interface StateStoreOptions {
  /** Decoded tree nodes kept in memory (ignored when nodeCache or content is given). */
  readonly nodeCacheSize?: number;
  /** A node cache shared by the validators of one process (see KvNodeStoreOptions.cache). */
  readonly nodeCache?: NodeCache;
  /** State values (and known absences) kept in memory. */
  readonly valueCacheSize?: number;
  /**
   * Nodes and values in a shared content store: `commit` then writes only the root to this
   * store's own kv, and the caller must have written `contentOps(prepared)` to `content.kv` first.
   */
  readonly content?: SharedStateContent;
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
  /** Everything commit will write for the state (new tree nodes, values, the root). Do not mutate. */
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
  /** New nodes and values: the same for every store that commits this state. */
  readonly contentOps: readonly KvOp[];
  /** The root and the format marker. */
  readonly rootOps: readonly KvOp[];
  readonly writes: readonly TreeUpdate[];
  /** Value-cache keys of `writes`, computed once for every store that commits this state. */
  readonly cacheKeys: readonly string[];
  readonly newNodes: readonly NewNode[];
}

/** Prepared states made by any StateStore of the process; a forged object is not in here. */
const preparedStates = new WeakMap<PreparedState, PreparedInternals>();

const ABSENT = null;
export const DEFAULT_VALUE_CACHE_SIZE = 200_000;

export class StateStore {
  readonly #kv: KvStore;
  /** Where nodes and values are read and written: `#kv` itself, or a shared content store. */
  readonly #content: KvStore;
  readonly #nodes: KvNodeStore;
  readonly #values: BoundedCache<string, Uint8Array | typeof ABSENT>;
  #root: Uint8Array;
  #committing = false;

  private constructor(kv: KvStore, content: KvStore, nodes: KvNodeStore, root: Uint8Array, opts: StateStoreOptions) {
    this.#kv = kv;
    this.#content = content;
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
    const content = opts.content?.kv ?? kv;
    const cache = opts.content?.nodeCache ?? opts.nodeCache;
    const nodes = new KvNodeStore(content, {
      ...(cache !== undefined && { cache }),
      ...(opts.nodeCacheSize !== undefined && { cacheSize: opts.nodeCacheSize }),
    });
    if (!isEmptyHash(root)) {
      const format = await kv.get(STATE_FORMAT_KEY);
      if (format === undefined || !bytesEqual(format, STATE_FORMAT)) {
        throw new ChainError('STATE_CORRUPT', 'the state was written in an older format (values by key, format 1); this version stores them by hash: start from an empty data directory', { format: format === undefined ? 1 : toHex(format) });
      }
      await nodes.readNodes([idOf(root)]); // fails now, not at the first block, if the tree is gone
    }
    return new StateStore(kv, content, nodes, root.slice(), opts);
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
    const v = await this.#read(root, key);
    // A commit landing during the read may have changed the key: cache only what is still current.
    if (root === this.#root) this.#values.set(ck, v ?? ABSENT);
    return v;
  }

  /**
   * The value `key` had under `root`, a state root this store (or a store sharing its content)
   * committed, now or at any earlier block; undefined when absent there. Nodes and values are
   * content-addressed and never deleted, so an older root reads as it was: the key's leaf in that
   * tree, then the value under its hash (in the shared content store, if any). The committed root
   * goes through the value cache (`get`). A root whose nodes this store never held fails with
   * STATE_MISSING_NODE, a value the tree names but the store lost with STATE_CORRUPT.
   */
  async valueAt(root: Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined> {
    if (root.length !== HASH_SIZE) throw new ChainError('STATE_MISSING_NODE', 'no tree has this root: a state root is 32 bytes', { length: root.length });
    if (bytesEqual(root, this.#root)) return this.get(key);
    return this.#read(root.slice(), key);
  }

  /** The value of `key` under `root`: its leaf's value hash, then the value stored under that hash. */
  async #read(root: Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined> {
    const valueHash = await lookupValueHash(this.#nodes, root, sha256Id(key));
    if (valueHash === undefined) return undefined;
    const value = await this.#content.get(valueKeyOfId(valueHash));
    if (value === undefined) throw new ChainError('STATE_CORRUPT', 'a state value referenced by the tree is not stored', { valueHash: toHex(idBytes(valueHash)) });
    return value;
  }

  /** Computes the new root and the ops to write for `writes` (last write of a key wins); writes nothing. */
  async prepare(writes: ReadonlyArray<TreeUpdate>): Promise<PreparedState> {
    // Own copies (the caller may reuse its arrays before commit). A repeated key needs no dedupe:
    // the tree keeps the last update, and so do the value cache and the (content-addressed) values.
    const own: TreeUpdate[] = writes.map((w) => ({ key: w.key.slice(), value: w.value === null ? null : w.value.slice() }));
    const updates = own.map((w) => ({ kh: sha256Id(w.key), vh: w.value === null ? null : sha256Id(w.value) }));
    const parentRoot = this.#root;
    const { root, newNodes } = await updateTreeIds(this.#nodes, parentRoot, updates);
    const contentOps: KvOp[] = nodePutOps(newNodes);
    own.forEach((w, i) => {
      const vh = updates[i]!.vh;
      if (w.value !== null && vh !== null) contentOps.push({ type: 'put', key: valueKeyOfId(vh), value: w.value });
    });
    const rootOps: KvOp[] = [
      { type: 'put', key: STATE_ROOT_KEY, value: root.slice() },
      { type: 'put', key: STATE_FORMAT_KEY, value: STATE_FORMAT.slice() },
    ];
    const ops = Object.freeze([...contentOps, ...rootOps]);
    const prepared: PreparedState = Object.freeze({ parentRoot: parentRoot.slice(), root: root.slice(), ops });
    preparedStates.set(prepared, {
      parentRoot,
      root,
      contentOps: Object.freeze(contentOps),
      rootOps,
      writes: own,
      cacheKeys: own.map((w) => cacheKey(w.key)),
      newNodes,
    });
    return prepared;
  }

  /** The ops for the content store (new nodes, values): the same for every store committing `prepared`. */
  contentOps(prepared: PreparedState): readonly KvOp[] {
    return internalsOf(prepared).contentOps;
  }

  /**
   * Writes `prepared` and the caller's `extraOps` (block records) in ONE kv.write. On failure
   * nothing changes, in the store or in memory. extraOps must not touch keys the state owns.
   * With a shared content store, only the root (and extraOps) are written here: the content ops
   * must already be in the content store.
   */
  async commit(prepared: PreparedState, extraOps: readonly KvOp[] = [], opts: KvWriteOptions = {}): Promise<void> {
    const p = internalsOf(prepared);
    if (this.#committing) throw new ChainError('STATE_STALE_PREPARE', 'another commit is in flight on this store');
    if (!bytesEqual(p.parentRoot, this.#root)) {
      throw new ChainError('STATE_STALE_PREPARE', 'the prepared state was computed on another root', {
        preparedOn: toHex(p.parentRoot),
        committed: toHex(this.#root),
      });
    }
    for (const op of extraOps) checkForeignKey(op.key);
    const shared = this.#content !== this.#kv;
    this.#committing = true;
    try {
      await this.#kv.write([...(shared ? [] : p.contentOps), ...p.rootOps, ...extraOps], opts);
    } finally {
      this.#committing = false;
    }
    this.#root = p.root;
    for (let i = 0; i < p.writes.length; i++) this.#values.set(p.cacheKeys[i]!, p.writes[i]!.value ?? ABSENT);
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

function internalsOf(prepared: PreparedState): PreparedInternals {
  const p = preparedStates.get(prepared);
  if (p === undefined) throw new ChainError('STATE_STALE_PREPARE', 'not a prepared state made by StateStore.prepare');
  return p;
}

/** Extra ops are the caller's records; letting them overwrite tree nodes, values or the root would break the state. */
function checkForeignKey(key: Uint8Array): void {
  const owned =
    key[0] === KEY_PREFIX.treeNode ||
    key[0] === KEY_PREFIX.stateValue ||
    key[0] === KEY_PREFIX.valueByHash ||
    bytesEqual(key, STATE_ROOT_KEY) ||
    bytesEqual(key, STATE_FORMAT_KEY);
  if (owned) throw new ChainError('STATE_FORBIDDEN_KEY', 'an extra op touches a key owned by the state store', { key: toHex(key) });
}
