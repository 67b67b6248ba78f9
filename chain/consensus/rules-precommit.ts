/** Algorithm 1 lines 47-54: what +2/3 precommits trigger. */
import type { Commit } from './messages.ts';
import type { ConsensusEffect } from './step-types.ts';
import { hasFired, knownValue, markFired, ONCE_RULES, type ConsensusState } from './consensus-state.ts';
import { emitTimeout } from './emit.ts';
import { hasQuorumAny, NIL_KEY, quorumValueKey, votesFor } from './vote-set.ts';

/** Lines 47-48: upon 2f + 1 ⟨PRECOMMIT, h_p, round_p, ∗⟩ for the first time (in any step). */
export function schedulePrecommitTimeout(s: ConsensusState, out: ConsensusEffect[]): ConsensusState | undefined {
  if (hasFired(s, ONCE_RULES.precommitTimeout, s.round)) return undefined;
  const rm = s.rounds.get(s.round);
  if (rm === undefined || !hasQuorumAny(rm.precommits, s.thresholds.quorum)) return undefined;
  emitTimeout(s, out, 'precommit');
  return markFired(s, ONCE_RULES.precommitTimeout, s.round);
}

/**
 * Lines 49-54: upon ⟨PROPOSAL, h_p, r, v, ∗⟩ AND 2f + 1 ⟨PRECOMMIT, h_p, r, id(v)⟩ while
 * decision_p[h_p] = nil, for ANY round r (earlier, current or later): if valid(v), decide v.
 * The block may come from the proposal of any round of this height (a re-proposal carries the
 * same block): safety rests on the precommits, the proposal only supplies v. Lines 52-54 (next
 * height, reset, StartRound(0)) happen when the driver, having stored the block, sends
 * `start-height`.
 */
export function decideOnCommit(s: ConsensusState, out: ConsensusEffect[]): ConsensusState | undefined {
  if (s.decision !== null) return undefined;
  for (const rm of s.rounds.values()) {
    const key = quorumValueKey(rm.precommits, s.thresholds.quorum);
    if (key === undefined || key === NIL_KEY || s.verdicts.get(key) !== 'valid') continue;
    const value = knownValue(s, key);
    if (value === undefined) continue;
    const signatures = votesFor(rm.precommits, value.blockHash).map((v) => ({ validator: v.validator, signature: v.signature }));
    const commit: Commit = { height: s.height, round: rm.round, blockHash: value.blockHash, signatures };
    out.push({ kind: 'decide', height: s.height, round: rm.round, block: value.block, commit });
    return { ...s, decision: { round: rm.round, value, commit } };
  }
  return undefined;
}
