/**
 * The pure lifecycle of a proposal: created at height c with a voting period v, it takes votes in
 * blocks c .. c + v (its end height) and closes in the end phase of block c + v, after that
 * block's votes. A farm's vote replaces its earlier vote, so the tally moves by the difference and
 * a farm is never counted twice.
 */
import type { Proposal, Tally, Vote } from './dao-types.ts';

export const EMPTY_TALLY: Tally = { yes: 0, no: 0, abstain: 0, veto: 0 };

export function endHeightOf(createdHeight: number, votingPeriod: number): number {
  return createdHeight + votingPeriod;
}

export function isVotingOpen(p: Pick<Proposal, 'status' | 'endHeight'>, height: number): boolean {
  return p.status === 'open' && height <= p.endHeight;
}

/** The tally after a farm's vote `next` replaces its earlier vote `previous` (if any). */
export function applyVote(t: Tally, previous: Vote | undefined, next: Vote): Tally {
  const out = { ...t };
  if (previous !== undefined) out[previous.choice] -= previous.weight;
  out[next.choice] += next.weight;
  return out;
}

/** Blocks left to vote at `height` (0 once the end height has passed). */
export function blocksLeft(p: Pick<Proposal, 'endHeight'>, height: number): number {
  return Math.max(0, p.endHeight - height);
}
