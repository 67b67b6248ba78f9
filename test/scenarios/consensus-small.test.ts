import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { simGenesis, startSimTestnet } from '../fixtures/sim-testnet.ts';

describe('scenario: 4 validators in the simulator', () => {
  it('commit 10 heights with the same blocks everywhere', async () => {
    const t0 = performance.now();
    const sim = await startSimTestnet({ network: simGenesis(4) });
    const ok = await sim.run(() => Math.min(...sim.heights()) >= 10, 120_000);
    expect(ok, `heights ${sim.heights()}`).to.equal(true);
    const hashes = await Promise.all(sim.nodes.map(async (n) => toHex((await n!.store.blocks.block(10))!.header.parentHash)));
    expect(new Set(hashes).size).to.equal(1);
    sim.stop();
    console.log(`      (${Math.round(performance.now() - t0)} ms wall, ${sim.clock.now() - sim.genesis.genesisTime} ms virtual)`);
  });
});
