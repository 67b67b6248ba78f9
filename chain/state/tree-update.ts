/**
 * Batch update of the sparse Merkle tree. Updates are sorted by key hash, so the updates under any
 * subtree form one contiguous range; one pass then rebuilds each touched node once, hashing shared
 * upper nodes once per batch instead of once per key.
 *
 * Two phases: (1) load, level by level, every stored node the batch walks through (one readNodes
 * call per level, i.e. one LevelDB getMany); (2) rebuild synchronously from those nodes.
 *
 * Canonical shape (so the root depends only on the key -> value set, never on history): a subtree
 * with no leaf is EMPTY, with one leaf is that leaf (lifted as high as it goes, also after deletes),
 * with two or more is an internal node, whose children may be one empty and one internal where all
 * its keys share the next bit.
 */
import { ChainError } from '../errors.ts';
import { EMPTY_ID, idBit, idBytes, idOf, sha256Id } from './node-id.ts';
import type { NodeId } from './node-id.ts';
import type { NodeReader } from './node-store.ts';
import { hashStoredNode } from './stored-node.ts';
import type { NewNode, StoredNode } from './stored-node.ts';
import { HASH_SIZE } from './tree-node.ts';

export interface TreeUpdate {
  readonly key: Uint8Array;
  /** null deletes the key (deleting an absent key is a no-op). */
  readonly value: Uint8Array | null;
}

/** An update on already hashed keys and values (valueHash null deletes). */
export interface HashedTreeUpdate {
  readonly keyHash: Uint8Array;
  readonly valueHash: Uint8Array | null;
}

export interface TreeUpdateResult {
  readonly root: Uint8Array;
  /**
   * Every node of the new tree that the update created, to store (nodePutOps) and cache
   * (KvNodeStore.remember); old nodes stay (see README). Kept as ids, not bytes: cheaper.
   */
  readonly newNodes: NewNode[];
}

/** Applies `updates` (for a repeated key the last one wins) to the tree at `root`. */
export function updateTree(nodes: NodeReader, root: Uint8Array, updates: ReadonlyArray<TreeUpdate>): Promise<TreeUpdateResult> {
  checkHash(root, 'root');
  return update(nodes, root, updates.map((u) => ({ kh: sha256Id(u.key), vh: u.value === null ? null : sha256Id(u.value) })));
}

export function updateTreeHashed(nodes: NodeReader, root: Uint8Array, updates: ReadonlyArray<HashedTreeUpdate>): Promise<TreeUpdateResult> {
  checkHash(root, 'root');
  for (const u of updates) {
    checkHash(u.keyHash, 'keyHash');
    if (u.valueHash !== null) checkHash(u.valueHash, 'valueHash');
  }
  return update(nodes, root, updates.map((u) => ({ kh: idOf(u.keyHash), vh: u.valueHash === null ? null : idOf(u.valueHash) })));
}

/** An update on hashes held as ids (chain/state/node-id.ts); vh null deletes. */
export interface IdTreeUpdate {
  readonly kh: NodeId;
  readonly vh: NodeId | null;
}

/** Like updateTreeHashed, for callers that hash keys and values to ids themselves (ids of 32 chars). */
export function updateTreeIds(nodes: NodeReader, root: Uint8Array, updates: ReadonlyArray<IdTreeUpdate>): Promise<TreeUpdateResult> {
  checkHash(root, 'root');
  for (const u of updates) {
    if (u.kh.length !== HASH_SIZE || (u.vh !== null && u.vh.length !== HASH_SIZE)) throw new RangeError(`hash ids must be ${HASH_SIZE} chars`);
  }
  return update(nodes, root, updates.map((u) => ({ kh: u.kh, vh: u.vh })));
}

function checkHash(h: Uint8Array, what: string): void {
  if (!(h instanceof Uint8Array) || h.length !== HASH_SIZE) throw new RangeError(`${what} must be ${HASH_SIZE} bytes`);
}

interface Entry {
  readonly kh: NodeId;
  /** null = delete. */
  readonly vh: NodeId | null;
  /** Set for a leaf already in the store (re-placed when a new key lands next to it). */
  readonly storedId?: NodeId;
}

async function update(nodes: NodeReader, root: Uint8Array, updates: Entry[]): Promise<TreeUpdateResult> {
  const entries = sortedUnique(updates);
  if (entries.length === 0) return { root: root.slice(), newNodes: [] };
  const rootId = idOf(root);
  const loaded = await loadPaths(nodes, rootId, entries);
  const batch = new Batch(entries);
  const newRoot = batch.build(rootId, loaded, 0, 0, entries.length);
  return { root: idBytes(newRoot), newNodes: batch.newNodes };
}

/** Sorted by key hash (ids sort in byte order), one entry per key hash: the last update wins. */
function sortedUnique(all: Entry[]): Entry[] {
  all.sort((a, b) => (a.kh < b.kh ? -1 : a.kh > b.kh ? 1 : 0)); // stable: equal keys keep input order
  const out: Entry[] = [];
  for (let i = 0; i < all.length; i++) if (i + 1 === all.length || all[i]!.kh !== all[i + 1]!.kh) out.push(all[i]!);
  return out;
}

/** First index in [lo, hi) whose key hash has bit `depth` set (the range shares bits < depth). */
function splitIndex(entries: readonly Entry[], lo: number, hi: number, depth: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (idBit(entries[mid]!.kh, depth) === 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A stored node loaded for the batch, linked to its loaded children (phase 2 walks these links). */
interface Loaded {
  readonly node: StoredNode;
  a: Loaded | undefined;
  b: Loaded | undefined;
}

/**
 * Loads the stored nodes phase 2 will visit, one tree level per readNodes call: every node on the
 * path of some update, plus, next to a range holding deletes, the untouched sibling (if that range
 * empties, a sibling that is a leaf must be lifted, so its kind is needed).
 */
async function loadPaths(nodes: NodeReader, root: NodeId, entries: readonly Entry[]): Promise<Loaded | undefined> {
  if (root === EMPTY_ID) return undefined;
  const deletesBefore = new Int32Array(entries.length + 1);
  for (let i = 0; i < entries.length; i++) deletesBefore[i + 1] = deletesBefore[i]! + (entries[i]!.vh === null ? 1 : 0);
  const hasDelete = (lo: number, hi: number): boolean => deletesBefore[hi]! > deletesBefore[lo]!;

  const top: Loaded = { node: (await nodes.readNodes([root]))[0]!, a: undefined, b: undefined };
  // The tasks of one level, as parallel arrays: node to load, its update range (lo === hi: only its
  // kind is needed), and where to link it. All nodes of a level sit at the same depth.
  let parents: Loaded[] = [top];
  let los: number[] = [0];
  let his: number[] = [entries.length];
  for (let depth = 0; parents.length > 0; depth++) {
    const ids: NodeId[] = [];
    const nextParents: Loaded[] = [];
    const rightSide: boolean[] = [];
    const nextLo: number[] = [];
    const nextHi: number[] = [];
    const want = (id: NodeId, parent: Loaded, right: boolean, lo: number, hi: number): void => {
      ids.push(id);
      nextParents.push(parent);
      rightSide.push(right);
      nextLo.push(lo);
      nextHi.push(hi);
    };
    for (let i = 0; i < parents.length; i++) {
      const p = parents[i]!;
      const lo = los[i]!;
      const hi = his[i]!;
      if (p.node.leaf || lo === hi) continue;
      const mid = splitIndex(entries, lo, hi, depth);
      if (p.node.a !== EMPTY_ID) {
        if (mid > lo) want(p.node.a, p, false, lo, mid);
        else if (hasDelete(mid, hi)) want(p.node.a, p, false, lo, lo);
      }
      if (p.node.b !== EMPTY_ID) {
        if (hi > mid) want(p.node.b, p, true, mid, hi);
        else if (hasDelete(lo, mid)) want(p.node.b, p, true, mid, mid);
      }
    }
    const got = ids.length === 0 ? [] : await nodes.readNodes(ids);
    const loaded: Loaded[] = new Array<Loaded>(got.length);
    for (let i = 0; i < got.length; i++) {
      const l: Loaded = { node: got[i]!, a: undefined, b: undefined };
      if (rightSide[i]) nextParents[i]!.b = l;
      else nextParents[i]!.a = l;
      loaded[i] = l;
    }
    parents = loaded;
    los = nextLo;
    his = nextHi;
  }
  return top;
}

/** Phase 2: the synchronous rebuild over the loaded nodes, collecting the nodes it creates. */
class Batch {
  readonly newNodes: NewNode[] = [];
  readonly #entries: readonly Entry[];
  /** Whether the subtree the last call returned is a single leaf (a field, not a result object per node). */
  #leaf = false;

  constructor(entries: readonly Entry[]) {
    this.#entries = entries;
  }

  /**
   * New subtree for stored subtree `id` (loaded as `at`) at `depth` after applying entries
   * [lo, hi) (lo < hi). Sets #leaf for the result.
   */
  build(id: NodeId, at: Loaded | undefined, depth: number, lo: number, hi: number): NodeId {
    if (id === EMPTY_ID) return this.#fresh(this.#live(lo, hi), depth);
    const here = mustBeLoaded(at);
    const node = here.node;
    if (node.leaf) return this.#mergeLeaf(id, node, depth, lo, hi);
    const mid = splitIndex(this.#entries, lo, hi, depth);
    let lid = node.a;
    let rid = node.b;
    let lLeaf: boolean | undefined; // undefined: side untouched, kind not computed
    let rLeaf: boolean | undefined;
    if (mid > lo) {
      lid = this.build(node.a, here.a, depth + 1, lo, mid);
      lLeaf = this.#leaf;
    }
    if (hi > mid) {
      rid = this.build(node.b, here.b, depth + 1, mid, hi);
      rLeaf = this.#leaf;
    }
    if (lid === node.a && rid === node.b) return this.#result(id, false); // the updates changed nothing here
    if (lid === EMPTY_ID && rid === EMPTY_ID) return this.#result(EMPTY_ID, false);
    // One side emptied: a lone leaf on the other side rises to take this node's place.
    if (lid === EMPTY_ID && (rLeaf ?? mustBeLoaded(here.b).node.leaf)) return this.#result(rid, true);
    if (rid === EMPTY_ID && (lLeaf ?? mustBeLoaded(here.a).node.leaf)) return this.#result(lid, true);
    return this.#emit(false, lid, rid);
  }

  /** A stored leaf meets updates: rebuild the subtree from the updates plus the leaf (unless replaced). */
  #mergeLeaf(id: NodeId, leaf: StoredNode, depth: number, lo: number, hi: number): NodeId {
    const first = this.#entries[lo]!;
    if (hi - lo === 1 && first.kh === leaf.a) {
      // The common case: one update of this very key.
      if (first.vh === null) return this.#result(EMPTY_ID, false);
      return first.vh === leaf.b ? this.#result(id, true) : this.#emit(true, first.kh, first.vh);
    }
    const stored: Entry = { kh: leaf.a, vh: leaf.b, storedId: id };
    const live: Entry[] = [];
    let placed = false;
    for (let i = lo; i < hi; i++) {
      const e = this.#entries[i]!;
      if (!placed && e.kh >= stored.kh) {
        placed = true;
        if (e.kh !== stored.kh) live.push(stored); // else the update replaces (or deletes) the leaf
      }
      if (e.vh !== null) live.push(e);
    }
    if (!placed) live.push(stored);
    const only = live.length === 1 ? live[0]! : undefined;
    if (only !== undefined && only.kh === stored.kh && only.vh === stored.vh) return this.#result(id, true); // same value again
    return this.#fresh(live, depth);
  }

  /** Canonical subtree holding exactly entries [lo, hi) (sorted, no deletes). */
  #fresh(entries: readonly Entry[], depth: number, lo = 0, hi = entries.length): NodeId {
    const n = hi - lo;
    if (n === 0) return this.#result(EMPTY_ID, false);
    if (n === 1) {
      const e = entries[lo]!;
      return e.storedId !== undefined ? this.#result(e.storedId, true) : this.#emit(true, e.kh, e.vh!);
    }
    const mid = splitIndex(entries, lo, hi, depth);
    const l = this.#fresh(entries, depth + 1, lo, mid);
    const r = this.#fresh(entries, depth + 1, mid, hi);
    return this.#emit(false, l, r);
  }

  /** Entries [lo, hi) that are not deletes (deleting under an empty subtree does nothing). */
  #live(lo: number, hi: number): readonly Entry[] {
    const out: Entry[] = [];
    for (let i = lo; i < hi; i++) if (this.#entries[i]!.vh !== null) out.push(this.#entries[i]!);
    return out;
  }

  #result(id: NodeId, leaf: boolean): NodeId {
    this.#leaf = leaf;
    return id;
  }

  #emit(leaf: boolean, a: NodeId, b: NodeId): NodeId {
    const id = hashStoredNode(leaf, a, b);
    this.newNodes.push({ id, leaf, a, b });
    this.#leaf = leaf;
    return id;
  }
}

function mustBeLoaded(at: Loaded | undefined): Loaded {
  if (at === undefined) throw new ChainError('STATE_MISSING_NODE', 'tree node was not loaded before the rebuild');
  return at;
}
