/**
 * sha256 for the node's hot paths (node:crypto is about twice as fast as noble here; the one-shot
 * `crypto.hash` is another ~40% faster than createHash for a single input). Code that must also
 * run in a browser uses `sha256Portable` from hash-portable.ts; a test checks both agree.
 * Returns a plain Uint8Array, never a Buffer: Buffer's `slice` is a view, Uint8Array's a copy.
 */
import { createHash, hash } from 'node:crypto';

const asUint8Array = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export function sha256(...parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return asUint8Array(hash('sha256', parts[0]!, 'buffer') as unknown as Buffer);
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return asUint8Array(h.digest());
}
