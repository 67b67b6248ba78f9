/**
 * NODE-ONLY. The signer state file, 121 bytes:
 *   "TFRSIGN" 0x01 || u64be height || u32be round || u8 step (index in ROUND_STEPS)
 *   || 32 bytes sha256(message) || 64 bytes signature || u32be crc32(all before)
 * The file is replaced atomically, so it is never torn; any mismatch means the disk damaged it,
 * and the signer must not guess (a wrong, lower height would let it double-sign):
 * NODE_SIGNER_STATE_CORRUPT.
 */
import { crc32 } from 'node:zlib';
import { ROUND_STEPS } from '../../consensus/messages.ts';
import { checkHrs } from '../../ports/hrs.ts';
import { portsError } from '../../ports/ports-errors.ts';
import type { LastSigned } from '../../ports/signer-state.ts';

const MAGIC = new Uint8Array([0x54, 0x46, 0x52, 0x53, 0x49, 0x47, 0x4e, 0x01]); // "TFRSIGN" v1
const HASH_BYTES = 32;
const SIGNATURE_BYTES = 64;
export const SIGNER_STATE_BYTES = 8 + 8 + 4 + 1 + HASH_BYTES + SIGNATURE_BYTES + 4;

export function encodeSignerState(s: LastSigned): Uint8Array {
  checkHrs(s);
  if (s.messageHash.length !== HASH_BYTES || s.signature.length !== SIGNATURE_BYTES || s.round > 0xffffffff) {
    throw new RangeError('signer state: 32-byte hash, 64-byte signature and a u32 round expected');
  }
  const out = new Uint8Array(SIGNER_STATE_BYTES);
  const v = new DataView(out.buffer);
  out.set(MAGIC, 0);
  v.setBigUint64(8, BigInt(s.height));
  v.setUint32(16, s.round);
  v.setUint8(20, ROUND_STEPS.indexOf(s.step));
  out.set(s.messageHash, 21);
  out.set(s.signature, 21 + HASH_BYTES);
  v.setUint32(SIGNER_STATE_BYTES - 4, crc32(out.subarray(0, SIGNER_STATE_BYTES - 4)));
  return out;
}

export function decodeSignerState(b: Uint8Array): LastSigned {
  const bad = (why: string): never => {
    throw portsError('NODE_SIGNER_STATE_CORRUPT', `signer state file: ${why}`);
  };
  if (b.length !== SIGNER_STATE_BYTES) bad(`${b.length} bytes, expected ${SIGNER_STATE_BYTES}`);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (!MAGIC.every((x, i) => b[i] === x)) bad('not a signer state file');
  if (v.getUint32(SIGNER_STATE_BYTES - 4) !== crc32(b.subarray(0, SIGNER_STATE_BYTES - 4))) bad('checksum mismatch');
  const height = v.getBigUint64(8);
  const step = ROUND_STEPS[v.getUint8(20)];
  if (height > BigInt(Number.MAX_SAFE_INTEGER) || step === undefined) return bad('height or step out of range');
  return {
    height: Number(height),
    round: v.getUint32(16),
    step,
    messageHash: b.slice(21, 21 + HASH_BYTES),
    signature: b.slice(21 + HASH_BYTES, 21 + HASH_BYTES + SIGNATURE_BYTES),
  };
}
