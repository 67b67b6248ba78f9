/**
 * NODE-ONLY. The WAL file format, as pure functions over bytes (the file adapter does the I/O).
 *
 *   header (20 bytes): "TFRWAL" 0x00 0x01 (magic + version) || u64be height || u32be crc32(first 16)
 *   record:            u32be length || u32be crc32(length bytes || payload) || payload
 *
 * The header is only ever written whole, by an atomic file replace, so a bad header is corruption.
 * Records are appended in place, so power loss can leave the last one torn. A damaged record (a
 * partial length, a length past the end of the file or over the limit, a checksum mismatch) is
 * a TORN TAIL when nothing but zero bytes follows it (file systems may zero-fill an extended
 * file after a crash): it is dropped. Damage with intact data after it is CORRUPTION: records the
 * node may have acted on are gone, so `scanWalRecords` throws WAL_CORRUPT (or, with `repair`,
 * keeps only what precedes it). The checksum covers the length, so a damaged length is caught
 * unless it points past the end of the file, which cannot be told from a torn write.
 */
import { crc32 } from 'node:zlib';
import { portsError } from '../../ports/ports-errors.ts';
import { WAL_MAX_RECORD_BYTES } from '../../ports/wal.ts';

const MAGIC = new Uint8Array([0x54, 0x46, 0x52, 0x57, 0x41, 0x4c, 0x00, 0x01]); // "TFRWAL" v1
export const WAL_HEADER_BYTES = 20;
export const WAL_RECORD_HEADER_BYTES = 8;

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

export function encodeWalHeader(height: number): Uint8Array {
  const out = new Uint8Array(WAL_HEADER_BYTES);
  out.set(MAGIC, 0);
  view(out).setBigUint64(8, BigInt(height));
  view(out).setUint32(16, crc32(out.subarray(0, 16)));
  return out;
}

/** The height in a WAL file's header; WAL_CORRUPT if the header is short or damaged. */
export function decodeWalHeader(file: Uint8Array): number {
  if (file.length < WAL_HEADER_BYTES) throw portsError('WAL_CORRUPT', `WAL file of ${file.length} bytes has no complete header`);
  const v = view(file);
  const magicOk = MAGIC.every((b, i) => file[i] === b);
  if (!magicOk || v.getUint32(16) !== crc32(file.subarray(0, 16))) throw portsError('WAL_CORRUPT', 'WAL header is damaged or not a WAL file');
  const height = v.getBigUint64(8);
  if (height > BigInt(Number.MAX_SAFE_INTEGER)) throw portsError('WAL_CORRUPT', 'WAL header height out of range');
  return Number(height);
}

/** One record, header and payload in a single buffer so it reaches the disk in one write. */
export function encodeWalRecord(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(WAL_RECORD_HEADER_BYTES + payload.length);
  const v = view(out);
  v.setUint32(0, payload.length);
  out.set(payload, WAL_RECORD_HEADER_BYTES);
  v.setUint32(4, crc32(payload, crc32(out.subarray(0, 4))));
  return out;
}

export interface WalScan {
  /** Payloads of the good records, in order (copies). */
  readonly records: Uint8Array[];
  /** Offset just past the last good record: the file should be cut here. */
  readonly end: number;
  /** Where the dropped damage starts and why, when something was dropped. */
  readonly damage?: { readonly offset: number; readonly reason: string };
}

/** Reads the records from `start` (just past the header); see the file comment for the rules. */
export function scanWalRecords(file: Uint8Array, start: number, options: { readonly repair?: boolean } = {}): WalScan {
  const records: Uint8Array[] = [];
  const v = view(file);
  const n = file.length;
  let o = start;
  while (o < n) {
    let reason: string | undefined;
    let damagedEnd = n;
    if (n - o < WAL_RECORD_HEADER_BYTES) {
      reason = 'partial record header';
    } else {
      const length = v.getUint32(o);
      const end = o + WAL_RECORD_HEADER_BYTES + length;
      if (length > WAL_MAX_RECORD_BYTES) {
        reason = `record length ${length} over the limit`;
        damagedEnd = o + WAL_RECORD_HEADER_BYTES;
      } else if (end > n) {
        reason = `partial record (${n - o - WAL_RECORD_HEADER_BYTES} of ${length} payload bytes)`;
      } else if (v.getUint32(o + 4) !== crc32(file.subarray(o + WAL_RECORD_HEADER_BYTES, end), crc32(file.subarray(o, o + 4)))) {
        reason = 'checksum mismatch';
        damagedEnd = end;
      } else {
        records.push(file.slice(o + WAL_RECORD_HEADER_BYTES, end));
        o = end;
        continue;
      }
    }
    const damage = { offset: o, reason };
    if (!allZero(file, damagedEnd, n) && options.repair !== true) {
      throw portsError('WAL_CORRUPT', `WAL record at offset ${o} is damaged (${reason}) and data follows it`, { ...damage, records: records.length });
    }
    return { records, end: o, damage };
  }
  return { records, end: o };
}

function allZero(b: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (b[i] !== 0) return false;
  return true;
}
