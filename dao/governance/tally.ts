/**
 * The pure closing rule of a proposal (Cosmos x/gov's, with the Hub's defaults):
 *   1. quorum: turnout (yes + no + abstain + veto) * 1000 >= quorum * totalWeight, else rejected
 *      (a proposal nobody could vote on — total weight 0 — is rejected);
 *   2. veto:   veto * 1000 >= vetoShare * turnout -> vetoed (the deposit is burned);
 *   3. threshold: yes * 1000 > threshold * (yes + no + veto) -> passed, else rejected.
 * A veto vote is a "no with veto": it counts against in step 3. Abstain counts only for the quorum,
 * so all-abstain is rejected and a tie at threshold 500 is rejected (yes must be strictly above).
 * Weights can exceed 2^53 / 1000, so the products are BigInt.
 */
import type { DaoParams, Tally } from './dao-types.ts';

export type Outcome = 'passed' | 'rejected' | 'vetoed';

export interface TallyResult {
  readonly outcome: Outcome;
  readonly turnout: number;
  readonly quorumReached: boolean;
}

type Rules = Pick<DaoParams, 'quorum' | 'threshold' | 'veto'>;

export function turnoutOf(t: Tally): number {
  return t.yes + t.no + t.abstain + t.veto;
}

export function tallyOutcome(t: Tally, totalWeight: number, rules: Rules): TallyResult {
  const turnout = turnoutOf(t);
  const big = BigInt;
  const quorumReached = totalWeight > 0 && big(turnout) * 1000n >= big(rules.quorum) * big(totalWeight);
  if (!quorumReached) return { outcome: 'rejected', turnout, quorumReached };
  if (big(t.veto) * 1000n >= big(rules.veto) * big(turnout)) return { outcome: 'vetoed', turnout, quorumReached };
  const against = big(t.yes + t.no + t.veto);
  const passed = big(t.yes) * 1000n > big(rules.threshold) * against;
  return { outcome: passed ? 'passed' : 'rejected', turnout, quorumReached };
}
