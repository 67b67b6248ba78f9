/** NODE-ONLY in spirit: the real wall clock behind the Clock port. */
import type { Clock } from '../../ports/clock.ts';

export function systemClock(): Clock {
  return { now: () => Date.now() };
}
