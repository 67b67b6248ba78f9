/**
 * NODE-ONLY. SignerStateStore in one small file (format: signer-state-format.ts), replaced
 * atomically and fsynced, directory included, on every save (write-file-atomic.ts). A missing file
 * means the validator never signed: deleting it, or restoring an old copy, lets the node sign
 * again at heights it already signed, so operators must move it with the key, never reset it.
 * Saves are serialized in call order.
 */
import { readFile } from 'node:fs/promises';
import type { LastSigned, SignerStateStore } from '../../ports/signer-state.ts';
import { decodeSignerState, encodeSignerState } from './signer-state-format.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

export class FileSignerState implements SignerStateStore {
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  async load(): Promise<LastSigned | null> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    return decodeSignerState(bytes);
  }

  save(state: LastSigned): Promise<void> {
    const bytes = encodeSignerState(state);
    const result = this.#queue.then(() => writeFileAtomic(this.path, bytes));
    this.#queue = result.catch(() => undefined);
    return result;
  }
}
