import { expect } from 'chai';
import fc from 'fast-check';
import { proposerFor, proposerPosition, proposerSequence } from '../../chain/consensus/proposer.ts';
import { makeValidators } from './fixtures.ts';

/** The rule of proposer.ts written the plain way, from zero priorities, with no memo or period. */
function reference(powers: readonly number[], count: number): number[] {
  const total = powers.reduce((a, b) => a + b, 0);
  const pr = powers.map(() => 0);
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < pr.length; i++) pr[i]! += powers[i]!;
    let best = 0;
    for (let i = 1; i < pr.length; i++) if (pr[i]! > pr[best]!) best = i;
    pr[best]! -= total;
    out.push(best);
  }
  return out;
}

describe('consensus/proposer', () => {
  it('equal powers: plain round robin, validator 0 proposes height 1 round 0', () => {
    const v = makeValidators(4);
    expect([1, 2, 3, 4, 5].map((h) => proposerFor(v, h, 0))).to.deep.equal([0, 1, 2, 3, 0]);
    expect([0, 1, 2, 3, 4].map((r) => proposerFor(v, 1, r))).to.deep.equal([0, 1, 2, 3, 0]);
    expect(proposerFor(v, 7, 2)).to.equal((7 - 1 + 2) % 4);
    const v99 = makeValidators(99);
    expect(proposerFor(v99, 1_000_000, 3)).to.equal((1_000_000 - 1 + 3) % 99);
  });

  it('weighted: a validator proposes in proportion to its power, exactly, over every period', () => {
    const powers = [1, 2, 3, 4, 10];
    const seq = proposerSequence(powers, 20 * 50);
    const counts = powers.map((_, i) => seq.filter((x) => x === i).length);
    expect(counts).to.deep.equal(powers.map((p) => p * 50));
    // Smooth: the heaviest validator never proposes more than twice in a row here.
    expect(seq.join(',')).to.not.contain('4,4,4');
    // Periodic with period total: the window starting anywhere has the same counts.
    expect(seq.slice(7, 27).filter((x) => x === 4).length).to.equal(10);
  });

  it('ties go to the lowest index; the first proposer is the most powerful', () => {
    expect(proposerSequence([3, 3, 3], 6)).to.deep.equal([0, 1, 2, 0, 1, 2]);
    expect(proposerSequence([1, 5, 5], 1)).to.deep.equal([1]);
    expect(proposerSequence([2, 1], 3)).to.deep.equal([0, 1, 0]);
  });

  it('matches the plain rule for random sets, in any query order (a pure function of set, height, round)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(3000), { minLength: 1, maxLength: 20 }), (powers, positions) => {
        const v = makeValidators(powers.length, powers);
        const ref = reference(powers, 3001);
        for (const k of positions) expect(proposerFor(v, k + 1, 0)).to.equal(ref[k]);
        // The same position reached through (height, round) in another way.
        for (const k of positions) if (k >= 2) expect(proposerFor(v, k - 1, 2)).to.equal(ref[k]);
      }),
      { numRuns: 60 },
    );
  });

  it('scaling every power by a constant selects the same validators; huge powers stay exact', () => {
    const small = makeValidators(5, [1, 2, 3, 4, 5]);
    const big = makeValidators(5, [1, 2, 3, 4, 5].map((p) => p * 2 ** 40));
    for (let h = 1; h < 200; h++) expect(proposerFor(big, h, 0)).to.equal(proposerFor(small, h, 0));
    const coprime = makeValidators(3, [2 ** 40 + 1, 2 ** 40, 2 ** 40 - 1]);
    expect(proposerFor(coprime, 1, 0)).to.equal(0);
    expect(proposerFor(coprime, 3, 0)).to.equal(reference([2 ** 40 + 1, 2 ** 40, 2 ** 40 - 1], 3)[2]);
  });

  it('rejects heights below 1 and negative rounds', () => {
    expect(() => proposerPosition(0, 0)).to.throw(RangeError);
    expect(() => proposerPosition(1, -1)).to.throw(RangeError);
    expect(proposerPosition(5, 2)).to.equal(6);
  });
});
