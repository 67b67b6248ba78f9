/**
 * The real Timers port over setTimeout (which counts on a monotonic clock, so wall-clock jumps do
 * not fire or delay timeouts). Pending timers keep the process alive; the node cancels them on stop.
 */
import type { CancelTimer, Timers } from '../../ports/timers.ts';

export function systemTimers(): Timers {
  return {
    schedule(delayMs: number, callback: () => void): CancelTimer {
      if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`timer delay must be finite and >= 0, got ${delayMs}`);
      const handle = setTimeout(callback, delayMs);
      return () => clearTimeout(handle);
    },
  };
}
