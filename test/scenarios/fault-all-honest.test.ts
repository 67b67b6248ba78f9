/**
 * Fault scenarios, baseline: the 99 validators of genesis/testnet.json, all honest, on the seeded
 * simulator (10-20 ms links). Every height commits with a quorum and every node holds the same chain.
 */
import { expect } from 'chai';
import { expectAgreement, expectValidChain, timed } from '../fixtures/sim-checks.ts';
import { committedTestnet, startSimTestnet } from '../fixtures/sim-testnet.ts';

const HEIGHTS = 50;

describe('fault scenario: all honest (99 validators)', function () {
  this.timeout(180_000); // .mocharc.json's 20 s is for unit tests
  it(`commits ${HEIGHTS} heights, each with >= 67 signers, the same blocks on all 99 nodes`, async () => {
    await timed('all-honest', async () => {
      const sim = await startSimTestnet({ network: committedTestnet(), seed: 'all-honest' });
      try {
        const ok = await sim.run(() => Math.min(...sim.heights()) >= HEIGHTS, HEIGHTS * 2_000);
        const heights = sim.heights();
        expect(ok, `heights ${heights}`).to.equal(true);
        expect(heights).to.have.length(99);
        const { minTip } = await expectAgreement(sim);
        expect(minTip).to.be.at.least(HEIGHTS);
        const { minSigners } = await expectValidChain(sim);
        expect(minSigners).to.be.at.least(67);
        // No round was wasted: every block was decided in round 0 (nobody faulty, nothing lost).
        for (let h = 1; h <= HEIGHTS; h++) expect((await sim.nodes[0]!.store.blocks.commit(h))!.round, `height ${h}`).to.equal(0);
      } finally {
        sim.stop();
      }
    });
  });
});
