/** Effects the rules emit, built in one place so a full node (no own index) never signs. */
import type { RoundStep, VoteType } from './messages.ts';
import type { ConsensusEffect } from './step-types.ts';
import type { ConsensusState } from './consensus-state.ts';
import { timeoutDuration } from './timeouts.ts';

/** Algorithm 1's "broadcast ⟨PREVOTE|PRECOMMIT, h_p, round_p, id⟩": ask the driver to sign it. */
export function emitVote(s: ConsensusState, out: ConsensusEffect[], type: VoteType, blockHash: Uint8Array | null): void {
  const validator = s.params.ownIndex;
  if (validator === null) return;
  out.push({ kind: 'sign-vote', vote: { type, height: s.height, round: s.round, blockHash, validator } });
}

/** "schedule OnTimeout<Step>(h_p, round_p) to be executed after timeout<Step>(round_p)". */
export function emitTimeout(s: ConsensusState, out: ConsensusEffect[], step: RoundStep): void {
  out.push({ kind: 'schedule-timeout', height: s.height, round: s.round, step, durationMs: timeoutDuration(s.params.timeouts, step, s.round) });
}
