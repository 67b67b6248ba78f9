/**
 * Everything received for one round of the current height: its prevotes, its precommits, the
 * proposals of its proposer, and the power of everyone who voted in it (for the round skip).
 */
import type { Block } from '../block/block.ts';
import type { DuplicateVoteEvidence, SignedProposal, SignedVote } from './messages.ts';
import { addVote, emptyVoteSet, valueKey, type VoteSet } from './vote-set.ts';

/**
 * Distinct proposals kept per round. An honest proposer sends one; keeping a few lets a node still
 * find the decided block when a Byzantine proposer sends different blocks to different peers,
 * while bounding what it can make a node store.
 */
export const MAX_PROPOSALS_PER_ROUND = 4;

/** A proposed value: the block, its hash and the hash's tally key. */
export interface ConsensusValue {
  readonly block: Block;
  readonly blockHash: Uint8Array;
  readonly key: string;
}

export interface ReceivedProposal {
  readonly proposal: SignedProposal;
  readonly value: ConsensusValue;
}

export interface RoundMessages {
  readonly round: number;
  readonly prevotes: VoteSet;
  readonly precommits: VoteSet;
  /** From the round's proposer, distinct block hashes, in arrival order. */
  readonly proposals: readonly ReceivedProposal[];
  /** Power of the validators with a counted prevote or precommit in this round. */
  readonly voterPower: number;
}

export function emptyRound(round: number, validatorCount: number): RoundMessages {
  return { round, prevotes: emptyVoteSet('prevote', round, validatorCount), precommits: emptyVoteSet('precommit', round, validatorCount), proposals: [], voterPower: 0 };
}

export function valueOfProposal(p: SignedProposal): ConsensusValue {
  return { block: p.block, blockHash: p.blockHash, key: valueKey(p.blockHash) };
}

export type AddRoundVoteResult =
  | { readonly outcome: 'added'; readonly round: RoundMessages }
  | { readonly outcome: 'ignored' }
  | { readonly outcome: 'conflict'; readonly round: RoundMessages; readonly evidence: DuplicateVoteEvidence };

export function addRoundVote(rm: RoundMessages, vote: SignedVote, powers: readonly number[]): AddRoundVoteResult {
  const isPrevote = vote.type === 'prevote';
  const own = isPrevote ? rm.prevotes : rm.precommits;
  const other = isPrevote ? rm.precommits : rm.prevotes;
  const r = addVote(own, vote, powers);
  if (r.outcome === 'ignored') return r;
  const withSet = isPrevote ? { ...rm, prevotes: r.set } : { ...rm, precommits: r.set };
  if (r.outcome === 'conflict') return { outcome: 'conflict', round: withSet, evidence: r.evidence };
  // A conflicting vote credited to its value: the validator was already among the round's voters.
  if (r.outcome === 'credited') return { outcome: 'added', round: withSet };
  // A validator's power joins the round's voters with its first counted vote of either type.
  const voterPower = other.votes[vote.validator] === undefined ? rm.voterPower + powers[vote.validator]! : rm.voterPower;
  return { outcome: 'added', round: { ...withSet, voterPower } };
}

/** The round with `p` added, or undefined when it is a repeat or the round holds its maximum. */
export function addRoundProposal(rm: RoundMessages, p: SignedProposal): RoundMessages | undefined {
  const value = valueOfProposal(p);
  if (rm.proposals.some((x) => x.value.key === value.key) || rm.proposals.length >= MAX_PROPOSALS_PER_ROUND) return undefined;
  return { ...rm, proposals: [...rm.proposals, { proposal: p, value }] };
}

/** True when validator `i` has a counted vote or a proposal in this round. */
export function hasMessageFrom(rm: RoundMessages, i: number): boolean {
  return rm.prevotes.votes[i] !== undefined || rm.precommits.votes[i] !== undefined || rm.proposals.some((p) => p.proposal.proposer === i);
}

export function proposalWithKey(rm: RoundMessages, key: string): ReceivedProposal | undefined {
  return rm.proposals.find((p) => p.value.key === key);
}
