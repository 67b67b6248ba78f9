/** Shared helpers of the state tests: temp LevelDB dirs, byte shorthands, collecting iterators. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KvIterateOptions, KvOp, KvStore, KvWriteOptions } from '../../chain/state/kv-store.ts';

export const b = (...xs: number[]): Uint8Array => new Uint8Array(xs);
export { utf8 } from '../../chain/codec/bytes.ts';
export const hex = (u: Uint8Array): string => Buffer.from(u).toString('hex');

export async function collect(kv: KvStore, opts?: KvIterateOptions): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for await (const [k, v] of kv.iterate(opts)) out.push([hex(k), hex(v)]);
  return out;
}

/** A fresh temp directory for one LevelDB, and its removal. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-state-'));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Wraps a store and records every write call (to check "one block, one batch"). */
export class CountingKvStore implements KvStore {
  readonly writes: Array<readonly KvOp[]> = [];
  constructor(readonly inner: KvStore) {}
  get(key: Uint8Array): Promise<Uint8Array | undefined> {
    return this.inner.get(key);
  }
  getMany(keys: readonly Uint8Array[]): Promise<Array<Uint8Array | undefined>> {
    return this.inner.getMany(keys);
  }
  write(ops: readonly KvOp[], opts?: KvWriteOptions): Promise<void> {
    this.writes.push([...ops]);
    return this.inner.write(ops, opts);
  }
  iterate(opts?: KvIterateOptions): AsyncIterable<[Uint8Array, Uint8Array]> {
    return this.inner.iterate(opts);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
