/**
 * JSON form of a Merkle proof for the RPC: the same fields as MerkleProof, bytes as lowercase hex.
 * Parsing is strict (STATE_BAD_PROOF). Hex comes from @noble/hashes rather than codec/bytes.ts
 * because the SDK parses proofs in the browser, where Buffer does not exist.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { ChainError } from '../errors.ts';
import { proofShapeError } from './merkle-proof.ts';
import type { MerkleProof, ProofTerminal } from './merkle-proof.ts';

export type ProofTerminalJson = { kind: 'empty' } | { kind: 'leaf'; keyHash: string; valueHash: string };

export interface MerkleProofJson {
  depth: number;
  bitmap: string;
  siblings: string[];
  terminal: ProofTerminalJson;
}

export function proofToJson(proof: MerkleProof): MerkleProofJson {
  const t = proof.terminal;
  return {
    depth: proof.depth,
    bitmap: bytesToHex(proof.bitmap),
    siblings: proof.siblings.map((s) => bytesToHex(s)),
    terminal: t.kind === 'leaf' ? { kind: 'leaf', keyHash: bytesToHex(t.keyHash), valueHash: bytesToHex(t.valueHash) } : { kind: 'empty' },
  };
}

const HEX = /^(?:[0-9a-f]{2})*$/;

export function proofFromJson(json: unknown): MerkleProof {
  const bad = (why: string): ChainError => new ChainError('STATE_BAD_PROOF', `malformed proof JSON: ${why}`);
  const hex = (s: unknown, what: string): Uint8Array => {
    if (typeof s !== 'string' || !HEX.test(s)) throw bad(`${what} is not lowercase hex`);
    return hexToBytes(s);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('not an object');
  const j = json as Record<string, unknown>;
  const t = j['terminal'];
  if (typeof t !== 'object' || t === null) throw bad('terminal missing');
  const tr = t as Record<string, unknown>;
  let terminal: ProofTerminal;
  if (tr['kind'] === 'empty') terminal = { kind: 'empty' };
  else if (tr['kind'] === 'leaf') terminal = { kind: 'leaf', keyHash: hex(tr['keyHash'], 'keyHash'), valueHash: hex(tr['valueHash'], 'valueHash') };
  else throw bad('unknown terminal kind');
  const siblings = j['siblings'];
  if (!Array.isArray(siblings)) throw bad('siblings is not an array');
  const proof: MerkleProof = {
    depth: typeof j['depth'] === 'number' ? j['depth'] : NaN,
    bitmap: hex(j['bitmap'], 'bitmap'),
    siblings: siblings.map((s: unknown) => hex(s, 'sibling')),
    terminal,
  };
  const shape = proofShapeError(proof);
  if (shape !== undefined) throw bad(shape);
  return proof;
}
