/**
 * Signer bitmaps of aggregate certificates: ceil(n/8) bytes for a set of n validators, bit i
 * (most significant bit of byte i/8 first) set when validator i of the sorted set signed. A bitmap
 * is well-formed only at exactly that length with no bit at or beyond n, so one set of signers has
 * one encoding. Portable.
 */
import { ChainError } from '../errors.ts';

export function bitmapBytes(n: number): number {
  return Math.ceil(n / 8);
}

/** The bitmap of these signer indices. Throws ANCHOR_DUPLICATE_SIGNER or ANCHOR_BAD_BITMAP (index outside [0, n)). */
export function bitmapFromIndices(n: number, indices: readonly number[]): Uint8Array {
  const out = new Uint8Array(bitmapBytes(n));
  for (const i of indices) {
    if (!Number.isSafeInteger(i) || i < 0 || i >= n) throw new ChainError('ANCHOR_BAD_BITMAP', `signer index ${i} is outside [0, ${n})`, { index: i });
    const mask = 0x80 >>> (i & 7);
    if ((out[i >>> 3]! & mask) !== 0) throw new ChainError('ANCHOR_DUPLICATE_SIGNER', `signer index ${i} appears twice`, { index: i });
    out[i >>> 3]! |= mask;
  }
  return out;
}

/** Ascending signer indices. Throws ANCHOR_BAD_BITMAP on a wrong length, a bit at or beyond n, or no signer. */
export function signerIndices(n: number, bitmap: Uint8Array): number[] {
  if (bitmap.length !== bitmapBytes(n)) throw new ChainError('ANCHOR_BAD_BITMAP', `a signer bitmap for ${n} validators is ${bitmapBytes(n)} bytes, got ${bitmap.length}`);
  const out: number[] = [];
  for (let i = 0; i < bitmap.length * 8; i++) {
    if (((bitmap[i >>> 3]! << (i & 7)) & 0x80) === 0) continue;
    if (i >= n) throw new ChainError('ANCHOR_BAD_BITMAP', `signer bit ${i} is beyond the ${n} validators`, { index: i });
    out.push(i);
  }
  if (out.length === 0) throw new ChainError('ANCHOR_BAD_BITMAP', 'no signer is set');
  return out;
}
