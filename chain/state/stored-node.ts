/**
 * Tree nodes as the node store and the batch update handle them: the two 32-byte fields as ids
 * (latin1 strings, see node-id.ts). Bytes follow tree-node.ts: tag || a || b, hash = sha256(bytes).
 */
import { ChainError } from '../errors.ts';
import { sha256Id } from './node-id.ts';
import type { NodeId } from './node-id.ts';
import { HASH_SIZE, INTERNAL_TAG, LEAF_TAG, NODE_SIZE } from './tree-node.ts';

/** Leaf (a = keyHash, b = valueHash) or internal node (a = left child, b = right child). */
export interface StoredNode {
  readonly leaf: boolean;
  readonly a: NodeId;
  readonly b: NodeId;
}

/** A node created by an update, with its hash. Store it with nodePutOps, cache it with remember. */
export interface NewNode extends StoredNode {
  readonly id: NodeId;
}

// One scratch buffer to hash nodes in: hashing then allocates nothing but the resulting id.
const scratch = Buffer.alloc(NODE_SIZE);

export function hashStoredNode(leaf: boolean, a: NodeId, b: NodeId): NodeId {
  scratch[0] = leaf ? LEAF_TAG : INTERNAL_TAG;
  scratch.write(a, 1, HASH_SIZE, 'latin1');
  scratch.write(b, 1 + HASH_SIZE, HASH_SIZE, 'latin1');
  return sha256Id(scratch);
}

/** The node's 65 stored bytes (a pooled Buffer: cheap, meant to be written and dropped). */
export function encodeStoredNode(node: StoredNode): Uint8Array {
  const out = Buffer.allocUnsafe(NODE_SIZE);
  out[0] = node.leaf ? LEAF_TAG : INTERNAL_TAG;
  out.write(node.a, 1, HASH_SIZE, 'latin1');
  out.write(node.b, 1 + HASH_SIZE, HASH_SIZE, 'latin1');
  return out;
}

/** Decodes stored node bytes; STATE_CORRUPT on anything but 65 bytes with a known tag. */
export function decodeStoredNode(bytes: Uint8Array): StoredNode {
  if (bytes.length !== NODE_SIZE || (bytes[0] !== LEAF_TAG && bytes[0] !== INTERNAL_TAG)) {
    throw new ChainError('STATE_CORRUPT', 'stored tree node does not decode', { length: bytes.length, tag: bytes[0] });
  }
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { leaf: bytes[0] === LEAF_TAG, a: buf.toString('latin1', 1, 1 + HASH_SIZE), b: buf.toString('latin1', 1 + HASH_SIZE, NODE_SIZE) };
}
