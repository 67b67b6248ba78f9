/**
 * Consensus messages (Tendermint): proposals carrying a full block, prevotes and precommits, the
 * commit of a height (+2/3 precommits for one block in one round) and duplicate-vote evidence.
 * Validators are named by their index in the validator set (genesis order), so a commit costs one
 * small integer per signer instead of a 32-byte key.
 */
import type { Block } from '../block/block.ts';

export const VOTE_TYPES = ['prevote', 'precommit'] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

/** Steps of a round, in order; the signer never signs at or below the last (height, round, step). */
export const ROUND_STEPS = ['propose', 'prevote', 'precommit'] as const;
export type RoundStep = (typeof ROUND_STEPS)[number];

export interface Vote {
  readonly type: VoteType;
  readonly height: number;
  readonly round: number;
  /** The block voted for; null is a vote for nil. */
  readonly blockHash: Uint8Array | null;
  /** Index of the voter in the validator set. */
  readonly validator: number;
}

export interface SignedVote extends Vote {
  readonly signature: Uint8Array;
}

export interface Proposal {
  readonly height: number;
  readonly round: number;
  /** The round in which this block got a polka (+2/3 prevotes), or -1 (Algorithm 1's validRound). */
  readonly validRound: number;
  readonly block: Block;
  /** Hash of `block` (what the signature covers, with the fields above). */
  readonly blockHash: Uint8Array;
  /** Index of the proposer in the validator set. */
  readonly proposer: number;
}

export interface SignedProposal extends Proposal {
  readonly signature: Uint8Array;
}

/** +2/3 of the voting power precommitted `blockHash` in `round` of `height`. */
export interface Commit {
  readonly height: number;
  readonly round: number;
  readonly blockHash: Uint8Array;
  /** One entry per signer, sorted by validator index, no duplicates. */
  readonly signatures: readonly { readonly validator: number; readonly signature: Uint8Array }[];
}

/** Two votes of one validator for the same height, round and type, for different blocks. */
export interface DuplicateVoteEvidence {
  readonly a: SignedVote;
  readonly b: SignedVote;
}
