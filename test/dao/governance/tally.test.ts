import { expect } from 'chai';
import fc from 'fast-check';
import { tallyOutcome } from '../../../dao/governance/tally.ts';
import { applyVote, blocksLeft, EMPTY_TALLY, endHeightOf, isVotingOpen } from '../../../dao/governance/lifecycle.ts';
import type { Tally } from '../../../dao/governance/dao-types.ts';

const HUB = { quorum: 334, threshold: 500, veto: 334 };
const t = (yes: number, no: number, abstain: number, veto: number): Tally => ({ yes, no, abstain, veto });

describe('DAO tally (pure, at every boundary)', () => {
  // total weight 1000 makes shares read as permille.
  const cases: Array<[string, Tally, number, string, boolean]> = [
    ['no votes: no quorum', t(0, 0, 0, 0), 1000, 'rejected', false],
    ['turnout one below quorum', t(333, 0, 0, 0), 1000, 'rejected', false],
    ['turnout exactly at quorum passes quorum', t(334, 0, 0, 0), 1000, 'passed', true],
    ['all abstain: quorum reached, nothing in favour', t(0, 0, 1000, 0), 1000, 'rejected', true],
    ['tie yes = no is not above the threshold', t(300, 300, 0, 0), 1000, 'rejected', true],
    ['one yes above the tie passes', t(301, 300, 0, 0), 1000, 'passed', true],
    ['veto exactly at 334 of turnout: vetoed', t(666, 0, 0, 334), 1000, 'vetoed', true],
    ['veto one below: counts as no, yes above half passes', t(667, 0, 0, 333), 1000, 'passed', true],
    ['veto is a no: 400 yes against 300 no + 300 veto (30% veto) rejected', t(400, 300, 0, 300), 1000, 'rejected', true],
    ['abstain only helps the quorum', t(100, 99, 800, 0), 1000, 'passed', true],
    ['zero total weight is never a quorum', t(0, 0, 0, 0), 0, 'rejected', false],
  ];
  for (const [name, tally, total, outcome, quorum] of cases) {
    it(name, () => {
      const r = tallyOutcome(tally, total, HUB);
      expect(r.outcome).to.equal(outcome);
      expect(r.quorumReached).to.equal(quorum);
      expect(r.turnout).to.equal(tally.yes + tally.no + tally.abstain + tally.veto);
    });
  }

  it('quorum boundary with a total that does not divide by 1000 (exact integer comparison)', () => {
    // 334/1000 of 2999 = 1001.666: 1001 is below, 1002 reaches it.
    expect(tallyOutcome(t(1001, 0, 0, 0), 2999, HUB).quorumReached).to.equal(false);
    expect(tallyOutcome(t(1002, 0, 0, 0), 2999, HUB).quorumReached).to.equal(true);
  });

  it('threshold boundary at another threshold: 667 permille needs yes*1000 > 667*(yes+no+veto)', () => {
    const rules = { ...HUB, threshold: 667 };
    expect(tallyOutcome(t(667, 333, 0, 0), 1000, rules).outcome).to.equal('rejected');
    expect(tallyOutcome(t(668, 332, 0, 0), 1000, rules).outcome).to.equal('passed');
  });

  it('weights beyond 2^53 / 1000 compare exactly', () => {
    const big = 2 ** 52;
    expect(tallyOutcome(t(big / 2 + 1, big / 2 - 1, 0, 0), big, HUB).outcome).to.equal('passed');
    expect(tallyOutcome(t(big / 2, big / 2, 0, 0), big, HUB).outcome).to.equal('rejected');
  });

  it('property: more yes never turns a pass into a failure; a veto share at the bar always vetoes once quorum is met', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.nat(1000), fc.integer({ min: 1, max: 5000 }), (yes, no, abstain, veto, extra) => {
        const total = yes + no + abstain + veto + extra;
        const before = tallyOutcome(t(yes, no, abstain, veto), total, HUB);
        const after = tallyOutcome(t(yes + 1, no, abstain, veto), total, HUB);
        if (before.outcome === 'passed') expect(after.outcome).to.equal('passed');
        const turnout = yes + no + abstain + veto;
        if (before.quorumReached && veto * 1000 >= 334 * turnout) expect(before.outcome).to.equal('vetoed');
      }),
    );
  });
});

describe('DAO proposal lifecycle (pure)', () => {
  it('votes are open from creation through the end height, then closed; a closed status closes them too', () => {
    const p = { status: 'open' as const, endHeight: endHeightOf(10, 5) };
    expect(p.endHeight).to.equal(15);
    expect(isVotingOpen(p, 10)).to.equal(true);
    expect(isVotingOpen(p, 15)).to.equal(true);
    expect(isVotingOpen(p, 16)).to.equal(false);
    expect(isVotingOpen({ ...p, status: 'passed' }, 12)).to.equal(false);
    expect(blocksLeft(p, 12)).to.equal(3);
    expect(blocksLeft(p, 20)).to.equal(0);
  });

  it('a changed vote moves its weight, never counts the farm twice', () => {
    let tally = applyVote(EMPTY_TALLY, undefined, { choice: 'yes', weight: 7 });
    tally = applyVote(tally, { choice: 'yes', weight: 7 }, { choice: 'veto', weight: 7 });
    tally = applyVote(tally, { choice: 'veto', weight: 7 }, { choice: 'veto', weight: 7 });
    expect(tally).to.deep.equal({ yes: 0, no: 0, abstain: 0, veto: 7 });
  });
});
