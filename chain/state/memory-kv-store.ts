/**
 * In-memory twin of the LevelDB store: same contract (byte-ordered iteration, atomic write,
 * copies in and out), no I/O. `beforeWrite` lets a test make a write fail and check that
 * nothing of it was applied.
 */
import { ChainError } from '../errors.ts';
import type { KvIterateOptions, KvOp, KvStore, KvWriteOptions } from './kv-store.ts';

export interface MemoryKvStoreOptions {
  /** Called with the ops before anything is applied; throwing (or rejecting) aborts the whole write. */
  readonly beforeWrite?: (ops: readonly KvOp[]) => void | Promise<void>;
}

// latin1 maps each byte to one UTF-16 code unit, so JS string order is unsigned byte order.
const keyString = (k: Uint8Array): string => Buffer.from(k.buffer, k.byteOffset, k.byteLength).toString('latin1');

export class MemoryKvStore implements KvStore {
  readonly #entries = new Map<string, Uint8Array>();
  #sorted: string[] | undefined = undefined;
  #closed = false;
  readonly #beforeWrite: MemoryKvStoreOptions['beforeWrite'];

  constructor(opts: MemoryKvStoreOptions = {}) {
    this.#beforeWrite = opts.beforeWrite;
  }

  /** Number of keys stored (for tests). */
  get size(): number {
    return this.#entries.size;
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    this.#ensureOpen();
    return this.#entries.get(keyString(key))?.slice();
  }

  async getMany(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>> {
    this.#ensureOpen();
    return keys.map((k) => this.#entries.get(keyString(k))?.slice());
  }

  async write(ops: readonly KvOp[], _opts?: KvWriteOptions): Promise<void> {
    this.#ensureOpen();
    // Copy first: the hook may await, and the caller may reuse its arrays after we return.
    const staged = ops.map((op) => [keyString(op.key), op.type === 'put' ? op.value.slice() : undefined] as const);
    if (this.#beforeWrite !== undefined) await this.#beforeWrite(ops);
    this.#ensureOpen();
    for (const [k, v] of staged) {
      if (v === undefined) {
        if (this.#entries.delete(k)) this.#sorted = undefined;
      } else {
        if (!this.#entries.has(k)) this.#sorted = undefined;
        this.#entries.set(k, v);
      }
    }
  }

  async *iterate(opts: KvIterateOptions = {}): AsyncGenerator<[Uint8Array, Uint8Array]> {
    this.#ensureOpen();
    // Snapshot the range now, like a LevelDB iterator, so later writes do not show up mid-way.
    const snapshot = this.#range(opts);
    for (const entry of snapshot) yield entry;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #range(opts: KvIterateOptions): Array<[Uint8Array, Uint8Array]> {
    const sorted = (this.#sorted ??= [...this.#entries.keys()].sort());
    const from = opts.gte === undefined ? 0 : lowerBound(sorted, keyString(opts.gte));
    const to = opts.lt === undefined ? sorted.length : lowerBound(sorted, keyString(opts.lt));
    const limit = opts.limit === undefined || opts.limit < 0 ? Infinity : opts.limit;
    const out: Array<[Uint8Array, Uint8Array]> = [];
    const push = (k: string): void => {
      out.push([new Uint8Array(Buffer.from(k, 'latin1')), this.#entries.get(k)!.slice()]);
    };
    if (opts.reverse === true) {
      for (let i = to - 1; i >= from && out.length < limit; i--) push(sorted[i]!);
    } else {
      for (let i = from; i < to && out.length < limit; i++) push(sorted[i]!);
    }
    return out;
  }

  #ensureOpen(): void {
    if (this.#closed) throw new ChainError('STATE_STORE_CLOSED', 'memory store is closed');
  }
}

function lowerBound(sorted: readonly string[], k: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
