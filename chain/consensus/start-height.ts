/**
 * `start-height`: Algorithm 1 line 10 ("upon start do StartRound(0)") for the first height, and
 * lines 52-54 (next height, reset of the lock and valid value, StartRound(0)) afterwards. The
 * driver sends it once the previous block is stored (or synced): a height above the current one
 * is accepted even without a decision here. Buffered messages of the new height are then replayed.
 */
import type { ConsensusEffect, ConsensusInput } from './step-types.ts';
import { freshHeight, type ConsensusState } from './consensus-state.ts';
import { applyRules } from './rules.ts';
import { startRound } from './start-round.ts';

export function onStartHeight(
  s: ConsensusState,
  height: number,
  out: ConsensusEffect[],
  replay: (s: ConsensusState, input: ConsensusInput, out: ConsensusEffect[]) => ConsensusState,
): ConsensusState {
  if (!Number.isSafeInteger(height) || height < s.height || (height === s.height && s.started)) return s;
  const buffered = height === s.height + 1 ? s.nextHeight : [];
  const fresh = height === s.height ? { ...s, started: true } : freshHeight(s.params, s.thresholds, height, true);
  let next = applyRules(startRound(fresh, 0, out), out);
  for (const m of buffered) next = replay(next, m, out);
  return next;
}
