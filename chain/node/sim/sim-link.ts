/**
 * How one directed link of the simulated network behaves. Each copy of a message takes
 * `baseDelayMs + U[0, jitterMs)`; jitter is what reorders messages on a link. A copy is lost with
 * probability `dropRate`, and a message is sent twice with probability `duplicateRate` (the
 * second copy with its own delay and its own chance of loss).
 */
export interface SimLinkConfig {
  readonly baseDelayMs: number;
  readonly jitterMs: number;
  readonly dropRate: number;
  readonly duplicateRate: number;
}

export const DEFAULT_SIM_LINK: SimLinkConfig = Object.freeze({ baseDelayMs: 10, jitterMs: 10, dropRate: 0, duplicateRate: 0 });

/** `base` with `patch` applied, checked (RangeError on a negative delay or a rate outside [0, 1]). */
export function simLink(base: SimLinkConfig, patch: Partial<SimLinkConfig>): SimLinkConfig {
  const link = { ...base, ...patch };
  const delayOk = (x: number): boolean => Number.isFinite(x) && x >= 0;
  const rateOk = (x: number): boolean => x >= 0 && x <= 1;
  if (!delayOk(link.baseDelayMs) || !delayOk(link.jitterMs) || !rateOk(link.dropRate) || !rateOk(link.duplicateRate)) {
    throw new RangeError(`bad simulated link: ${JSON.stringify(link)}`);
  }
  return Object.freeze(link);
}
