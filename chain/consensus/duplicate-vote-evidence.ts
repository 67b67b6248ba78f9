/**
 * Building and checking duplicate-vote evidence. The pair is put in one canonical order (nil first,
 * then by block hash bytes) so one equivocation has exactly one encoding: blocks can then carry
 * and deduplicate evidence by its bytes.
 */
import { bytesEqual, compareBytes } from '../codec/bytes.ts';
import type { DuplicateVoteEvidence, SignedVote } from './messages.ts';

function compareValues(a: Uint8Array | null, b: Uint8Array | null): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  return compareBytes(a, b);
}

/** Evidence of two conflicting votes, in canonical order. Throws RangeError if they do not conflict. */
export function duplicateVoteEvidence(x: SignedVote, y: SignedVote): DuplicateVoteEvidence {
  const problem = conflictProblem(x, y);
  if (problem !== undefined) throw new RangeError(`not duplicate-vote evidence: ${problem}`);
  return compareValues(x.blockHash, y.blockHash) < 0 ? { a: x, b: y } : { a: y, b: x };
}

/** Why `a` and `b` are not two conflicting votes of one validator, or undefined if they are. */
export function conflictProblem(a: SignedVote, b: SignedVote): string | undefined {
  if (a.validator !== b.validator) return 'votes of different validators';
  if (a.type !== b.type || a.height !== b.height || a.round !== b.round) return 'votes of different (height, round, type)';
  if (sameValue(a.blockHash, b.blockHash)) return 'votes for the same value';
  return undefined;
}

/** True when `e.a` sorts before `e.b` (the one accepted order). */
export function isCanonicalEvidenceOrder(e: DuplicateVoteEvidence): boolean {
  return compareValues(e.a.blockHash, e.b.blockHash) < 0;
}

export function sameValue(a: Uint8Array | null, b: Uint8Array | null): boolean {
  return a === null || b === null ? a === b : bytesEqual(a, b);
}
