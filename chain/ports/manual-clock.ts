/**
 * The deterministic twin of `Clock`: time moves only when a test says so. It never goes backwards,
 * because `ManualTimers` orders its callbacks by this clock; skew between nodes is modelled by
 * giving each node its own offset over a shared clock, not by rewinding one.
 */
import type { Clock } from './clock.ts';

export class ManualClock implements Clock {
  #now: number;

  constructor(startMs = 0) {
    checkTime(startMs);
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Moves to `ms`; RangeError if that is in the past. */
  set(ms: number): void {
    checkTime(ms);
    if (ms < this.#now) throw new RangeError(`ManualClock cannot go back from ${this.#now} to ${ms}`);
    this.#now = ms;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`ManualClock advances by a finite non-negative amount, got ${ms}`);
    this.#now += ms;
  }
}

function checkTime(ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`not a finite time: ${ms}`);
}
