/**
 * The live tally of a proposal as the RPC shows it, and the outcome it would have if it closed now.
 * The closing rule (the governance module applies its own copy at the end height):
 *   1. quorum:    turnout * 1000 >= quorum * totalWeight (and totalWeight > 0), else rejected;
 *   2. veto:      veto * 1000 >= veto share * turnout -> vetoed;
 *   3. threshold: yes * 1000 > threshold * (yes + no + veto) -> passed, else rejected.
 * Turnout counts all four choices; abstain counts only for the quorum; yes must be strictly above
 * the threshold. Weights are milli-units and their products can pass 2^53, so the math is BigInt.
 */
export type Outcome = 'passed' | 'rejected' | 'vetoed';

export interface TallyWeights {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly veto: number;
}

/** Permille shares of the DAO parameters. */
export interface TallyRules {
  readonly quorum: number;
  readonly threshold: number;
  readonly veto: number;
}

export interface LiveTally {
  readonly turnout: number;
  /** turnout / totalWeight, permille, floored (0 when totalWeight is 0). */
  readonly turnoutPermille: number;
  readonly quorumReached: boolean;
  /** yes / (yes + no + veto), permille, floored (0 without such votes). */
  readonly yesPermille: number;
  /** veto / turnout, permille, floored (0 without votes). */
  readonly vetoPermille: number;
  readonly projected: Outcome;
}

const big = BigInt;

export function quorumReached(t: TallyWeights, totalWeight: number, rules: Pick<TallyRules, 'quorum'>): boolean {
  const turnout = big(t.yes) + big(t.no) + big(t.abstain) + big(t.veto);
  return totalWeight > 0 && turnout * 1000n >= big(rules.quorum) * big(totalWeight);
}

/** The outcome if the proposal closed with this tally. */
export function projectOutcome(t: TallyWeights, totalWeight: number, rules: TallyRules): Outcome {
  if (!quorumReached(t, totalWeight, rules)) return 'rejected';
  const turnout = big(t.yes) + big(t.no) + big(t.abstain) + big(t.veto);
  if (big(t.veto) * 1000n >= big(rules.veto) * turnout) return 'vetoed';
  return big(t.yes) * 1000n > big(rules.threshold) * (big(t.yes) + big(t.no) + big(t.veto)) ? 'passed' : 'rejected';
}

function permille(num: bigint, den: bigint): number {
  return den === 0n ? 0 : Number((num * 1000n) / den);
}

export function liveTally(t: TallyWeights, totalWeight: number, rules: TallyRules): LiveTally {
  const turnout = big(t.yes) + big(t.no) + big(t.abstain) + big(t.veto);
  return {
    turnout: Number(turnout),
    turnoutPermille: Math.min(1000, permille(turnout, big(totalWeight))),
    quorumReached: quorumReached(t, totalWeight, rules),
    yesPermille: permille(big(t.yes), big(t.yes) + big(t.no) + big(t.veto)),
    vetoPermille: permille(big(t.veto), turnout),
    projected: projectOutcome(t, totalWeight, rules),
  };
}
