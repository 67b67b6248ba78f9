/**
 * How many txs a validator's next proposal may carry. A proposal must reach the others, built,
 * before their propose timeout; a block of everything in a full mempool (up to `maxBlockTxs`)
 * can take seconds to build on a busy node, so the round fails, the next proposer reaps an even
 * fuller pool, and the chain stalls for rounds on end. So the proposer takes what it can execute
 * in about half the propose timeout, at the speed it measured on recent blocks (its own builds
 * and the checks of others' proposals, wall time on the node's clock). It never weakens a check:
 * a smaller block is as valid, the rest waits in the mempool for the next one.
 */

/** Blocks smaller than this tell little about the cost per tx (fixed costs dominate). */
const MIN_SAMPLE_TXS = 100;
/** A proposal may always carry this many, however slow the last blocks were. */
const MIN_PROPOSAL_TXS = 200;
/** Weight of the newest measurement in the moving average. */
const WEIGHT = 0.3;

export class ProposalBudget {
  /** Moving average of ms per tx; 0 before any measurement. */
  private msPerTx = 0;

  /** @param budgetMs the execution time a proposal may take (half the propose timeout). */
  constructor(private readonly budgetMs: number) {}

  /** A block of `txs` executed in `ms`. */
  note(txs: number, ms: number): void {
    if (txs < MIN_SAMPLE_TXS || !(ms > 0)) return;
    const x = ms / txs;
    this.msPerTx = this.msPerTx === 0 ? x : (1 - WEIGHT) * this.msPerTx + WEIGHT * x;
  }

  /** The most txs the next proposal should take, at most `limit` (the chain's maxBlockTxs). */
  maxTxs(limit: number): number {
    if (this.msPerTx === 0) return limit;
    return Math.min(limit, Math.max(MIN_PROPOSAL_TXS, Math.floor(this.budgetMs / this.msPerTx)));
  }
}
