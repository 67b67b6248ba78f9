/**
 * Round timeouts (Algorithm 1's timeoutPropose/Prevote/Precommit(round)). They grow linearly with
 * the round so that, after GST, some round is long enough for every honest node to hear everyone:
 *   duration(step, round) = <step>Ms + round * <step>DeltaMs
 * The values are network-wide consensus parameters from genesis. `commitMs` is not used by the core:
 * it is the driver's pause between `decide` and `start-height` (CometBFT's timeout_commit).
 */
import type { ConsensusTimeouts } from '../../genesis/genesis-types.ts';
import type { RoundStep } from './messages.ts';

export function timeoutDuration(timeouts: ConsensusTimeouts, step: RoundStep, round: number): number {
  switch (step) {
    case 'propose':
      return timeouts.proposeMs + round * timeouts.proposeDeltaMs;
    case 'prevote':
      return timeouts.prevoteMs + round * timeouts.prevoteDeltaMs;
    case 'precommit':
      return timeouts.precommitMs + round * timeouts.precommitDeltaMs;
  }
}
