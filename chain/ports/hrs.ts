/**
 * A (height, round, step) position in consensus, ordered height, then round, then step
 * (propose < prevote < precommit, as ROUND_STEPS lists them). The signer never signs below the
 * last position it signed.
 */
import { ROUND_STEPS, type RoundStep } from '../consensus/messages.ts';

export interface Hrs {
  readonly height: number;
  readonly round: number;
  readonly step: RoundStep;
}

/** Negative when a is before b, 0 when equal, positive when after. */
export function compareHrs(a: Hrs, b: Hrs): number {
  return a.height - b.height || a.round - b.round || ROUND_STEPS.indexOf(a.step) - ROUND_STEPS.indexOf(b.step);
}

/** RangeError unless height and round are non-negative safe integers and step is a round step. */
export function checkHrs(hrs: Hrs): void {
  const ok = Number.isSafeInteger(hrs.height) && hrs.height >= 0 && Number.isSafeInteger(hrs.round) && hrs.round >= 0 && ROUND_STEPS.includes(hrs.step);
  if (!ok) throw new RangeError(`not a valid (height, round, step): ${JSON.stringify(hrs)}`);
}
