/**
 * The votes of one type (prevote or precommit) in one round of one height, with the power tallies
 * the rules of Algorithm 1 ask about: per block hash, for nil, and over all votes.
 *
 * Each validator counts once: its first vote. The same vote again is ignored; a second vote for a
 * different value is equivocation: it is not counted (so a Byzantine validator can never add its
 * power twice) and yields `DuplicateVoteEvidence` once per validator and vote set. Treated as
 * immutable: `addVote` returns a new set, copying the per-validator array (n entries) only.
 */
import { toHex } from '../codec/bytes.ts';
import { duplicateVoteEvidence, sameValue } from './duplicate-vote-evidence.ts';
import type { DuplicateVoteEvidence, SignedVote, VoteType } from './messages.ts';

/** Tally key of a nil vote; block hashes are keyed by their lowercase hex. */
export const NIL_KEY = 'nil';

export function valueKey(blockHash: Uint8Array | null): string {
  return blockHash === null ? NIL_KEY : toHex(blockHash);
}

export interface VoteSet {
  readonly type: VoteType;
  readonly round: number;
  /** The counted vote of each validator, by index. */
  readonly votes: readonly (SignedVote | undefined)[];
  /** Counted power per value key (`valueKey`). */
  readonly powerByValue: ReadonlyMap<string, number>;
  /** Counted power over all values, nil included. */
  readonly power: number;
  /** Validators whose equivocation was already reported. */
  readonly equivocators: ReadonlySet<number>;
}

export type AddVoteResult =
  | { readonly outcome: 'added'; readonly set: VoteSet }
  /** The same vote again, or another conflicting vote after the evidence was reported: no change. */
  | { readonly outcome: 'ignored' }
  | { readonly outcome: 'conflict'; readonly set: VoteSet; readonly evidence: DuplicateVoteEvidence };

export function emptyVoteSet(type: VoteType, round: number, validatorCount: number): VoteSet {
  return { type, round, votes: new Array<SignedVote | undefined>(validatorCount).fill(undefined), powerByValue: new Map(), power: 0, equivocators: new Set() };
}

/**
 * Adds `vote` (of this set's type and round; the caller checked height and signature) weighed by
 * `powers[vote.validator]`. Throws RangeError on a vote that does not belong to this set.
 */
export function addVote(set: VoteSet, vote: SignedVote, powers: readonly number[]): AddVoteResult {
  if (vote.type !== set.type || vote.round !== set.round) throw new RangeError('vote of another type or round');
  const power = powers[vote.validator];
  if (power === undefined || !Number.isInteger(vote.validator)) throw new RangeError(`validator index out of range: ${vote.validator}`);
  const first = set.votes[vote.validator];
  if (first !== undefined) {
    if (sameValue(first.blockHash, vote.blockHash) || set.equivocators.has(vote.validator)) return { outcome: 'ignored' };
    const equivocators = new Set(set.equivocators).add(vote.validator);
    return { outcome: 'conflict', set: { ...set, equivocators }, evidence: duplicateVoteEvidence(first, vote) };
  }
  const votes = set.votes.slice();
  votes[vote.validator] = vote;
  const key = valueKey(vote.blockHash);
  const powerByValue = new Map(set.powerByValue).set(key, (set.powerByValue.get(key) ?? 0) + power);
  return { outcome: 'added', set: { ...set, votes, powerByValue, power: set.power + power } };
}

/** Counted power for one value (null: nil). */
export function powerFor(set: VoteSet, blockHash: Uint8Array | null): number {
  return set.powerByValue.get(valueKey(blockHash)) ?? 0;
}

/** +2/3 for this value (a polka for a prevote set, a commit for a precommit set). */
export function hasQuorumFor(set: VoteSet, blockHash: Uint8Array | null, quorum: number): boolean {
  return powerFor(set, blockHash) >= quorum;
}

/** +2/3 of any votes (Algorithm 1's "2f + 1 ⟨·, h, r, ∗⟩"). */
export function hasQuorumAny(set: VoteSet, quorum: number): boolean {
  return set.power >= quorum;
}

/** More than 1/3 of the power voted in this set (any values). */
export function hasSkipPower(set: VoteSet, skip: number): boolean {
  return set.power >= skip;
}

/**
 * The key of the value holding +2/3 (a block hash's hex or NIL_KEY), if any. Two values can only
 * both reach +2/3 if more than 1/3 equivocated; then the first in insertion order is returned.
 */
export function quorumValueKey(set: VoteSet, quorum: number): string | undefined {
  for (const [key, power] of set.powerByValue) if (power >= quorum) return key;
  return undefined;
}

/** The counted votes for `blockHash`, sorted by validator index (the signatures of a commit). */
export function votesFor(set: VoteSet, blockHash: Uint8Array): SignedVote[] {
  const out: SignedVote[] = [];
  for (const v of set.votes) if (v !== undefined && sameValue(v.blockHash, blockHash)) out.push(v);
  return out;
}
