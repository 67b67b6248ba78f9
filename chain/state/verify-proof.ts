/**
 * Offline check of a Merkle proof, for light clients, the Hub, bridges and the browser SDK: only
 * sha256Portable (noble), no node: imports, no Buffer (so not codec/bytes.ts either). Never throws:
 * anything malformed is simply false.
 */
import { sha256Portable } from '../codec/hash-portable.ts';
import { bitmapBit, proofShapeError } from './merkle-proof.ts';
import type { MerkleProof, ProofTerminal } from './merkle-proof.ts';
import { EMPTY_ROOT, HASH_SIZE, encodeInternal, encodeLeaf } from './tree-node.ts';
import { bitAt, sharesPrefix } from './tree-path.ts';

/**
 * True iff `proof` shows that, in the tree with root `root`, `key` maps to `value`
 * (value null: `key` is absent).
 */
export function verifyProof(root: Uint8Array, key: Uint8Array, value: Uint8Array | null, proof: MerkleProof): boolean {
  try {
    return check(root, key, value, proof);
  } catch {
    return false;
  }
}

function check(root: Uint8Array, key: Uint8Array, value: Uint8Array | null, proof: MerkleProof): boolean {
  if (!(root instanceof Uint8Array) || root.length !== HASH_SIZE || !(key instanceof Uint8Array)) return false;
  if (value !== null && !(value instanceof Uint8Array)) return false;
  // Read every field once: what is checked is what is used, whatever object came in.
  const t = proof.terminal;
  const terminal: ProofTerminal = t.kind === 'leaf' ? { kind: 'leaf', keyHash: t.keyHash, valueHash: t.valueHash } : { kind: t.kind };
  const snapshot: MerkleProof = { depth: proof.depth, bitmap: proof.bitmap, siblings: Array.from(proof.siblings), terminal };
  if (proofShapeError(snapshot) !== undefined) return false;
  const { depth, bitmap, siblings } = snapshot;
  const keyHash = sha256Portable(key);

  let h: Uint8Array;
  if (terminal.kind === 'leaf') {
    if (value !== null) {
      // Presence: the terminal must be this key's leaf holding this value.
      if (!bytesEqual(terminal.keyHash, keyHash) || !bytesEqual(terminal.valueHash, sha256Portable(value))) return false;
    } else if (bytesEqual(terminal.keyHash, keyHash) || !sharesPrefix(terminal.keyHash, keyHash, depth)) {
      // Absence by a leaf: another key, sitting where this key's path ends.
      return false;
    }
    h = sha256Portable(encodeLeaf(terminal.keyHash, terminal.valueHash));
  } else {
    if (value !== null) return false;
    h = EMPTY_ROOT;
  }

  let next = siblings.length - 1;
  for (let i = depth - 1; i >= 0; i--) {
    const sibling = bitmapBit(bitmap, i) ? siblings[next--]! : EMPTY_ROOT;
    h = sha256Portable(bitAt(keyHash, i) === 0 ? encodeInternal(h, sibling) : encodeInternal(sibling, h));
  }
  return bytesEqual(h, root);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
