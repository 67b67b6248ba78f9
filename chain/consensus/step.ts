/**
 * The consensus core: `step(state, input) -> { state, effects }`, Algorithm 1 of "The latest gossip
 * on BFT consensus" (Buchman, Kwon, Milosevic, 2018) as a pure function. No clock, no I/O, no
 * randomness: the driver performs the effects and feeds back their results as inputs (see
 * step-types.ts and README.md). The input state is never modified.
 */
import type { ConsensusEffect, ConsensusInput, StepResult } from './step-types.ts';
import type { ConsensusState } from './consensus-state.ts';
import { onBlockChecked, onOwnBlock } from './local-inputs.ts';
import { onTimeout } from './on-timeout.ts';
import { onProposal, onVote } from './receive-messages.ts';
import { applyRules } from './rules.ts';
import { onStartHeight } from './start-height.ts';

export function step(state: ConsensusState, input: ConsensusInput): StepResult<ConsensusState> {
  const effects: ConsensusEffect[] = [];
  const next = dispatch(state, input, effects);
  return { state: next, effects };
}

function dispatch(s: ConsensusState, input: ConsensusInput, out: ConsensusEffect[]): ConsensusState {
  switch (input.kind) {
    case 'start-height':
      return onStartHeight(s, input.height, out, dispatch);
    case 'proposal':
      return onProposal(s, input.proposal, out);
    case 'vote':
      return onVote(s, input.vote, out);
    case 'block-checked':
      return onBlockChecked(s, input.height, input.blockHash, input.valid, out);
    case 'timeout': {
      const next = onTimeout(s, input.height, input.round, input.step, out);
      return next === undefined ? s : applyRules(next, out);
    }
    case 'own-block':
      return onOwnBlock(s, input.height, input.round, input.block, out);
  }
}
