/** sha256 that runs anywhere (browser, SDK, offline proof checks): @noble/hashes. */
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

export function sha256Portable(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return nobleSha256(parts[0]!);
  const h = nobleSha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
}
