/**
 * A view of a KvStore under a byte prefix: keys are stored as prefix || key and handed back
 * without it. For per-validator records (metadata, signer state) inside a store shared by the
 * validators of one process. The view does not own the store: close() only stops the view.
 */
import { concatBytes } from '../codec/bytes.ts';
import { ChainError } from '../errors.ts';
import type { KvIterateOptions, KvOp, KvStore, KvWriteOptions } from './kv-store.ts';

export class PrefixedKvStore implements KvStore {
  readonly #inner: KvStore;
  readonly #prefix: Uint8Array;
  readonly #end: Uint8Array | undefined;
  #closed = false;

  constructor(inner: KvStore, prefix: Uint8Array) {
    this.#inner = inner;
    this.#prefix = prefix.slice();
    this.#end = prefixEnd(prefix);
  }

  /** `key` as stored in the underlying store (to put this view's ops into a shared batch). */
  innerKey(key: Uint8Array): Uint8Array {
    return concatBytes(this.#prefix, key);
  }

  /** The view's ops translated for the underlying store. */
  innerOps(ops: readonly KvOp[]): KvOp[] {
    return ops.map((op) =>
      op.type === 'put' ? { type: 'put', key: this.innerKey(op.key), value: op.value } : { type: 'del', key: this.innerKey(op.key) },
    );
  }

  get(key: Uint8Array): Promise<Uint8Array | undefined> {
    this.#ensureOpen();
    return this.#inner.get(this.innerKey(key));
  }

  getMany(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>> {
    this.#ensureOpen();
    return this.#inner.getMany(keys.map((k) => this.innerKey(k)));
  }

  write(ops: readonly KvOp[], opts?: KvWriteOptions): Promise<void> {
    this.#ensureOpen();
    return this.#inner.write(this.innerOps(ops), opts);
  }

  async *iterate(opts: KvIterateOptions = {}): AsyncGenerator<[Uint8Array, Uint8Array]> {
    this.#ensureOpen();
    const n = this.#prefix.length;
    const lt = opts.lt !== undefined ? this.innerKey(opts.lt) : this.#end;
    const inner = this.#inner.iterate({
      gte: this.innerKey(opts.gte ?? new Uint8Array(0)),
      ...(lt !== undefined && { lt }),
      ...(opts.reverse !== undefined && { reverse: opts.reverse }),
      ...(opts.limit !== undefined && { limit: opts.limit }),
    });
    for await (const [k, v] of inner) yield [k.subarray(n), v];
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #ensureOpen(): void {
    if (this.#closed) throw new ChainError('STATE_STORE_CLOSED', 'prefixed store view is closed');
  }
}

/** Smallest key greater than every key starting with `prefix`; undefined if there is none (all 0xff). */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    if (prefix[i]! !== 0xff) {
      const end = prefix.slice(0, i + 1);
      end[i] = prefix[i]! + 1;
      return end;
    }
  }
  return undefined;
}
