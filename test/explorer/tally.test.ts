/** Tally bars: segments of the total weight, shares of the turnout, the quorum by the chain's rule; time left. */
import { expect } from 'chai';
import fc from 'fast-check';
import { flooredPercent, tallyBar } from '../../rpc/explorer/view/tally.ts';
import { timeLeft, timeLeftText } from '../../rpc/explorer/view/time-left.ts';

describe('explorer view: tally bar', () => {
  it('the example of `tfr dao show`: 3 yes, 1 no of 10, quorum 33.4%', () => {
    const bar = tallyBar({ yes: 3000, no: 1000, abstain: 0, veto: 0, totalWeight: 10_000 }, 334);
    expect(bar.segments.map((s) => [s.choice, s.weight, s.percentOfTotal, s.percentOfTurnout])).to.deep.equal([
      ['yes', 3000, 30, 75],
      ['no', 1000, 10, 25],
      ['abstain', 0, 0, 0],
      ['veto', 0, 0, 0],
    ]);
    expect(bar).to.include({ turnout: 4000, turnoutPercent: 40, quorumPercent: 33.4, quorumReached: true });
  });

  it('quorum: reached exactly at the bound, never without weight', () => {
    expect(tallyBar({ yes: 334, no: 0, abstain: 0, veto: 0, totalWeight: 1000 }, 334).quorumReached).to.equal(true);
    expect(tallyBar({ yes: 333, no: 0, abstain: 0, veto: 0, totalWeight: 1000 }, 334).quorumReached).to.equal(false);
    expect(tallyBar({ yes: 0, no: 0, abstain: 0, veto: 0, totalWeight: 0 }, 0).quorumReached).to.equal(false);
    const none = tallyBar({ yes: 0, no: 0, abstain: 0, veto: 0, totalWeight: 500 }, 200);
    expect(none.turnoutPercent).to.equal(0);
    expect(none.segments.every((s) => s.percentOfTurnout === 0 && s.percentOfTotal === 0)).to.equal(true);
  });

  it('abstain counts for the turnout; percentages floor to 0.1', () => {
    const bar = tallyBar({ yes: 1, no: 1, abstain: 1, veto: 0, totalWeight: 7 }, 500);
    expect(bar.segments.map((s) => s.percentOfTurnout)).to.deep.equal([33.3, 33.3, 33.3, 0]);
    expect(bar.segments.map((s) => s.percentOfTotal)).to.deep.equal([14.2, 14.2, 14.2, 0]);
    expect(bar.turnoutPercent).to.equal(42.8);
    expect(flooredPercent(2, 3)).to.equal(66.6);
    expect(flooredPercent(5, 0)).to.equal(0);
  });

  it('segments never add up past the bar or the turnout, and the quorum follows the rule', () => {
    const w = fc.integer({ min: 0, max: 1_000_000_000 });
    fc.assert(
      fc.property(w, w, w, w, fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 1000 }), (yes, no, abstain, veto, extra, quorum) => {
        const totalWeight = yes + no + abstain + veto + extra;
        const bar = tallyBar({ yes, no, abstain, veto, totalWeight }, quorum);
        const sumTotal = bar.segments.reduce((s, x) => s + x.percentOfTotal, 0);
        const sumTurnout = bar.segments.reduce((s, x) => s + x.percentOfTurnout, 0);
        expect(sumTotal).to.be.at.most(100.0000001);
        expect(sumTurnout).to.be.at.most(100.0000001);
        expect(bar.turnoutPercent).to.be.at.most(100);
        expect(sumTotal).to.be.at.most(bar.turnoutPercent + 1e-9);
        expect(bar.quorumReached).to.equal(totalWeight > 0 && BigInt(bar.turnout) * 1000n >= BigInt(quorum) * BigInt(totalWeight));
      }),
    );
  });
});

describe('explorer view: time left', () => {
  it('blocks and ~seconds from the mean block time', () => {
    expect(timeLeft(60, 50, 700)).to.deep.equal({ blocks: 10, seconds: 7 });
    expect(timeLeft(60, 70, 700)).to.deep.equal({ blocks: 0, seconds: 0 });
    expect(timeLeft(60, 50, undefined)).to.deep.equal({ blocks: 10, seconds: null });
    expect(timeLeftText(timeLeft(60, 50, 700), false)).to.equal('10 blocks left (~7 s)');
    expect(timeLeftText(timeLeft(51, 50, 66_000), false)).to.equal('1 block left (~1 min 6 s)');
    expect(timeLeftText(timeLeft(60, 50, undefined), false)).to.equal('10 blocks left');
    expect(timeLeftText(timeLeft(50, 50, 700), false)).to.equal('ends with this block');
    expect(timeLeftText(timeLeft(60, 50, 700), true)).to.equal('ended');
  });
});
