/**
 * Algorithm 1 lines 22-33: the first prevote of a round, upon the round's proposal, while
 * step = propose. A proposal whose block has no verdict yet waits for `block-checked`, unless the
 * lock already forces a nil prevote (lines 25-26 / 31-32 need no verdict then).
 */
import type { ConsensusEffect } from './step-types.ts';
import type { ConsensusState } from './consensus-state.ts';
import type { ConsensusValue } from './round-messages.ts';
import { emitVote } from './emit.ts';
import { hasQuorumFor } from './vote-set.ts';

/** true: prevote the value; false: prevote nil; undefined: cannot tell yet. */
type Choice = boolean | undefined;

function validity(s: ConsensusState, value: ConsensusValue): Choice {
  const verdict = s.verdicts.get(value.key);
  return verdict === 'valid' ? true : verdict === 'invalid' ? false : undefined;
}

/** Line 23: valid(v) ∧ (lockedRound_p = −1 ∨ lockedValue_p = v). */
function choiceWithoutPolka(s: ConsensusState, value: ConsensusValue): Choice {
  if (s.lockedRound !== -1 && s.lockedValue?.key !== value.key) return false;
  return validity(s, value);
}

/** Line 28's 2f + 1 ⟨PREVOTE, h_p, vr, id(v)⟩, then line 29: valid(v) ∧ (lockedRound_p ≤ vr ∨ lockedValue_p = v). */
function choiceWithPolka(s: ConsensusState, value: ConsensusValue, validRound: number): Choice {
  const polka = s.rounds.get(validRound);
  if (polka === undefined || !hasQuorumFor(polka.prevotes, value.blockHash, s.thresholds.quorum)) return undefined;
  if (s.lockedRound > validRound && s.lockedValue?.key !== value.key) return false;
  return validity(s, value);
}

export function prevoteOnProposal(s: ConsensusState, out: ConsensusEffect[]): ConsensusState | undefined {
  if (s.step !== 'propose') return undefined;
  const rm = s.rounds.get(s.round);
  if (rm === undefined) return undefined;
  for (const { proposal, value } of rm.proposals) {
    // Lines 22-27 (validRound = −1) or lines 28-33 (0 ≤ validRound < round_p, checked on receipt).
    const choice = proposal.validRound === -1 ? choiceWithoutPolka(s, value) : choiceWithPolka(s, value, proposal.validRound);
    if (choice === undefined) continue;
    // Lines 24/30 (id(v)) or 26/32 (nil), then 27/33.
    emitVote(s, out, 'prevote', choice ? value.blockHash : null);
    return { ...s, step: 'prevote' };
  }
  return undefined;
}
