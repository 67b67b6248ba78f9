/**
 * Paths in the tree are the 256 bits of sha256(key), most significant bit of byte 0 first;
 * bit 0 goes left, 1 goes right. Portable (used by the proof verifier).
 */

export const MAX_DEPTH = 256;

export function bitAt(path: Uint8Array, depth: number): number {
  return (path[depth >>> 3]! >>> (7 - (depth & 7))) & 1;
}

/** True when the first `bits` bits of a and b are equal. */
export function sharesPrefix(a: Uint8Array, b: Uint8Array, bits: number): boolean {
  const full = bits >>> 3;
  for (let i = 0; i < full; i++) if (a[i] !== b[i]) return false;
  const rest = bits & 7;
  if (rest === 0) return true;
  const mask = (0xff << (8 - rest)) & 0xff;
  return ((a[full]! ^ b[full]!) & mask) === 0;
}
