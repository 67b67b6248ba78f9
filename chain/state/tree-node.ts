/**
 * Sparse Merkle tree nodes and their bytes. The stored encoding of a node is exactly the preimage of
 * its hash, so a node's hash is sha256(encoding) and a light client can recompute it:
 *   leaf     = 0x00 || keyHash(32) || valueHash(32)     keyHash = sha256(key), valueHash = sha256(value)
 *   internal = 0x01 || leftHash(32) || rightHash(32)    an empty child is 32 zero bytes
 * The empty subtree is EMPTY_ROOT (32 zero bytes) and is never stored.
 * Portable: no node: imports (the proof verifier uses it in browsers).
 */

export const HASH_SIZE = 32;
export const NODE_SIZE = 65;
export const LEAF_TAG = 0x00;
export const INTERNAL_TAG = 0x01;

/** Root of the empty tree and hash of every empty subtree. Shared: never mutate it. */
export const EMPTY_ROOT: Uint8Array = new Uint8Array(HASH_SIZE);

export function isEmptyHash(h: Uint8Array): boolean {
  for (let i = 0; i < h.length; i++) if (h[i] !== 0) return false;
  return true;
}

export function encodeLeaf(keyHash: Uint8Array, valueHash: Uint8Array): Uint8Array {
  return encodeNode(LEAF_TAG, keyHash, valueHash);
}

export function encodeInternal(left: Uint8Array, right: Uint8Array): Uint8Array {
  return encodeNode(INTERNAL_TAG, left, right);
}

function encodeNode(tag: number, a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(NODE_SIZE);
  out[0] = tag;
  out.set(a, 1);
  out.set(b, 1 + HASH_SIZE);
  return out;
}
