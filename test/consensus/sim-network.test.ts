/** Whole-network runs of the core through the in-memory harness: agreement, validity, liveness with up to f silent. */
import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { quorumThreshold } from '../../chain/consensus/quorum.ts';
import { proposerFor } from '../../chain/consensus/proposer.ts';
import { equalValidators, makeValidators } from './fixtures.ts';
import { simulate, type SimResult } from './sim-network.ts';
import type { ValidatorInfo } from '../../chain/consensus/step-types.ts';

/** Every live node decided the same chain of `heights` blocks, each with a commit of +2/3 signers. */
function expectAgreement(r: SimResult, live: readonly number[], heights: number, validators: readonly ValidatorInfo[]): void {
  const total = validators.reduce((a, v) => a + v.power, 0);
  const reference = r.decided[live[0]!]!;
  expect(reference).to.have.length(heights);
  for (const i of live) expect(r.decided[i]!.map((d) => toHex(d.hash)), `node ${i}`).to.deep.equal(reference.map((d) => toHex(d.hash)));
  reference.forEach((d, k) => {
    expect(d.block.header.height).to.equal(k + 1);
    if (k > 0) expect(d.block.header.parentHash).to.deep.equal(reference[k - 1]!.hash);
    expect(d.commit.height).to.equal(k + 1);
    expect(d.commit.blockHash).to.deep.equal(d.hash);
    const power = d.commit.signatures.reduce((a, x) => a + validators[x.validator]!.power, 0);
    expect(power).to.be.at.least(quorumThreshold(total));
    const idx = d.commit.signatures.map((s) => s.validator);
    expect(idx).to.deep.equal([...idx].sort((a, b) => a - b));
  });
  expect(r.evidence).to.deep.equal([]);
}

const liveOf = (n: number, silent: readonly number[]): number[] => [...Array(n).keys()].filter((i) => !silent.includes(i));

describe('consensus/sim-network: N cores on a perfect in-memory network', () => {
  it('4 validators decide the same 10 blocks, each in round 0', () => {
    const r = simulate({ validators: equalValidators(4), heights: 10 });
    expectAgreement(r, liveOf(4, []), 10, equalValidators(4));
    expect(r.maxRound.every((x) => x === 0)).to.equal(true);
    // Round robin: height h is proposed by validator (h - 1) mod 4.
    r.decided[0]!.forEach((d, k) => expect(d.block.header.proposer).to.deep.equal(equalValidators(4)[k % 4]!.publicKey));
  });

  it('99 validators decide the same 10 blocks', function () {
    this.timeout(20_000);
    const r = simulate({ validators: equalValidators(99), heights: 10 });
    expectAgreement(r, liveOf(99, []), 10, equalValidators(99));
    expect(r.maxRound.every((x) => x === 0)).to.equal(true);
  });

  it('4 validators, one (f) silent: still decide, with extra rounds where it should propose', () => {
    const silent = [2];
    const r = simulate({ validators: equalValidators(4), heights: 10, silent });
    expectAgreement(r, liveOf(4, silent), 10, equalValidators(4));
    // proposer(3, 0) is the silent validator 2: height 3 needs a second round.
    expect(proposerFor(equalValidators(4), 3, 0)).to.equal(2);
    expect(r.maxRound[2]).to.equal(1);
    for (const d of r.decided[0]!) expect(d.commit.signatures.map((s) => s.validator)).to.not.include(2);
  });

  it('99 validators, 32 (f) silent: the 67 others still decide the same 10 blocks', function () {
    this.timeout(20_000);
    const silent = Array.from({ length: 32 }, (_, k) => 3 * k + 1);
    const r = simulate({ validators: equalValidators(99), heights: 10, silent });
    expectAgreement(r, liveOf(99, silent), 10, equalValidators(99));
    for (const d of r.decided[0]!) expect(d.commit.signatures).to.have.length(67);
  });

  it('weighted powers, a light validator silent: decide, the heavy one proposing most often', () => {
    const v = makeValidators(5, [10, 3, 3, 3, 2]); // total 21, quorum 15; validator 0 alone is 10 > 1/3
    const quiet = simulate({ validators: v, heights: 6, silent: [4] });
    expectAgreement(quiet, liveOf(5, [4]), 6, v);
    const heavyProposes = quiet.decided[0]!.filter((d) => toHex(d.block.header.proposer) === toHex(v[0]!.publicKey)).length;
    expect(heavyProposes).to.be.at.least(2);
  });
});
