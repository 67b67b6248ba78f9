/**
 * Compact bytes of a Merkle proof (for blocks, certificates and the wire):
 *   terminalKind(1: 0x00 empty, 0x01 leaf) || depth(u16 big-endian, 0..256)
 *   || bitmap(ceil(depth/8)) || siblings(32 each, one per set bit, root first)
 *   || [leaf only] keyHash(32) || valueHash(32)
 * Decoding is strict: one encoding per proof, no trailing bytes (STATE_BAD_PROOF otherwise).
 * Portable: no node: imports.
 */
import { ChainError } from '../errors.ts';
import { proofShapeError } from './merkle-proof.ts';
import type { MerkleProof, ProofTerminal } from './merkle-proof.ts';
import { HASH_SIZE } from './tree-node.ts';
import { MAX_DEPTH } from './tree-path.ts';

const TERMINAL_EMPTY = 0x00;
const TERMINAL_LEAF = 0x01;

export function encodeProof(proof: MerkleProof): Uint8Array {
  const shape = proofShapeError(proof);
  if (shape !== undefined) throw new ChainError('STATE_BAD_PROOF', `cannot encode proof: ${shape}`);
  const leaf = proof.terminal.kind === 'leaf';
  const size = 3 + proof.bitmap.length + HASH_SIZE * proof.siblings.length + (leaf ? 2 * HASH_SIZE : 0);
  const out = new Uint8Array(size);
  out[0] = leaf ? TERMINAL_LEAF : TERMINAL_EMPTY;
  out[1] = proof.depth >>> 8;
  out[2] = proof.depth & 0xff;
  let o = 3;
  out.set(proof.bitmap, o);
  o += proof.bitmap.length;
  for (const s of proof.siblings) {
    out.set(s, o);
    o += HASH_SIZE;
  }
  if (proof.terminal.kind === 'leaf') {
    out.set(proof.terminal.keyHash, o);
    out.set(proof.terminal.valueHash, o + HASH_SIZE);
  }
  return out;
}

export function decodeProof(bytes: Uint8Array): MerkleProof {
  const bad = (why: string): ChainError => new ChainError('STATE_BAD_PROOF', `malformed proof: ${why}`);
  if (!(bytes instanceof Uint8Array) || bytes.length < 3) throw bad('too short');
  const kind = bytes[0]!;
  if (kind !== TERMINAL_EMPTY && kind !== TERMINAL_LEAF) throw bad('unknown terminal kind');
  const depth = (bytes[1]! << 8) | bytes[2]!;
  if (depth > MAX_DEPTH) throw bad('depth above 256');
  const bitmapLen = Math.ceil(depth / 8);
  if (bytes.length < 3 + bitmapLen) throw bad('truncated bitmap');
  const bitmap = bytes.slice(3, 3 + bitmapLen);
  let count = 0;
  for (const b of bitmap) for (let x = b; x !== 0; x &= x - 1) count++;
  const expected = 3 + bitmapLen + HASH_SIZE * count + (kind === TERMINAL_LEAF ? 2 * HASH_SIZE : 0);
  if (bytes.length !== expected) throw bad(bytes.length < expected ? 'truncated' : 'trailing bytes');
  let o = 3 + bitmapLen;
  const siblings: Uint8Array[] = [];
  for (let i = 0; i < count; i++, o += HASH_SIZE) siblings.push(bytes.slice(o, o + HASH_SIZE));
  const terminal: ProofTerminal =
    kind === TERMINAL_LEAF
      ? { kind: 'leaf', keyHash: bytes.slice(o, o + HASH_SIZE), valueHash: bytes.slice(o + HASH_SIZE, o + 2 * HASH_SIZE) }
      : { kind: 'empty' };
  const proof: MerkleProof = { depth, bitmap, siblings, terminal };
  const shape = proofShapeError(proof);
  if (shape !== undefined) throw bad(shape);
  return proof;
}
