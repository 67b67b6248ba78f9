/**
 * KvStore over LevelDB (`level`). Writes use the chained batch form, which measured 4-5x faster
 * than the array form here (no per-op object copy inside abstract-level); reads in bulk use getMany.
 */
import { Level } from 'level';
import { ChainError } from '../errors.ts';
import type { KvIterateOptions, KvOp, KvStore, KvWriteOptions } from './kv-store.ts';

type Db = Level<Uint8Array, Uint8Array>;

// classic-level may hand back Buffers; callers (and deep-equality in tests) expect plain Uint8Arrays.
const plain = (b: Uint8Array): Uint8Array => (Buffer.isBuffer(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : b);

export interface LevelKvStoreOptions {
  /** LevelDB's table-file cache (default 1000); many stores in one process want it small. */
  readonly maxOpenFiles?: number;
}

export async function openLevelKvStore(path: string, options: LevelKvStoreOptions = {}): Promise<KvStore> {
  const db: Db = new Level<Uint8Array, Uint8Array>(path, { keyEncoding: 'view', valueEncoding: 'view', ...(options.maxOpenFiles === undefined ? {} : { maxOpenFiles: options.maxOpenFiles }) });
  await db.open();
  return new LevelKvStore(db);
}

class LevelKvStore implements KvStore {
  readonly #db: Db;
  #closed = false;

  constructor(db: Db) {
    this.#db = db;
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    this.#ensureOpen();
    const v = await this.#db.get(key);
    return v === undefined ? undefined : plain(v);
  }

  async getMany(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>> {
    this.#ensureOpen();
    if (keys.length === 0) return [];
    const values = await this.#db.getMany([...keys]);
    return values.map((v) => (v === undefined ? undefined : plain(v)));
  }

  async write(ops: readonly KvOp[], opts: KvWriteOptions = {}): Promise<void> {
    this.#ensureOpen();
    if (ops.length === 0) return;
    const batch = this.#db.batch();
    try {
      for (const op of ops) {
        if (op.type === 'put') batch.put(op.key, op.value);
        else batch.del(op.key);
      }
    } catch (e) {
      await batch.close();
      throw e;
    }
    await batch.write({ sync: opts.sync === true });
  }

  async *iterate(opts: KvIterateOptions = {}): AsyncGenerator<[Uint8Array, Uint8Array]> {
    this.#ensureOpen();
    const it = this.#db.iterator({
      ...(opts.gte !== undefined && { gte: opts.gte }),
      ...(opts.lt !== undefined && { lt: opts.lt }),
      reverse: opts.reverse === true,
      limit: opts.limit === undefined || opts.limit < 0 ? -1 : opts.limit,
    });
    try {
      for await (const [k, v] of it) yield [plain(k), plain(v)];
    } finally {
      await it.close();
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#db.close();
  }

  #ensureOpen(): void {
    if (this.#closed) throw new ChainError('STATE_STORE_CLOSED', 'LevelDB store is closed');
  }
}
