import { expect } from 'chai';
import { quorumThreshold, skipThreshold, totalPower, votingThresholds } from '../../chain/consensus/quorum.ts';
import { makeValidators } from './fixtures.ts';

describe('consensus/quorum', () => {
  it('99 equal validators: quorum 67, skip 34; the Hub 100: 67 and 34; 4: 3 and 2', () => {
    expect([quorumThreshold(99), skipThreshold(99)]).to.deep.equal([67, 34]);
    expect([quorumThreshold(100), skipThreshold(100)]).to.deep.equal([67, 34]);
    expect([quorumThreshold(4), skipThreshold(4)]).to.deep.equal([3, 2]);
    expect([quorumThreshold(3), skipThreshold(3)]).to.deep.equal([3, 2]);
    expect([quorumThreshold(1), skipThreshold(1)]).to.deep.equal([1, 1]);
  });

  it('quorum is the least power above 2/3 and skip the least above 1/3, for any total', () => {
    for (let t = 1; t <= 500; t++) {
      const q = quorumThreshold(t);
      const s = skipThreshold(t);
      expect(3 * q > 2 * t && 3 * (q - 1) <= 2 * t, `quorum ${t}`).to.equal(true);
      expect(3 * s > t && 3 * (s - 1) <= t, `skip ${t}`).to.equal(true);
      // Two quorums intersect in more than 1/3 of the power: at least one honest validator.
      expect(2 * q - t >= s, `intersection ${t}`).to.equal(true);
    }
  });

  it('weighs by power and rejects an empty set or a non-positive power', () => {
    const v = makeValidators(3, [5, 1, 4]);
    expect(totalPower(v)).to.equal(10);
    expect(votingThresholds(v)).to.deep.include({ total: 10, quorum: 7, skip: 4, powers: [5, 1, 4] });
    expect(() => votingThresholds([])).to.throw(RangeError);
    expect(() => votingThresholds(makeValidators(2, [1, 0]))).to.throw(RangeError);
    expect(() => votingThresholds(makeValidators(1, [1.5]))).to.throw(RangeError);
  });
});
