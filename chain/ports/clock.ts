/**
 * Wall-clock time for the node (block timestamps, log lines). A port so that tests and the
 * simulator run on a `ManualClock` and replay exactly; the real one is `systemClock()` in
 * chain/node/adapters. Timeouts never read the clock directly: they go through `Timers`.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch (a `ManualClock` starts wherever the test puts it). */
  now(): number;
}
