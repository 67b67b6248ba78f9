/** Algorithm 1 lines 11-21: StartRound(round). */
import type { ConsensusEffect } from './step-types.ts';
import type { ConsensusState } from './consensus-state.ts';
import { emitTimeout } from './emit.ts';
import { proposerFor } from './proposer.ts';

export function startRound(s: ConsensusState, round: number, out: ConsensusEffect[]): ConsensusState {
  // Lines 12-13.
  let next: ConsensusState = { ...s, round, step: 'propose', awaitingBlock: null };
  const proposer = proposerFor(s.params.validators, s.height, round);
  if (proposer === s.params.ownIndex) {
    const valid = s.validValue;
    if (valid !== null) {
      // Lines 15-16 and 19: re-propose validValue_p with validRound_p.
      const proposal = { height: s.height, round, validRound: s.validRound, block: valid.block, blockHash: valid.blockHash, proposer };
      out.push({ kind: 'sign-proposal', proposal });
    } else {
      // Line 18: getValue() is asynchronous here; the block comes back as `own-block`.
      out.push({ kind: 'build-block', height: s.height, round });
      next = { ...next, awaitingBlock: round };
    }
  }
  // Line 21. The proposer schedules it too (as CometBFT does), so a driver that never answers
  // `build-block` cannot hold the proposer in the propose step; it is harmless otherwise, because
  // the proposer leaves the propose step as soon as its own proposal comes back.
  emitTimeout(next, out, 'propose');
  return next;
}
