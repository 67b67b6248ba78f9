/**
 * The bounds every DAO parameter set must meet, at genesis and in a `set-dao-params` action:
 * shares are permille in 1..1000 (threshold 1..999: yes can never be strictly above 100%),
 * 1 <= minVotingPeriod <= maxVotingPeriod <= MAX_VOTING_PERIOD (DAO_BAD_PARAMS); and never below
 * the floors genesis fixed: deposit, minimum voting period, quorum, threshold (DAO_BELOW_FLOOR).
 * The floors are what stop a proposal from lowering the bar until one farm decides alone.
 */
import { ChainError } from '../../chain/errors.ts';
import type { DaoFloors, DaoParams } from './dao-types.ts';

/** About a year of one-second blocks. */
export const MAX_VOTING_PERIOD = 32_000_000;

export function checkParamsShape(p: DaoParams, path: string): void {
  const bad = (field: string, why: string) => new ChainError('DAO_BAD_PARAMS', `${path}.${field}: ${why}`, { field: `${path}.${field}` });
  if (p.quorum < 1 || p.quorum > 1000) throw bad('quorum', 'permille, 1..1000');
  if (p.threshold < 1 || p.threshold > 999) throw bad('threshold', 'permille, 1..999');
  if (p.veto < 1 || p.veto > 1000) throw bad('veto', 'permille, 1..1000');
  if (p.minVotingPeriod < 1) throw bad('minVotingPeriod', 'at least 1 block');
  if (p.maxVotingPeriod < p.minVotingPeriod || p.maxVotingPeriod > MAX_VOTING_PERIOD) {
    throw bad('maxVotingPeriod', `from minVotingPeriod (${p.minVotingPeriod}) to ${MAX_VOTING_PERIOD} blocks`);
  }
}

export function checkParams(p: DaoParams, floors: DaoFloors, path: string): void {
  checkParamsShape(p, path);
  const below = (field: string, floor: string) => new ChainError('DAO_BELOW_FLOOR', `${path}.${field} may not go below ${floor}, fixed at genesis`, { field: `${path}.${field}`, floor });
  if (p.minDeposit.lt(floors.minDeposit)) throw below('minDeposit', floors.minDeposit.toString());
  if (p.minVotingPeriod < floors.minVotingPeriod) throw below('minVotingPeriod', String(floors.minVotingPeriod));
  if (p.quorum < floors.quorum) throw below('quorum', String(floors.quorum));
  if (p.threshold < floors.threshold) throw below('threshold', String(floors.threshold));
}
