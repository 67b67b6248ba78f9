/** Algorithm 1 lines 57-67: OnTimeoutPropose, OnTimeoutPrevote, OnTimeoutPrecommit. */
import type { RoundStep } from './messages.ts';
import type { ConsensusEffect } from './step-types.ts';
import type { ConsensusState } from './consensus-state.ts';
import { emitVote } from './emit.ts';
import { startRound } from './start-round.ts';

/** Returns undefined when the timeout is stale (another height, round or step: the guards of lines 58, 62, 66). */
export function onTimeout(s: ConsensusState, height: number, round: number, step: RoundStep, out: ConsensusEffect[]): ConsensusState | undefined {
  if (!s.started || s.decision !== null || height !== s.height || round !== s.round) return undefined;
  switch (step) {
    case 'propose':
      // Lines 57-60: no usable proposal in time: prevote nil.
      if (s.step !== 'propose') return undefined;
      emitVote(s, out, 'prevote', null);
      return { ...s, step: 'prevote' };
    case 'prevote':
      // Lines 61-64: +2/3 prevotes but no polka in time: precommit nil.
      if (s.step !== 'prevote') return undefined;
      emitVote(s, out, 'precommit', null);
      return { ...s, step: 'precommit' };
    case 'precommit':
      // Lines 65-67: +2/3 precommits but no decision in time: next round (any step).
      return startRound(s, s.round + 1, out);
  }
}
