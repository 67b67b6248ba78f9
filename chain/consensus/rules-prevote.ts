/** Algorithm 1 lines 34-46: what +2/3 prevotes of the current round trigger. */
import type { ConsensusEffect } from './step-types.ts';
import { hasFired, markFired, ONCE_RULES, type ConsensusState } from './consensus-state.ts';
import { emitTimeout, emitVote } from './emit.ts';
import { proposalWithKey } from './round-messages.ts';
import { hasQuorumAny, NIL_KEY, powerFor, quorumValueKey } from './vote-set.ts';

/** Lines 34-35: upon 2f + 1 ⟨PREVOTE, h_p, round_p, ∗⟩ while step_p = prevote for the first time. */
export function schedulePrevoteTimeout(s: ConsensusState, out: ConsensusEffect[]): ConsensusState | undefined {
  if (s.step !== 'prevote' || hasFired(s, ONCE_RULES.prevoteTimeout, s.round)) return undefined;
  const rm = s.rounds.get(s.round);
  if (rm === undefined || !hasQuorumAny(rm.prevotes, s.thresholds.quorum)) return undefined;
  emitTimeout(s, out, 'prevote');
  return markFired(s, ONCE_RULES.prevoteTimeout, s.round);
}

/**
 * Lines 36-43: upon ⟨PROPOSAL, h_p, round_p, v, ∗⟩ AND 2f + 1 ⟨PREVOTE, h_p, round_p, id(v)⟩ while
 * valid(v) ∧ step_p ≥ prevote for the first time: lock and precommit v if still in the prevote
 * step, and in any case remember v as the valid value.
 */
export function lockOnPolka(s: ConsensusState, out: ConsensusEffect[]): ConsensusState | undefined {
  if (s.step === 'propose' || hasFired(s, ONCE_RULES.polka, s.round)) return undefined;
  const rm = s.rounds.get(s.round);
  if (rm === undefined) return undefined;
  const key = quorumValueKey(rm.prevotes, s.thresholds.quorum);
  if (key === undefined || key === NIL_KEY) return undefined;
  const received = proposalWithKey(rm, key);
  if (received === undefined || s.verdicts.get(key) !== 'valid') return undefined;
  const v = received.value;
  let next = markFired(s, ONCE_RULES.polka, s.round);
  if (s.step === 'prevote') {
    // Lines 37-41.
    emitVote(s, out, 'precommit', v.blockHash);
    next = { ...next, lockedValue: v, lockedRound: s.round, step: 'precommit' };
  }
  // Lines 42-43.
  return { ...next, validValue: v, validRound: s.round };
}

/** Lines 44-46: upon 2f + 1 ⟨PREVOTE, h_p, round_p, nil⟩ while step_p = prevote. */
export function precommitNilOnNilPolka(s: ConsensusState, out: ConsensusEffect[]): ConsensusState | undefined {
  if (s.step !== 'prevote') return undefined;
  const rm = s.rounds.get(s.round);
  if (rm === undefined || powerFor(rm.prevotes, null) < s.thresholds.quorum) return undefined;
  emitVote(s, out, 'precommit', null);
  return { ...s, step: 'precommit' };
}
