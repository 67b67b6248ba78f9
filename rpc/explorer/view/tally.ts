/**
 * A proposal's tally as a bar: the bar is the total vote weight (every farm when the proposal was
 * created), each choice a segment of it, and a mark where the quorum lies; plus each choice's share
 * of the turnout, as the CLI's `dao show` prints it. Weights are integers (milli-units of
 * 2*CU + SU); percentages are floored to 0.1 so segments never add up past 100.
 */

export const CHOICES = ['yes', 'no', 'abstain', 'veto'] as const;
export type Choice = (typeof CHOICES)[number];

export interface TallyInput {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly veto: number;
  readonly totalWeight: number;
}

export interface TallySegment {
  readonly choice: Choice;
  readonly weight: number;
  /** Width in the bar: percent of the total weight, floored to 0.1. */
  readonly percentOfTotal: number;
  /** Percent of the turnout, floored to 0.1 (0 without votes). */
  readonly percentOfTurnout: number;
}

export interface TallyBar {
  readonly segments: readonly TallySegment[];
  readonly turnout: number;
  /** Turnout as percent of the total weight, floored to 0.1. */
  readonly turnoutPercent: number;
  /** Where the quorum mark sits: percent of the total weight. */
  readonly quorumPercent: number;
  /** turnout * 1000 >= quorum * totalWeight, with some weight at all (the chain's rule). */
  readonly quorumReached: boolean;
}

/** floor(part / whole * 1000) / 10: a percentage floored to one decimal, exact for safe integers. */
export function flooredPercent(part: number, whole: number): number {
  if (whole <= 0 || part <= 0) return 0;
  return Math.floor((part * 1000) / whole) / 10;
}

export function tallyBar(t: TallyInput, quorumPermille: number): TallyBar {
  const turnout = t.yes + t.no + t.abstain + t.veto;
  const segments = CHOICES.map((choice) => ({
    choice,
    weight: t[choice],
    percentOfTotal: flooredPercent(t[choice], t.totalWeight),
    percentOfTurnout: flooredPercent(t[choice], turnout),
  }));
  return {
    segments,
    turnout,
    turnoutPercent: flooredPercent(turnout, t.totalWeight),
    quorumPercent: quorumPermille / 10,
    quorumReached: t.totalWeight > 0 && turnout * 1000 >= quorumPermille * t.totalWeight,
  };
}
