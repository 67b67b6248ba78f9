/**
 * Admission of proposals and votes (the driver already checked their signatures). What is
 * ignored, and why:
 *   - another height: height + 1 is buffered (next-height-buffer.ts), anything else dropped;
 *   - anything once this height is decided;
 *   - a sender index outside the validator set, a negative or non-integer round;
 *   - a proposal not from proposer(h, round), with validRound outside [-1, round), or whose
 *     blockHash is not the hash of its block's header;
 *   - a repeat, or a proposal beyond MAX_PROPOSALS_PER_ROUND distinct blocks in a round;
 *   - a message for a round above round_p + 1 from a sender that already has messages in
 *     MAX_FUTURE_ROUNDS_PER_SENDER such rounds (bounds memory; honest nodes move one round at a
 *     time, and the driver's gossip re-sends what a node needs after a skip).
 */
import { blockHash } from '../block/block-codec.ts';
import { bytesEqual } from '../codec/bytes.ts';
import type { SignedProposal, SignedVote } from './messages.ts';
import type { ConsensusEffect } from './step-types.ts';
import { roundOf, withRound, type ConsensusState } from './consensus-state.ts';
import { bufferNextHeight } from './next-height-buffer.ts';
import { proposerFor } from './proposer.ts';
import { addRoundProposal, addRoundVote, hasMessageFrom, valueOfProposal } from './round-messages.ts';
import { applyRules } from './rules.ts';

export const MAX_FUTURE_ROUNDS_PER_SENDER = 2;

function isRound(r: number): boolean {
  return Number.isSafeInteger(r) && r >= 0;
}

function isValidatorIndex(s: ConsensusState, i: number): boolean {
  return Number.isInteger(i) && i >= 0 && i < s.params.validators.length;
}

/** Whether `sender` may add a message to `round` (see the file comment). */
function admitsRound(s: ConsensusState, sender: number, round: number): boolean {
  if (round <= s.round + 1) return true;
  const existing = s.rounds.get(round);
  if (existing !== undefined && hasMessageFrom(existing, sender)) return true;
  let occupied = 0;
  for (const [r, rm] of s.rounds) if (r > s.round + 1 && hasMessageFrom(rm, sender)) occupied++;
  return occupied < MAX_FUTURE_ROUNDS_PER_SENDER;
}

export function onProposal(s: ConsensusState, p: SignedProposal, out: ConsensusEffect[]): ConsensusState {
  if (!isRound(p.round) || !isValidatorIndex(s, p.proposer)) return s;
  if (p.height === s.height + 1) return { ...s, nextHeight: bufferNextHeight(s.nextHeight, { kind: 'proposal', proposal: p }) };
  if (p.height !== s.height || s.decision !== null) return s;
  if (!Number.isSafeInteger(p.validRound) || p.validRound < -1 || p.validRound >= p.round) return s;
  if (p.proposer !== proposerFor(s.params.validators, s.height, p.round)) return s;
  if (!admitsRound(s, p.proposer, p.round)) return s;
  const rm = addRoundProposal(roundOf(s, p.round), p);
  if (rm === undefined || !bytesEqual(blockHash(p.block.header), p.blockHash)) return s;
  let next = withRound(s, rm);
  const key = valueOfProposal(p).key;
  if (!next.verdicts.has(key)) {
    // Ask once per block hash; the rules that need valid(v) wait for `block-checked`.
    out.push({ kind: 'check-block', height: s.height, block: p.block, blockHash: p.blockHash });
    next = { ...next, verdicts: new Map(next.verdicts).set(key, 'pending') };
  }
  return applyRules(next, out);
}

export function onVote(s: ConsensusState, v: SignedVote, out: ConsensusEffect[]): ConsensusState {
  if (!isRound(v.round) || !isValidatorIndex(s, v.validator)) return s;
  if (v.height === s.height + 1) return { ...s, nextHeight: bufferNextHeight(s.nextHeight, { kind: 'vote', vote: v }) };
  if (v.height !== s.height) return s;
  // After the decision only late precommits of the deciding round are kept (for the fuller commit,
  // see full-commit.ts); no rule runs any more.
  if (s.decision !== null && (v.type !== 'precommit' || v.round !== s.decision.round)) return s;
  if (!admitsRound(s, v.validator, v.round)) return s;
  const r = addRoundVote(roundOf(s, v.round), v, s.thresholds.powers);
  if (r.outcome === 'ignored') return s;
  // A conflicting vote is reported, and credited to its value (vote-set.ts says why), so the rules run too.
  if (r.outcome === 'conflict') out.push({ kind: 'evidence', evidence: r.evidence });
  if (s.decision !== null) return withRound(s, r.round);
  return applyRules(withRound(s, r.round), out);
}
