/** The live tally and the projected outcome of a proposal (rpc/server/dao-projection.ts), at the rule's boundaries. */
import { expect } from 'chai';
import { liveTally, projectOutcome, quorumReached } from '../../rpc/server/dao-projection.ts';

const HUB = { quorum: 334, threshold: 500, veto: 334 };
const t = (yes: number, no: number, abstain: number, veto: number) => ({ yes, no, abstain, veto });

describe('rpc: DAO tally projection', () => {
  it('quorum: turnout * 1000 >= quorum * totalWeight, all four choices count', () => {
    expect(quorumReached(t(334, 0, 0, 0), 1000, HUB)).to.equal(true);
    expect(quorumReached(t(333, 0, 0, 0), 1000, HUB)).to.equal(false);
    expect(quorumReached(t(100, 100, 100, 34), 1000, HUB)).to.equal(true);
    expect(projectOutcome(t(333, 0, 0, 0), 1000, HUB)).to.equal('rejected');
    expect(projectOutcome(t(334, 0, 0, 0), 1000, HUB)).to.equal('passed');
    // 334 of 1001 is 333.67 permille: below.
    expect(projectOutcome(t(334, 0, 0, 0), 1001, HUB)).to.equal('rejected');
  });

  it('veto: veto * 1000 >= veto share * turnout wins over any yes', () => {
    expect(projectOutcome(t(666, 0, 0, 334), 1000, HUB)).to.equal('vetoed');
    expect(projectOutcome(t(667, 0, 0, 333), 1000, HUB)).to.equal('passed');
    // Abstain raises the turnout the veto share is measured against.
    expect(projectOutcome(t(0, 0, 666, 334), 1000, HUB)).to.equal('vetoed');
    expect(projectOutcome(t(0, 0, 667, 333), 1000, HUB)).to.equal('rejected');
  });

  it('threshold: yes must be strictly above; veto votes count against; abstain does not', () => {
    expect(projectOutcome(t(500, 500, 0, 0), 1000, HUB)).to.equal('rejected');
    expect(projectOutcome(t(501, 499, 0, 0), 1000, HUB)).to.equal('passed');
    expect(projectOutcome(t(500, 300, 0, 200), 1000, { ...HUB, veto: 1000 })).to.equal('rejected');
    expect(projectOutcome(t(501, 300, 500, 199), 2000, { ...HUB, veto: 1000 })).to.equal('passed');
  });

  it('no votes and all-abstain are rejected; a proposal nobody could vote on is rejected', () => {
    expect(projectOutcome(t(0, 0, 0, 0), 1000, HUB)).to.equal('rejected');
    expect(projectOutcome(t(0, 0, 1000, 0), 1000, HUB)).to.equal('rejected');
    expect(projectOutcome(t(0, 0, 0, 0), 0, HUB)).to.equal('rejected');
    expect(liveTally(t(0, 0, 0, 0), 0, HUB)).to.deep.equal({ turnout: 0, turnoutPermille: 0, quorumReached: false, yesPermille: 0, vetoPermille: 0, projected: 'rejected' });
    expect(liveTally(t(0, 0, 1000, 0), 1000, HUB)).to.deep.equal({ turnout: 1000, turnoutPermille: 1000, quorumReached: true, yesPermille: 0, vetoPermille: 0, projected: 'rejected' });
  });

  it('shares are permille floored; weights beyond 2^53 / 1000 stay exact', () => {
    expect(liveTally(t(2, 1, 0, 0), 7, HUB)).to.include({ turnout: 3, turnoutPermille: 428, yesPermille: 666, vetoPermille: 0 });
    const big = 2 ** 50;
    // yes = 2^50 + 1 of 2^51 + 1 votes: strictly above half only by the last unit.
    expect(projectOutcome(t(big + 1, big, 0, 0), 2 * big + 1, HUB)).to.equal('passed');
    expect(projectOutcome(t(big, big, 0, 0), 2 * big, HUB)).to.equal('rejected');
  });
});
