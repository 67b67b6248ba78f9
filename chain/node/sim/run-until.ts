/**
 * Advances simulated time one event (timer or delivery) at a time until `predicate` holds,
 * checking it after every event, so a test stops exactly when e.g. every node decided.
 */
import type { ManualTimers } from '../../ports/manual-timers.ts';

export interface RunUntilOptions {
  /** Fails loudly past this many events: a livelock (timers rescheduling at zero delay) otherwise never ends. */
  readonly maxEvents?: number;
}

/**
 * True as soon as `predicate()` holds (possibly before any event). False when `maxTimeMs` of
 * simulated time passed without it, the clock then standing at that deadline.
 */
export function runUntil(timers: ManualTimers, predicate: () => boolean, maxTimeMs: number, options: RunUntilOptions = {}): boolean {
  if (!Number.isFinite(maxTimeMs) || maxTimeMs < 0) throw new RangeError(`maxTimeMs must be finite and >= 0, got ${maxTimeMs}`);
  const maxEvents = options.maxEvents ?? 50_000_000;
  const deadline = timers.clock.now() + maxTimeMs;
  if (predicate()) return true;
  for (let events = 0; timers.runNext(deadline); ) {
    if (predicate()) return true;
    if (++events >= maxEvents) throw new Error(`runUntil: ${maxEvents} events without reaching the goal by t=${timers.clock.now()}`);
  }
  timers.clock.set(deadline);
  return false;
}
