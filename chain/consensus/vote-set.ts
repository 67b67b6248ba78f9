/**
 * The votes of one type (prevote or precommit) in one round of one height, with the power tallies
 * the rules of Algorithm 1 ask about: per block hash, for nil, and over all votes.
 *
 * Each validator counts once in the total ("of any value"): its first vote. The same vote again is
 * ignored; a vote for a different value is equivocation: it yields `DuplicateVoteEvidence` once per
 * validator and vote set, and it is ALSO credited to its own value (not to the total), as
 * Algorithm 1 counts the messages for a value, when that value is nil or already has power here
 * (so an equivocator cannot fill memory with made-up hashes: the values with power are the first
 * votes' and nil, at most n + 1; an uncredited vote may be credited when it comes again later).
 *
 * Why conflicting votes count (found by test/scenarios/random-campaign.ts, seeds 196 and 650): with
 * the first vote only, nodes that heard an equivocator's votes in different orders disagree forever
 * on whether a round had a polka. A node locked on a polka it saw then waits for a re-proposal whose
 * polka the others can never count, and the height never ends, with one faulty validator of four.
 * Safety is unchanged: an honest validator never signs two values, so two quorums for different
 * values in one round would still need more than 1/3 of the power to equivocate.
 *
 * Treated as immutable: `addVote` returns a new set, copying a per-validator array (n entries) only.
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
  /** Counted power per value key (`valueKey`), an equivocator's conflicting vote credited too. */
  readonly powerByValue: ReadonlyMap<string, number>;
  /** Counted power over all values, nil included. */
  readonly power: number;
  /** Validators whose equivocation was already reported. */
  readonly equivocators: ReadonlySet<number>;
  /** Each equivocator's other votes that were credited to their values, by validator index. */
  readonly conflicting: readonly (readonly SignedVote[] | undefined)[];
}

export type AddVoteResult =
  | { readonly outcome: 'added'; readonly set: VoteSet }
  /** The same vote again, or another conflicting vote after the evidence was reported that is not credited: no change. */
  | { readonly outcome: 'ignored' }
  /** A first conflicting vote: reported (and credited to its value if it has power). */
  | { readonly outcome: 'conflict'; readonly set: VoteSet; readonly evidence: DuplicateVoteEvidence }
  /** A later conflicting vote credited to its value (nothing new to report; the total is unchanged). */
  | { readonly outcome: 'credited'; readonly set: VoteSet };

export function emptyVoteSet(type: VoteType, round: number, validatorCount: number): VoteSet {
  const votes = new Array<SignedVote | undefined>(validatorCount).fill(undefined);
  const conflicting = new Array<readonly SignedVote[] | undefined>(validatorCount).fill(undefined);
  return { type, round, votes, powerByValue: new Map(), power: 0, equivocators: new Set(), conflicting };
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
    const others = set.conflicting[vote.validator] ?? [];
    if (sameValue(first.blockHash, vote.blockHash) || others.some((o) => sameValue(o.blockHash, vote.blockHash))) return { outcome: 'ignored' };
    const key = valueKey(vote.blockHash);
    const credit = vote.blockHash === null || (set.powerByValue.get(key) ?? 0) > 0;
    const report = !set.equivocators.has(vote.validator);
    let next = set;
    if (credit) {
      const conflicting = set.conflicting.slice();
      conflicting[vote.validator] = [...others, vote];
      next = { ...set, conflicting, powerByValue: new Map(set.powerByValue).set(key, (set.powerByValue.get(key) ?? 0) + power) };
    }
    if (report) return { outcome: 'conflict', set: { ...next, equivocators: new Set(set.equivocators).add(vote.validator) }, evidence: duplicateVoteEvidence(first, vote) };
    return credit ? { outcome: 'credited', set: next } : { outcome: 'ignored' };
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

/** The counted votes for `blockHash` (an equivocator's conflicting one included), sorted by validator index (the signatures of a commit). */
export function votesFor(set: VoteSet, blockHash: Uint8Array): SignedVote[] {
  const out: SignedVote[] = [];
  set.votes.forEach((v, i) => {
    const c = set.conflicting[i]?.find((x) => sameValue(x.blockHash, blockHash));
    if (v !== undefined && sameValue(v.blockHash, blockHash)) out.push(v);
    else if (c !== undefined) out.push(c);
  });
  return out;
}
