/**
 * NODE-ONLY. SignerStateStore in one small file (format: signer-state-format.ts, checksummed).
 * The first save creates it atomically (temp file, fsync, rename, directory fsync); every later
 * save overwrites the 121-byte record in place on an open handle and fdatasyncs it: one disk flush
 * per signature instead of two plus a rename, which is on the critical path of every vote. The
 * record fits in one disk sector, so an interrupted overwrite leaves the old or the new record; if
 * it ever leaves a damaged one, loading fails with NODE_SIGNER_STATE_CORRUPT and the node refuses to
 * sign (safe, never a double sign). A missing file means the validator never signed: deleting it,
 * or restoring an old copy, lets the node sign again at heights it already signed, so operators
 * must move it with the key, never reset it. Saves are serialized in call order.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import type { LastSigned, SignerStateStore } from '../../ports/signer-state.ts';
import { decodeSignerState, encodeSignerState } from './signer-state-format.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

export class FileSignerState implements SignerStateStore {
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();
  #handle: FileHandle | undefined = undefined;

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
    const result = this.#queue.then(() => this.#write(bytes));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Releases the open file handle (after the saves already queued). */
  close(): Promise<void> {
    const result = this.#queue.then(async () => {
      await this.#handle?.close();
      this.#handle = undefined;
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #write(bytes: Uint8Array): Promise<void> {
    if (this.#handle === undefined) {
      try {
        this.#handle = await open(this.path, 'r+');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        await writeFileAtomic(this.path, bytes); // the first state: created durably, directory included
        this.#handle = await open(this.path, 'r+');
        return;
      }
    }
    let done = 0;
    while (done < bytes.length) done += (await this.#handle.write(bytes, done, bytes.length - done, done)).bytesWritten;
    await this.#handle.datasync();
  }
}
