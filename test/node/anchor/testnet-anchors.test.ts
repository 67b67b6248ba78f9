/**
 * Anchoring in the in-process testnet (`startTestnet`: every validator in one process, one
 * collector, LevelDB stores, real timers): 4 validators with anchorInterval 3 form an aggregate
 * certificate at every anchor height from their own BLS signatures (no network message, no
 * verification of local signatures), each aggregate is the stored block's certificate and passes
 * one fast-aggregate-verify against anchorSetFromGenesis; the aggregates survive a restart on the
 * same data directory and new ones keep forming after it.
 */
import { expect } from 'chai';
import type { AggregateCertificate } from '../../../chain/anchor/certificate.ts';
import { SILENT_LOGGER } from '../../../chain/ports/silent-logger.ts';
import { startTestnet, type Testnet } from '../../../chain/node/testnet.ts';
import { waitFor } from '../../fixtures/p2p-net.ts';
import { useTempDir } from '../temp-dir.ts';
import { ANCHOR_SEED, anchorGenesis, expectValidAggregate } from './anchor-fixture.ts';

const heightsOf = (as: readonly AggregateCertificate[]): number[] => as.map((a) => a.certificate.height);

describe('anchoring: aggregates in the in-process testnet', function () {
  this.timeout(120_000);
  const dir = useTempDir();
  let testnet: Testnet | undefined;

  afterEach(async () => {
    await testnet?.stop();
    testnet = undefined;
  });

  it('forms a verified aggregate at every anchor height, keeps them across a restart, and goes on', async () => {
    const genesis = anchorGenesis();
    testnet = await startTestnet({ genesis, seed: ANCHOR_SEED, dataDir: dir(), logger: SILENT_LOGGER });
    const heard: number[] = [];
    testnet.anchors.onAggregate((a) => heard.push(a.certificate.height));
    expect(await waitFor(() => testnet!.anchors.byHeight(9) !== undefined, 60_000), `aggregates so far: ${heightsOf(testnet.anchors.latest(10)).join(', ')}`).to.equal(true);

    const latest = testnet.anchors.latest(10);
    expect(heightsOf(latest), 'newest first, one per anchor height').to.deep.equal([...heightsOf(latest)].sort((a, b) => b - a));
    expect(heightsOf(latest)).to.include.members([3, 6, 9]);
    expect(heard).to.include.members([3, 6, 9]);
    expect(testnet.anchors.latest(1)).to.have.length(1);
    expect(testnet.anchors.byHeight(4), 'no certificate off the interval').to.equal(undefined);
    const store = testnet.nodes[0]!.store;
    for (const a of latest) await expectValidAggregate(genesis, store, a);
    // Within one process the collector needs 3 of 4 signatures (the threshold) and stops there.
    const before = latest.map((a) => ({ height: a.certificate.height, signers: Buffer.from(a.signers).toString('hex'), signature: Buffer.from(a.signature).toString('hex') }));
    await testnet.stop();
    testnet = undefined;

    testnet = await startTestnet({ genesis, seed: ANCHOR_SEED, dataDir: dir(), logger: SILENT_LOGGER });
    // Before any new block: what was formed is there, byte for byte.
    const reopened = testnet.anchors.latest(10).map((a) => ({ height: a.certificate.height, signers: Buffer.from(a.signers).toString('hex'), signature: Buffer.from(a.signature).toString('hex') }));
    expect(reopened.slice(0, before.length)).to.deep.equal(before);
    expect(testnet.anchors.byHeight(3)?.certificate.height).to.equal(3);
    const top = before[0]!.height;
    expect(await waitFor(() => testnet!.anchors.byHeight(top + 3) !== undefined, 60_000), 'a new aggregate after the restart').to.equal(true);
    await expectValidAggregate(genesis, testnet.nodes[0]!.store, testnet.anchors.byHeight(top + 3)!);
  });
});
