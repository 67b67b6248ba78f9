/** Cache key of some bytes: latin1 is one code unit per byte, the cheapest lossless string form. */
export function cacheKey(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}
