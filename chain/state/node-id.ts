/**
 * Node ids: a 32-byte hash held as a 32-char latin1 string (one char per byte). The tree's hot
 * loop works on ids instead of Uint8Arrays because, measured here, a small Uint8Array result costs
 * an off-heap allocation: sha256 to a string takes ~200 ns against ~950 ns for
 * codec/hash.ts's sha256 (createHash + Buffer digest), ids are free Map keys, compare with ===
 * and sort in byte order, and the GC handles strings far better than millions of typed arrays.
 * The bytes hashed are the same; a test checks sha256Id against codec/hash.ts.
 */
import { hash } from 'node:crypto';

export type NodeId = string;

/** The empty subtree (32 zero bytes). */
export const EMPTY_ID: NodeId = '\0'.repeat(32);

export function idOf(bytes: Uint8Array): NodeId {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** A fresh plain Uint8Array holding the id's bytes. */
export function idBytes(id: NodeId): Uint8Array {
  const out = new Uint8Array(id.length);
  for (let i = 0; i < id.length; i++) out[i] = id.charCodeAt(i);
  return out;
}

/** sha256 of `data`, as an id ('binary' is Node's name for latin1). */
export function sha256Id(data: Uint8Array): NodeId {
  return hash('sha256', data, 'binary');
}

/** Bit `depth` of a path id (most significant bit of char 0 first). */
export function idBit(id: NodeId, depth: number): number {
  return (id.charCodeAt(depth >>> 3) >>> (7 - (depth & 7))) & 1;
}
