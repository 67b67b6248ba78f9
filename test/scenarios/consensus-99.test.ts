import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { committedTestnet, startSimTestnet } from '../fixtures/sim-testnet.ts';

describe('scenario: the 99 validators of genesis/testnet.json in the simulator', () => {
  it('commit heights with real votes and the same blocks everywhere', async () => {
    const t0 = performance.now();
    const sim = await startSimTestnet({ network: committedTestnet() });
    const t1 = performance.now();
    const ok = await sim.run(() => Math.min(...sim.heights()) >= 5, 120_000);
    expect(ok, `heights ${sim.heights()}`).to.equal(true);
    const hashes = await Promise.all(sim.nodes.map(async (n) => toHex((await n!.store.blocks.block(5))!.header.parentHash)));
    expect(new Set(hashes).size).to.equal(1);
    const commit = await sim.nodes[0]!.store.blocks.commit(5);
    expect(commit!.signatures.length).to.be.at.least(67);
    sim.stop();
    console.log(`      (boot ${Math.round(t1 - t0)} ms, run ${Math.round(performance.now() - t1)} ms wall, ${Math.round(sim.clock.now() - sim.genesis.genesisTime)} ms virtual)`);
  });
});
