/** Small byte helpers shared by every layer (hex, equality, ordering, big-endian integers). */
export { bytesEqual, compareBytes, concatBytes } from './bytes-portable.ts';

const HEX_RE = /^(?:[0-9a-f]{2})*$/;

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** Strict lowercase hex, even length; returns undefined on anything else. */
export function fromHexStrict(s: string): Uint8Array | undefined {
  if (!HEX_RE.test(s)) return undefined;
  return new Uint8Array(Buffer.from(s, 'hex'));
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** 8-byte big-endian encoding of a non-negative safe integer (so LevelDB range scans are ordered). */
export function u64be(n: number): Uint8Array {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative safe integer: ${n}`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
}

export function readU64be(b: Uint8Array, offset = 0): number {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(offset);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('u64 beyond safe integer range');
  return Number(v);
}
