/**
 * Fault scenario, Byzantine messages (ByzzFuzz-style): 32 of the 99 validators of
 * genesis/testnet.json run the honest driver behind a wrapper (test/fixtures/byzantine.ts) that,
 * with the validator's raw key, proposes different blocks to the two halves of the network and
 * replays old proposals (all 32), sends a forged vote for round + 1 after each vote (8 of them), and
 * double-votes (2 of them). Safety must hold (32 < 33): the same blocks at every height on every
 * node; the equivocations end up as evidence in committed blocks, and only against the 32.
 *
 * Fewer round + 1 voters and double voters than 32 only for time: every equivocation is flooded by
 * every node to every node (99 x 98 deliveries each), and a failed round makes each round + 1 voter
 * equivocate twice.
 */
import { expect } from 'chai';
import { seededRng } from '../../chain/ports/seeded-rng.ts';
import { byzantineEndpoint, newByzantineStats } from '../fixtures/byzantine.ts';
import { committedEvidence, expectAgreement, expectValidChain, SignedLog, timed } from '../fixtures/sim-checks.ts';
import { committedTestnet, startSimTestnet, validatorSecret } from '../fixtures/sim-testnet.ts';

const HEIGHTS = 6;

describe('fault scenario: Byzantine messages (99 validators, 32 Byzantine)', function () {
  this.timeout(180_000); // .mocharc.json's 20 s is for unit tests
  it(`split proposals, replayed proposals, round + 1 votes, double votes: ${HEIGHTS} heights, same blocks everywhere, evidence only against the 32`, async () => {
    await timed('byzantine-messages', async () => {
      const network = committedTestnet();
      const byzantine = Array.from({ length: 32 }, (_, i) => 3 * i + 1);
      const stats = newByzantineStats();
      const honestLogs = new Map<number, SignedLog>();
      const sim = await startSimTestnet({
        network,
        seed: 'byzantine-messages',
        networkFor: (slot, endpoint) => {
          if (!byzantine.includes(slot)) {
            const log = honestLogs.get(slot) ?? new SignedLog(network.genesis.chainId);
            honestLogs.set(slot, log);
            return log.wrap(endpoint);
          }
          return byzantineEndpoint({
            endpoint,
            slot,
            slots: 99,
            validator: slot,
            secret: validatorSecret(network.seed, network.region, slot),
            chainId: network.genesis.chainId,
            rng: seededRng(`byzantine/${slot}`),
            behaviour: { splitProposal: true, replay: true, futureRound: byzantine.indexOf(slot) < 8, doubleVote: byzantine.indexOf(slot) >= 30 },
            stats,
          });
        },
      });
      try {
        const ok = await sim.run(() => Math.min(...sim.heights()) >= HEIGHTS, 240_000);
        const heights = sim.heights();
        expect(ok, `heights ${heights}`).to.equal(true);
        expect(heights).to.have.length(99);
        await expectAgreement(sim);
        await expectValidChain(sim);
        expect(stats.doubleVotes, 'double votes').to.be.greaterThan(0);
        expect(stats.futureVotes, 'round + 1 votes').to.be.greaterThan(0);
        expect(stats.splitProposals, 'split proposals').to.be.greaterThan(0);
        expect(stats.replays, 'replayed proposals').to.be.greaterThan(0);
        // Honest validators never signed two messages at one position.
        for (const [slot, log] of honestLogs) expect(log.conflicts(), `honest slot ${slot}`).to.deep.equal([]);
        const found = await committedEvidence(sim.nodes[0]!.store);
        expect(found.length, 'no DuplicateVoteEvidence was committed').to.be.greaterThan(0);
        for (const { height, evidence } of found) {
          expect(byzantine, `evidence against honest validator ${evidence.a.validator}`).to.include(evidence.a.validator);
          expect(evidence.a.height).to.be.below(height);
        }
        const rounds = await Promise.all(Array.from({ length: HEIGHTS }, async (_, h) => (await sim.nodes[0]!.store.blocks.commit(h + 1))!.round));
        console.log(`      (${JSON.stringify(stats)}; ${found.length} evidence items committed; decided in rounds ${rounds.join(',')})`);
      } finally {
        sim.stop();
      }
    });
  });
});
