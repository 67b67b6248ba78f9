/**
 * NODE-ONLY. The WAL file format, as pure functions over bytes (the file adapter does the I/O).
 *
 *   header (20 bytes): "TFRWAL" 0x00 0x01 (magic + version) || u64be height || u32be crc32(first 16)
 *   record:            u32be length || u32be crc32(length bytes || payload) || payload
 *
 * The header is only ever written whole, by an atomic file replace, so a bad header is corruption.
 * Records are appended in place, so power loss can leave the last one torn. A damaged record (a
 * partial header, a length past the end of the file or over the limit, a checksum mismatch; the
 * checksum covers the length too) is a TORN TAIL when no intact record starts anywhere after it:
 * it and whatever follows (partial bytes, zeros a file system filled in after a crash) are
 * dropped. When an intact record does follow, the damage is CORRUPTION in the middle: records the
 * node may have acted on are gone, so `scanWalRecords` throws WAL_CORRUPT (or, with `repair`,
 * keeps only what precedes the damage). Searching for that intact record tries every later
 * offset, only when something is damaged, in linear time (crc32-ranges.ts).
 */
import { crc32 } from 'node:zlib';
import { portsError } from '../../ports/ports-errors.ts';
import { WAL_MAX_RECORD_BYTES } from '../../ports/wal.ts';
import { Crc32Ranges } from './crc32-ranges.ts';

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
  const v = view(file);
  const records: Uint8Array[] = [];
  let o = start;
  while (o < file.length) {
    const end = intactEnd(file, v, o);
    if (end !== -1) {
      records.push(file.slice(o + WAL_RECORD_HEADER_BYTES, end));
      o = end;
      continue;
    }
    const damage = { offset: o, reason: damageReason(file, v, o) };
    const intact = nextIntactRecord(file, v, o + 1);
    if (intact !== -1 && options.repair !== true) {
      throw portsError('WAL_CORRUPT', `WAL record at offset ${o} is damaged (${damage.reason}) and an intact record follows at ${intact}`, {
        ...damage,
        intactAt: intact,
        goodRecords: records.length,
      });
    }
    return { records, end: o, damage };
  }
  return { records, end: o };
}

// crc32 of a zero length field: what an intact empty record carries (zero-filled space never does).
const EMPTY_RECORD_CRC = crc32(new Uint8Array(4));

/**
 * The end offset of the intact record at `o`, or -1. Lean: it runs at every offset of a damaged
 * tail, where `ranges` derives each payload's crc instead of hashing it again.
 */
function intactEnd(file: Uint8Array, v: DataView, o: number, ranges?: Crc32Ranges): number {
  if (file.length - o < WAL_RECORD_HEADER_BYTES) return -1;
  const length = v.getUint32(o);
  const end = o + WAL_RECORD_HEADER_BYTES + length;
  if (length > WAL_MAX_RECORD_BYTES || end > file.length) return -1;
  const stored = v.getUint32(o + 4);
  if (length === 0) return stored === EMPTY_RECORD_CRC ? end : -1;
  const start = o + WAL_RECORD_HEADER_BYTES;
  const lengthCrc = crc32(file.subarray(o, o + 4));
  const sum = ranges === undefined ? crc32(file.subarray(start, end), lengthCrc) : ranges.combine(lengthCrc, ranges.crc(start, end), length);
  return stored === sum ? end : -1;
}

function damageReason(file: Uint8Array, v: DataView, o: number): string {
  const n = file.length;
  if (n - o < WAL_RECORD_HEADER_BYTES) return 'partial record header';
  const length = v.getUint32(o);
  if (length > WAL_MAX_RECORD_BYTES) return `record length ${length} over the limit`;
  const have = n - o - WAL_RECORD_HEADER_BYTES;
  return have < length ? `partial record (${have} of ${length} payload bytes)` : 'checksum mismatch';
}

function nextIntactRecord(file: Uint8Array, v: DataView, from: number): number {
  const ranges = new Crc32Ranges(file, from);
  for (let p = from; p + WAL_RECORD_HEADER_BYTES <= file.length; p++) if (intactEnd(file, v, p, ranges) !== -1) return p;
  return -1;
}
