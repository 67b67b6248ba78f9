/**
 * Binary Merkle root of an ordered list (RFC 6962 shape): leaf = sha256(0x00 || item),
 * node = sha256(0x01 || left || right), split at the largest power of two below n; the empty list
 * hashes to sha256(""). Used for the txs of a block, so one tx can later be proven in a header.
 */
import { sha256 } from './hash.ts';

const LEAF = Uint8Array.of(0);
const NODE = Uint8Array.of(1);

export function merkleRoot(items: readonly Uint8Array[]): Uint8Array {
  if (items.length === 0) return sha256();
  return subtreeRoot(items.map((it) => sha256(LEAF, it)), 0, items.length);
}

function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Uint8Array {
  const n = end - start;
  if (n === 1) return leaves[start]!;
  let split = 1;
  while (split * 2 < n) split *= 2;
  return sha256(NODE, subtreeRoot(leaves, start, start + split), subtreeRoot(leaves, start + split, end));
}
