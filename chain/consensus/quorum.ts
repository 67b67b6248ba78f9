/**
 * Voting-power thresholds of Tendermint. With total power n = 3f + 1 + slack, "2f + 1" is more than
 * 2/3 of the power and "f + 1" more than 1/3, so the rules hold for any power distribution:
 *   quorum = floor(2 * total / 3) + 1   (99 equal validators: 67; the Hub's 100: 67)
 *   skip   = floor(total / 3) + 1       (99 equal validators: 34) — at least one honest voter.
 */
import type { ValidatorInfo } from './step-types.ts';

export interface VotingThresholds {
  /** Voting power of each validator, by index. */
  readonly powers: readonly number[];
  readonly total: number;
  /** More than 2/3 of `total`: Algorithm 1's 2f + 1. */
  readonly quorum: number;
  /** More than 1/3 of `total`: Algorithm 1's f + 1 (round skip). */
  readonly skip: number;
}

export function totalPower(validators: readonly ValidatorInfo[]): number {
  let sum = 0;
  for (const v of validators) sum += v.power;
  return sum;
}

export function quorumThreshold(total: number): number {
  return Math.floor((2 * total) / 3) + 1;
}

export function skipThreshold(total: number): number {
  return Math.floor(total / 3) + 1;
}

/** Throws RangeError on an empty set or a power that is not a positive safe integer. */
export function votingThresholds(validators: readonly ValidatorInfo[]): VotingThresholds {
  if (validators.length === 0) throw new RangeError('the validator set is empty');
  for (const [i, v] of validators.entries()) {
    if (!Number.isSafeInteger(v.power) || v.power <= 0) throw new RangeError(`validator ${i}: power must be a positive safe integer`);
  }
  const total = totalPower(validators);
  // 2 * total must stay exact: genesis caps the total at 2^50.
  if (!Number.isSafeInteger(2 * total)) throw new RangeError('total voting power is too large');
  return Object.freeze({ powers: Object.freeze(validators.map((v) => v.power)), total, quorum: quorumThreshold(total), skip: skipThreshold(total) });
}
