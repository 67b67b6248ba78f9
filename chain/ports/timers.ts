/**
 * One-shot timers (consensus round timeouts, gossip retries). A port so that the simulator and
 * tests fire them from a `ManualClock` in a fixed order (`ManualTimers`); the real one is
 * `systemTimers()` in chain/node/adapters.
 */

/** Cancels the timer; harmless when it already fired or was cancelled. */
export type CancelTimer = () => void;

export interface Timers {
  /** Runs `callback` once, `delayMs` (finite, >= 0) from now, unless cancelled first. */
  schedule(delayMs: number, callback: () => void): CancelTimer;
}
