/**
 * The Merkle proof of one key against one root: the siblings along the key's path, down to a
 * terminal that is either an empty subtree or a leaf. The same shape proves presence (terminal is
 * the key's own leaf) and absence (terminal is empty, or the leaf of another key sharing the path
 * so far). Portable: no node: imports.
 */
import { HASH_SIZE, isEmptyHash } from './tree-node.ts';
import { MAX_DEPTH } from './tree-path.ts';

export type ProofTerminal =
  | { readonly kind: 'empty' }
  | { readonly kind: 'leaf'; readonly keyHash: Uint8Array; readonly valueHash: Uint8Array };

export interface MerkleProof {
  /** Depth of the terminal: number of internal nodes walked from the root (0..256). */
  readonly depth: number;
  /** ceil(depth / 8) bytes; bit i (most significant first) is set when the sibling at depth i is not empty. Unused bits are 0. */
  readonly bitmap: Uint8Array;
  /** The non-empty siblings, from the root down (one per set bit). */
  readonly siblings: readonly Uint8Array[];
  readonly terminal: ProofTerminal;
}

export function bitmapBit(bitmap: Uint8Array, i: number): boolean {
  return ((bitmap[i >>> 3]! >>> (7 - (i & 7))) & 1) === 1;
}

const isBytes = (x: unknown, len?: number): x is Uint8Array => x instanceof Uint8Array && (len === undefined || x.length === len);

/**
 * Why `proof` is not a well-formed proof, or undefined when it is. Checks the shape only (sizes,
 * counts, one encoding per proof), never the hashes; safe on any value.
 */
export function proofShapeError(proof: unknown): string | undefined {
  if (typeof proof !== 'object' || proof === null) return 'not an object';
  const p = proof as Partial<Record<keyof MerkleProof, unknown>>;
  const { depth, bitmap, siblings, terminal } = p;
  if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 0 || depth > MAX_DEPTH) return 'depth out of range';
  if (!isBytes(bitmap, Math.ceil(depth / 8))) return 'bitmap length does not match depth';
  if (depth % 8 !== 0 && (bitmap[bitmap.length - 1]! & (0xff >>> (depth % 8))) !== 0) return 'unused bitmap bits set';
  let count = 0;
  for (let i = 0; i < depth; i++) if (bitmapBit(bitmap, i)) count++;
  if (!Array.isArray(siblings) || siblings.length !== count) return 'sibling count does not match bitmap';
  for (const s of siblings as unknown[]) {
    if (!isBytes(s, HASH_SIZE)) return 'sibling is not 32 bytes';
    if (isEmptyHash(s)) return 'empty sibling listed instead of flagged in the bitmap';
  }
  // In the canonical tree a node whose one child is empty has >= 2 leaves on the other side, so the
  // last step above a terminal (leaf or empty) always has a non-empty sibling.
  if (depth > 0 && !bitmapBit(bitmap, depth - 1)) return 'empty sibling next to the terminal';
  if (typeof terminal !== 'object' || terminal === null) return 'terminal missing';
  const t = terminal as Partial<Record<'kind' | 'keyHash' | 'valueHash', unknown>>;
  if (t.kind === 'empty') return undefined;
  if (t.kind !== 'leaf') return 'unknown terminal kind';
  if (!isBytes(t.keyHash, HASH_SIZE) || !isBytes(t.valueHash, HASH_SIZE)) return 'leaf terminal hashes are not 32 bytes';
  return undefined;
}
