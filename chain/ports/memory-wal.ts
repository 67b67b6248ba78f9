/**
 * The in-memory twin of the WAL, with the same rules (one height, copies in and out, rotate never
 * backwards, use after close fails) and a crash model for driver tests: a `MemoryWalDisk`
 * outlives the `MemoryWal` objects opened on it, and `disk.crash()` loses every record not yet
 * made durable by a `sync: true` append, as power loss would. Records are whole or absent: the
 * torn-record rule is the file adapter's business and is tested there.
 */
import { portsError } from './ports-errors.ts';
import { checkRotateHeight, WAL_MAX_RECORD_BYTES, type Wal, type WalAppendOptions } from './wal.ts';

export class MemoryWalDisk {
  height = 0;
  records: Uint8Array[] = [];
  /** How many leading records are durable. */
  synced = 0;

  /** Power loss: the unsynced records vanish. Open a new MemoryWal on this disk afterwards. */
  crash(): void {
    this.records.length = this.synced;
  }
}

export class MemoryWal implements Wal {
  readonly disk: MemoryWalDisk;
  #closed = false;

  constructor(disk: MemoryWalDisk = new MemoryWalDisk()) {
    this.disk = disk;
  }

  get height(): number {
    return this.disk.height;
  }

  async append(record: Uint8Array, options: WalAppendOptions = {}): Promise<void> {
    this.#open();
    if (record.length > WAL_MAX_RECORD_BYTES) throw portsError('WAL_RECORD_TOO_LARGE', `WAL record of ${record.length} bytes`, { bytes: record.length });
    this.disk.records.push(record.slice());
    if (options.sync === true) this.disk.synced = this.disk.records.length;
  }

  async readAll(): Promise<Uint8Array[]> {
    this.#open();
    return this.disk.records.map((r) => r.slice());
  }

  async rotate(height: number): Promise<void> {
    this.#open();
    checkRotateHeight(this.disk.height, height);
    this.disk.height = height;
    this.disk.records = [];
    this.disk.synced = 0;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #open(): void {
    if (this.#closed) throw portsError('WAL_CLOSED', 'the WAL is closed');
  }
}
