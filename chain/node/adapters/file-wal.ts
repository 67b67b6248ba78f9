/**
 * NODE-ONLY. The WAL in one file (format and torn-record rule: wal-format.ts). Opening reads and
 * checks the whole file (one height of records is small), cuts a torn last record off (fsynced,
 * reported in `droppedBytes` and logged), and refuses a file damaged before its end with
 * WAL_CORRUPT unless `repair` is set, an operator's explicit choice to drop what follows the
 * damage (safe for double signing, which the signer guards independently, at worst costing the
 * node its votes of the current height).
 *
 * Appends are single positional writes, serialized in call order; `sync: true` adds a datasync.
 * `rotate` replaces the file atomically (write-file-atomic.ts) with a bare header. A failed write
 * leaves the file in an unknown state, so every later call fails with WAL_FAILED until reopened.
 * One process must own the file: nothing here locks it.
 */
import { concatBytes } from '../../codec/bytes.ts';
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import { portsError } from '../../ports/ports-errors.ts';
import { checkRotateHeight, WAL_MAX_RECORD_BYTES, type Wal, type WalAppendOptions } from '../../ports/wal.ts';
import type { Logger } from '../../ports/logger.ts';
import { SILENT_LOGGER } from '../../ports/silent-logger.ts';
import { decodeWalHeader, encodeWalHeader, encodeWalRecord, scanWalRecords, WAL_HEADER_BYTES } from './wal-format.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

export interface FileWalOptions {
  /** Drop everything from the first damaged record on instead of failing with WAL_CORRUPT. */
  readonly repair?: boolean;
  readonly logger?: Logger;
}

/** Opens (or creates, at height 0) the WAL file at `path`. */
export async function openFileWal(path: string, options: FileWalOptions = {}): Promise<FileWal> {
  const logger = options.logger ?? SILENT_LOGGER;
  await rm(`${path}.tmp`, { force: true }); // an interrupted rotate; the real file is intact
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    bytes = encodeWalHeader(0);
    await writeFileAtomic(path, bytes);
  }
  const height = decodeWalHeader(bytes);
  const scan = scanWalRecords(bytes, WAL_HEADER_BYTES, options.repair === true ? { repair: true } : {});
  const handle = await open(path, 'r+');
  try {
    if (scan.end < bytes.length) {
      await handle.truncate(scan.end);
      await handle.sync();
      logger.warn('dropped a damaged WAL tail', { path, height, records: scan.records.length, droppedBytes: bytes.length - scan.end, ...scan.damage });
    }
  } catch (e) {
    await handle.close();
    throw e;
  }
  return new FileWal(path, handle, height, scan.end, bytes.length - scan.end);
}

export class FileWal implements Wal {
  readonly path: string;
  /** Bytes cut off the end of the file when it was opened (a torn record, or damage under `repair`). */
  readonly droppedBytes: number;
  #handle: FileHandle;
  #height: number;
  #end: number;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #failed: unknown = undefined;
  #pending: Uint8Array[] = [];
  #flushScheduled = false;

  /** Use `openFileWal`. */
  constructor(path: string, handle: FileHandle, height: number, end: number, droppedBytes: number) {
    this.path = path;
    this.#handle = handle;
    this.#height = height;
    this.#end = end;
    this.droppedBytes = droppedBytes;
  }

  get height(): number {
    return this.#height;
  }

  /**
   * Group commit: records appended without `sync` wait in memory and reach the file in one write,
   * at the end of this event-loop turn or with the next synced append (which writes everything
   * pending, then fsyncs). Only synced records are promised durable, as the Wal port says; batching
   * the rest saves a thread-pool round trip per consensus input.
   */
  append(record: Uint8Array, options: WalAppendOptions = {}): Promise<void> {
    if (record.length > WAL_MAX_RECORD_BYTES) {
      return Promise.reject(portsError('WAL_RECORD_TOO_LARGE', `WAL record of ${record.length} bytes`, { bytes: record.length }));
    }
    if (this.#closed) return Promise.reject(portsError('WAL_CLOSED', 'the WAL is closed', { path: this.path }));
    if (this.#failed !== undefined) return Promise.reject(portsError('WAL_FAILED', 'an earlier WAL write failed; reopen the WAL', { path: this.path }));
    this.#pending.push(encodeWalRecord(record)); // encoded now: the caller may reuse its buffer
    if (options.sync === true) return this.#flush(true);
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => {
        this.#flushScheduled = false;
        this.#flush(false).catch(() => undefined); // the failure is kept in #failed for the next call
      });
    }
    return Promise.resolve();
  }

  /** Writes the pending records (one write) and, with `sync`, fsyncs. */
  #flush(sync: boolean): Promise<void> {
    return this.#run(async () => {
      const chunks = this.#pending;
      this.#pending = [];
      if (chunks.length === 0 && !sync) return;
      const bytes = chunks.length === 1 ? chunks[0]! : concatBytes(...chunks);
      await this.#guard(async () => {
        let done = 0;
        while (done < bytes.length) {
          const { bytesWritten } = await this.#handle.write(bytes, done, bytes.length - done, this.#end + done);
          done += bytesWritten;
        }
        if (sync) await this.#handle.datasync();
      });
      this.#end += bytes.length;
    });
  }

  readAll(): Promise<Uint8Array[]> {
    void this.#flush(false).catch(() => undefined);
    return this.#run(async () => {
      const bytes = new Uint8Array(this.#end);
      let done = 0;
      while (done < bytes.length) {
        const { bytesRead } = await this.#handle.read(bytes, done, bytes.length - done, done);
        if (bytesRead === 0) throw portsError('WAL_CORRUPT', `WAL file shrank below ${this.#end} bytes`, { path: this.path });
        done += bytesRead;
      }
      decodeWalHeader(bytes);
      const scan = scanWalRecords(bytes, WAL_HEADER_BYTES);
      if (scan.end !== this.#end) throw portsError('WAL_CORRUPT', 'WAL tail damaged since it was written', { path: this.path, ...scan.damage });
      return scan.records;
    });
  }

  rotate(height: number): Promise<void> {
    this.#pending = []; // records of the height being left: rotate drops them anyway
    return this.#run(async () => {
      checkRotateHeight(this.#height, height);
      await this.#guard(async () => {
        await writeFileAtomic(this.path, encodeWalHeader(height));
        await this.#handle.close();
        this.#handle = await open(this.path, 'r+');
      });
      this.#height = height;
      this.#end = WAL_HEADER_BYTES;
    });
  }

  close(): Promise<void> {
    if (this.#closed) return this.#queue.then(() => undefined);
    this.#flush(false).catch(() => undefined); // queues the last pending records before the close
    this.#closed = true;
    // Closes the handle even after a failed write, once the calls already queued have run.
    const result = this.#queue.then(() => this.#handle.close());
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Queues `op` after every earlier call, so operations hit the file in call order. */
  #run<T>(op: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(portsError('WAL_CLOSED', 'the WAL is closed', { path: this.path }));
    const result = this.#queue.then(() => {
      if (this.#failed !== undefined) throw portsError('WAL_FAILED', 'an earlier WAL write failed; reopen the WAL', { path: this.path });
      return op();
    });
    this.#queue = result.catch(() => undefined);
    return result;
  }

  /** Runs a write; if it fails, the file's state is unknown, so the WAL stops accepting calls. */
  async #guard(write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (e) {
      this.#failed = e;
      throw e;
    }
  }
}

