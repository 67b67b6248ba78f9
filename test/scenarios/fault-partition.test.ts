/**
 * Fault scenario, partition: the 99 validators of genesis/testnet.json split 50/49. Neither side
 * holds 67, so nothing commits while split; after `heal()` the chain resumes with the same blocks
 * everywhere.
 */
import { expect } from 'chai';
import { expectAgreement, expectValidChain, timed } from '../fixtures/sim-checks.ts';
import { committedTestnet, startSimTestnet } from '../fixtures/sim-testnet.ts';

describe('fault scenario: partition (99 validators)', function () {
  this.timeout(180_000); // .mocharc.json's 20 s is for unit tests
  it('50/49 split: no commit on either side for 30 s; after heal() 5+ more heights, same blocks everywhere', async () => {
    await timed('partition', async () => {
      const sim = await startSimTestnet({ network: committedTestnet(), seed: 'partition' });
      try {
        expect(await sim.run(() => Math.min(...sim.heights()) >= 3, 30_000), `heights ${sim.heights()}`).to.equal(true);
        // Interleaved halves (even / odd indices), so each side holds some of the next proposers.
        const even = Array.from({ length: 50 }, (_, i) => 2 * i);
        const odd = Array.from({ length: 49 }, (_, i) => 2 * i + 1);
        sim.net.partition([even, odd]);
        // The height in progress may still finish from votes already delivered; after that, nothing.
        await sim.run(() => false, 2_000);
        const split = Math.max(...sim.heights());
        const t = sim.clock.now();
        expect(await sim.run(() => Math.max(...sim.heights()) > split, 30_000)).to.equal(false);
        expect(sim.clock.now() - t).to.be.at.least(30_000);
        expect(Math.max(...sim.heights()), 'a side committed without 67 validators').to.equal(split);
        // Nodes were still working (rounds or re-sends) but neither side could decide.
        expect(sim.net.stats.blocked).to.be.greaterThan(0);
        sim.net.heal();
        const ok = await sim.run(() => Math.min(...sim.heights()) >= split + 5, 120_000);
        const heights = sim.heights();
        expect(ok, `heights ${heights}`).to.equal(true);
        expect(heights).to.have.length(99);
        await expectAgreement(sim);
        await expectValidChain(sim);
      } finally {
        sim.stop();
      }
    });
  });
});
