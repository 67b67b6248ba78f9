/**
 * Fault scenarios, crashes: 99 validators of genesis/testnet.json, quorum 67. With 32 down the
 * chain stays live; with 33 down nothing can commit, and once they come back it resumes.
 */
import { expect } from 'chai';
import { expectAgreement, expectValidChain, timed } from '../fixtures/sim-checks.ts';
import { committedTestnet, startSimTestnet } from '../fixtures/sim-testnet.ts';

const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);

describe('fault scenario: crashes (99 validators)', function () {
  this.timeout(180_000); // .mocharc.json's 20 s is for unit tests
  it('32 down (16 never started, 16 crashed after 3 heights): still live for 11 more heights, same blocks everywhere', async () => {
    await timed('crash-32', async () => {
      // Spread over the proposer order, so some heights start with a dead proposer.
      const absent = range(0, 16).map((i) => i * 6);
      const later = range(0, 16).map((i) => i * 6 + 3);
      const sim = await startSimTestnet({ network: committedTestnet(), seed: 'crash-32', absent });
      try {
        expect(await sim.run(() => Math.min(...sim.heights()) >= 3, 30_000), `heights ${sim.heights()}`).to.equal(true);
        for (const i of later) sim.crash(i);
        expect(sim.heights()).to.have.length(67);
        const ok = await sim.run(() => Math.min(...sim.heights()) >= 14, 120_000);
        expect(ok, `heights ${sim.heights()}`).to.equal(true);
        const { minTip } = await expectAgreement(sim);
        expect(minTip).to.be.at.least(3); // the crashed ones kept what they had committed
        await expectValidChain(sim);
      } finally {
        sim.stop();
      }
    });
  });

  it('33 crashed: nothing commits for 60 s; after they restart the chain commits 5+ more heights', async () => {
    await timed('crash-33', async () => {
      const down = range(0, 33).map((i) => i * 3);
      const sim = await startSimTestnet({ network: committedTestnet(), seed: 'crash-33' });
      try {
        expect(await sim.run(() => Math.min(...sim.heights()) >= 3, 30_000), `heights ${sim.heights()}`).to.equal(true);
        for (const i of down) sim.crash(i);
        const stalledAt = Math.max(...sim.heights());
        expect(sim.heights()).to.have.length(66);
        const t = sim.clock.now();
        expect(await sim.run(() => Math.max(...sim.heights()) > stalledAt, 60_000)).to.equal(false);
        expect(sim.clock.now() - t).to.be.at.least(60_000);
        expect(Math.max(...sim.heights()), 'a block committed without a quorum').to.equal(stalledAt);
        for (const i of down) await sim.restart(i);
        expect(sim.heights()).to.have.length(99);
        const ok = await sim.run(() => Math.min(...sim.heights()) >= stalledAt + 5, 120_000);
        expect(ok, `heights ${sim.heights()}`).to.equal(true);
        await expectAgreement(sim);
        await expectValidChain(sim);
      } finally {
        sim.stop();
      }
    });
  });
});
