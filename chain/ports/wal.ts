/**
 * The consensus write-ahead log: every input the driver feeds `step` (and, fsynced before they
 * leave, the node's own signed messages) is appended here first, so a restarted node replays the
 * current height and ends in the state it had, never contradicting what it already sent.
 *
 * The log holds ONE height. `rotate(h)` is called when the driver starts height h (after h - 1's
 * block and commit are durably stored): it atomically drops every record and records h, so the
 * log never grows past one height. On restart, `height` tells the driver whether the records
 * belong to the height it resumes (replay them) or to one already committed (rotate and go on).
 *
 * Records are opaque bytes (the driver encodes its inputs); `append` calls apply in call order.
 * Adapters: `openFileWal` (chain/node/adapters/file-wal.ts), `MemoryWal` (memory-wal.ts).
 */
import { portsError } from './ports-errors.ts';

export interface WalAppendOptions {
  /** Durable (fsync) before the promise resolves; also makes every earlier record durable. */
  readonly sync?: boolean;
}

export interface Wal {
  /** The height the records belong to: the last `rotate` argument, 0 for a new log. */
  readonly height: number;
  append(record: Uint8Array, options?: WalAppendOptions): Promise<void>;
  /** Every record of the current height, oldest first (copies). */
  readAll(): Promise<Uint8Array[]>;
  /**
   * Drops all records and moves to `height` (>= the current one; equal just truncates), durably
   * and atomically: after a crash the log is either the old one or the new empty one.
   */
  rotate(height: number): Promise<void>;
  close(): Promise<void>;
}

/** Largest record accepted: a proposal carries a full block, so this is generous. */
export const WAL_MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** For adapters: heights are non-negative integers and never go back. */
export function checkRotateHeight(current: number, height: number): void {
  if (!Number.isSafeInteger(height) || height < 0) throw new RangeError(`WAL height must be a non-negative safe integer, got ${height}`);
  if (height < current) throw portsError('WAL_HEIGHT_REGRESSION', `WAL at height ${current} cannot rotate back to ${height}`, { current, height });
}
