/**
 * The contract between the pure consensus core (`step`) and the node driver that performs I/O.
 *
 * The driver checks every signature before a message becomes an input (so `step` never verifies),
 * answers `check-block` with `block-checked` and `build-block` with `own-block`, signs what
 * `sign-*` effects ask (persisting the signer's last (height, round, step) first), broadcasts the
 * signed message AND feeds it back as an input (a node receives its own messages, as in the paper),
 * schedules timeouts and feeds them back when they fire, stores decided blocks with their commit,
 * then starts the next height. Everything is deterministic: no clock, no I/O, no randomness.
 */
import type { Block } from '../block/block.ts';
import type { ConsensusTimeouts } from '../../genesis/genesis-types.ts';
import type { Commit, DuplicateVoteEvidence, Proposal, RoundStep, SignedProposal, SignedVote, Vote } from './messages.ts';

export interface ValidatorInfo {
  readonly publicKey: Uint8Array;
  readonly power: number;
}

export interface ConsensusParams {
  /** The validator set, in genesis order (indices in messages refer to it). */
  readonly validators: readonly ValidatorInfo[];
  /** This node's index, or null for a full node that follows without voting. */
  readonly ownIndex: number | null;
  readonly timeouts: ConsensusTimeouts;
}

export type ConsensusInput =
  /** Enter `height` at round 0 (after the previous height's block is stored). */
  | { readonly kind: 'start-height'; readonly height: number }
  | { readonly kind: 'proposal'; readonly proposal: SignedProposal }
  /** The driver's verdict on a block `check-block` asked about (header, last commit, txs executable). */
  | { readonly kind: 'block-checked'; readonly height: number; readonly blockHash: Uint8Array; readonly valid: boolean }
  | { readonly kind: 'vote'; readonly vote: SignedVote }
  | { readonly kind: 'timeout'; readonly height: number; readonly round: number; readonly step: RoundStep }
  /** The block the driver built when `build-block` asked for one. */
  | { readonly kind: 'own-block'; readonly height: number; readonly round: number; readonly block: Block };

export type ConsensusEffect =
  /** This node proposes in (height, round) and has no valid value to re-propose: build a block. */
  | { readonly kind: 'build-block'; readonly height: number; readonly round: number }
  /** Validate this proposed block once; answer with `block-checked`. */
  | { readonly kind: 'check-block'; readonly height: number; readonly block: Block; readonly blockHash: Uint8Array }
  | { readonly kind: 'sign-proposal'; readonly proposal: Proposal }
  | { readonly kind: 'sign-vote'; readonly vote: Vote }
  | { readonly kind: 'schedule-timeout'; readonly height: number; readonly round: number; readonly step: RoundStep; readonly durationMs: number }
  /** The height is decided: store `block` with `commit`, then send `start-height` for height + 1. */
  | { readonly kind: 'decide'; readonly height: number; readonly round: number; readonly block: Block; readonly commit: Commit }
  | { readonly kind: 'evidence'; readonly evidence: DuplicateVoteEvidence };

export interface StepResult<S> {
  readonly state: S;
  readonly effects: readonly ConsensusEffect[];
}
