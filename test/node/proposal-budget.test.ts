/**
 * The proposal budget: no limit before a measurement, then as many txs as the measured speed
 * executes in the budget, never fewer than the floor nor more than the chain's limit; small blocks
 * and zero durations (a manual clock, a memo hit) teach it nothing.
 */
import { expect } from 'chai';
import { ProposalBudget } from '../../chain/node/proposal-budget.ts';

describe('ProposalBudget', () => {
  it('does not limit a proposal before it measured a block', () => {
    expect(new ProposalBudget(500).maxTxs(10_000)).to.equal(10_000);
  });

  it('takes what the measured speed executes in the budget', () => {
    const b = new ProposalBudget(500);
    b.note(1000, 250); // 0.25 ms a tx
    expect(b.maxTxs(10_000)).to.equal(2000);
    expect(b.maxTxs(1500)).to.equal(1500);
  });

  it('follows the speed as a moving average', () => {
    const b = new ProposalBudget(500);
    b.note(1000, 250);
    b.note(1000, 1250); // 0.7 * 0.25 + 0.3 * 1.25 = 0.55 ms a tx
    expect(b.maxTxs(10_000)).to.equal(Math.floor(500 / 0.55));
  });

  it('keeps a floor however slow the node was', () => {
    const b = new ProposalBudget(500);
    b.note(1000, 100_000);
    expect(b.maxTxs(10_000)).to.equal(200);
  });

  it('ignores small blocks and zero durations', () => {
    const b = new ProposalBudget(500);
    b.note(10, 5000);
    b.note(5000, 0);
    expect(b.maxTxs(10_000)).to.equal(10_000);
  });
});
