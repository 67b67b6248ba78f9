/**
 * Algorithm 1 lines 55-56: upon f + 1 ⟨∗, h_p, round, ∗, ∗⟩ with round > round_p, StartRound(round).
 * Counted over prevotes and precommits (as CometBFT; proposals do not count): more than 1/3 of the
 * power voting in a higher round includes an honest validator, so that round is really under way.
 * When several higher rounds qualify, the highest is taken.
 */
import type { ConsensusEffect } from './step-types.ts';
import type { ConsensusState } from './consensus-state.ts';
import { startRound } from './start-round.ts';

export function skipToHigherRound(s: ConsensusState, out: ConsensusEffect[]): ConsensusState | undefined {
  let target = -1;
  for (const [round, rm] of s.rounds) {
    if (round > s.round && round > target && rm.voterPower >= s.thresholds.skip) target = round;
  }
  return target === -1 ? undefined : startRound(s, target, out);
}
