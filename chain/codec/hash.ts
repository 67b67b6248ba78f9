/**
 * sha256 for the node's hot paths (node:crypto is about twice as fast as noble here).
 * Code that must also run in a browser uses `sha256Portable` from hash-portable.ts; a test checks
 * both agree.
 */
import { createHash } from 'node:crypto';

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  const d = h.digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
}
