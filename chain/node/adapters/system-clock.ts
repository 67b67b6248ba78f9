/** The real wall clock (Date.now, ms since the epoch) behind the Clock port. */
import type { Clock } from '../../ports/clock.ts';

export function systemClock(): Clock {
  return { now: () => Date.now() };
}
