/**
 * The KvStore port: the only storage interface the state layer (and the block store) sees.
 * LevelDB implements it in production (level-kv-store.ts), a sorted in-memory map in tests
 * (memory-kv-store.ts); both pass the same test suite.
 */

export type KvOp =
  | { readonly type: 'put'; readonly key: Uint8Array; readonly value: Uint8Array }
  | { readonly type: 'del'; readonly key: Uint8Array };

export interface KvWriteOptions {
  /** fsync before resolving (LevelDB `sync`); the in-memory store ignores it. */
  readonly sync?: boolean;
}

/** Range in unsigned byte order of the keys; bounds are optional, `lt` is exclusive. */
export interface KvIterateOptions {
  readonly gte?: Uint8Array;
  readonly lt?: Uint8Array;
  readonly reverse?: boolean;
  readonly limit?: number;
}

export interface KvStore {
  /** The value, or undefined when the key is absent. */
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** Bulk read (one round trip on LevelDB); results are in the order of `keys`. */
  getMany(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>>;
  /** Applies every op or none (one LevelDB batch). Later ops on the same key win. */
  write(ops: readonly KvOp[], opts?: KvWriteOptions): Promise<void>;
  /** Entries in byte order of the keys (reverse if asked), as of the moment the iteration starts. */
  iterate(opts?: KvIterateOptions): AsyncIterable<[Uint8Array, Uint8Array]>;
  close(): Promise<void>;
}
