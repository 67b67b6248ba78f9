/**
 * Fault scenario, Byzantine twins (the Twins method, as used on DiemBFT): 32 of the 99 validators of
 * genesis/testnet.json run a second node with the same key, its own disks and signer state. The pair
 * equivocates with no attacker code: when a twinned validator proposes, each copy builds its own
 * block and prevotes it. (The second copies sit behind slower links, 30-40 ms instead of 10-20:
 * with equal links both copies decide within the same millisecond and build the very same block.) Safety must hold (f = 32 < 33): no two different
 * blocks at one height on any node, and the equivocation ends up as DuplicateVoteEvidence in a
 * committed block, read back by height from the block store.
 */
import { expect } from 'chai';
import { committedEvidence, expectAgreement, expectValidChain, timed } from '../fixtures/sim-checks.ts';
import { committedTestnet, startSimTestnet } from '../fixtures/sim-testnet.ts';

const HEIGHTS = 8;

describe('fault scenario: Byzantine twins (99 validators, 32 twinned)', function () {
  this.timeout(180_000); // .mocharc.json's 20 s is for unit tests
  it(`32 twinned validators equivocate: ${HEIGHTS} heights, the same blocks on all 131 nodes, evidence committed`, async () => {
    await timed('byzantine-twins', async () => {
      // Every third validator (0, 3, ..., 93): proposer(h, r) is validator (h - 1 + r) mod 99, so a
      // third of the heights start with a twinned proposer, whose two blocks split the prevotes and
      // cost a round; the next proposer is honest. (Twins on 0..31 would make 31 rounds in a row
      // hopeless, correct but slow.)
      const twins = Array.from({ length: 32 }, (_, i) => 3 * i);
      const sim = await startSimTestnet({ network: committedTestnet(), seed: 'twins', twins });
      try {
        expect(sim.slots).to.equal(131);
        for (let t = 99; t < sim.slots; t++) {
          for (let o = 0; o < sim.slots; o++) {
            if (o === t) continue;
            sim.net.setLink(t, o, { baseDelayMs: 30 });
            sim.net.setLink(o, t, { baseDelayMs: 30 });
          }
        }
        const ok = await sim.run(() => Math.min(...sim.heights()) >= HEIGHTS, 240_000);
        const heights = sim.heights();
        expect(ok, `heights ${heights}`).to.equal(true);
        expect(heights).to.have.length(131);
        await expectAgreement(sim);
        await expectValidChain(sim);
        // Evidence: in committed blocks, against twinned validators only, both votes signed by the
        // same validator at one (height, round, type) for different values; the same on every node.
        const found = await committedEvidence(sim.storeOf(50)!);
        expect(found.length, 'no DuplicateVoteEvidence was committed').to.be.greaterThan(0);
        for (const { height, evidence } of found) {
          const { a, b } = evidence;
          expect(twins).to.include(a.validator);
          expect([b.validator, b.height, b.round, b.type]).to.deep.equal([a.validator, a.height, a.round, a.type]);
          expect(a.height).to.be.below(height);
          const block = await sim.storeOf(50)!.blocks.block(height);
          expect(block!.evidence).to.deep.include(evidence);
        }
        console.log(`      (${found.length} evidence items in heights ${[...new Set(found.map((f) => f.height))].join(', ')}; against validators ${[...new Set(found.map((f) => f.evidence.a.validator))].join(', ')})`);
      } finally {
        sim.stop();
      }
    });
  });
});
