/**
 * Runs Algorithm 1's "upon" rules to a fixed point after every input. The paper lets any enabled
 * rule fire; a fixed order keeps the core deterministic and picks the most useful first: decide,
 * then progress in the current round (a polka before the prevote timeout it would make useless),
 * then the round skip. Each firing changes the step, a lock, a "first time" flag, the round or the
 * decision, so the loop ends.
 */
import type { ConsensusEffect } from './step-types.ts';
import type { ConsensusState } from './consensus-state.ts';
import { prevoteOnProposal } from './rules-propose.ts';
import { lockOnPolka, precommitNilOnNilPolka, schedulePrevoteTimeout } from './rules-prevote.ts';
import { decideOnCommit, schedulePrecommitTimeout } from './rules-precommit.ts';
import { skipToHigherRound } from './rules-round-skip.ts';

type Rule = (s: ConsensusState, out: ConsensusEffect[]) => ConsensusState | undefined;

const RULES: readonly Rule[] = [
  decideOnCommit, // lines 49-54
  prevoteOnProposal, // lines 22-33
  lockOnPolka, // lines 36-43
  precommitNilOnNilPolka, // lines 44-46
  schedulePrevoteTimeout, // lines 34-35
  schedulePrecommitTimeout, // lines 47-48
  skipToHigherRound, // lines 55-56
];

export function applyRules(state: ConsensusState, out: ConsensusEffect[]): ConsensusState {
  let s = state;
  for (;;) {
    if (!s.started || s.decision !== null) return s;
    let fired: ConsensusState | undefined;
    for (const rule of RULES) {
      fired = rule(s, out);
      if (fired !== undefined) break;
    }
    if (fired === undefined) return s;
    s = fired;
  }
}
