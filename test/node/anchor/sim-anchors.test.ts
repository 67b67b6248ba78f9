/**
 * Anchoring in the simulator: 4 validators, each its own process (its own anchor service and
 * collector), anchorInterval 3. Signatures travel as `anchor-sigs` messages over the simulated
 * network, each node checks its peers' and forms the aggregate of every anchor height; one
 * validator is Byzantine and sends, instead of its signature, a forged one, its real signature for
 * a wrong height, an out-of-set signer, and its signature claimed for another validator: every
 * honest node ignores or rejects all four and forms its aggregates from the three honest ones.
 * A crashed and restarted node still has its aggregates (its store survived).
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { signerIndices } from '../../../chain/anchor/signer-bitmap.ts';
import type { AnchorSignatures } from '../../../chain/node/anchor/anchor-messages.ts';
import type { NodeMessage } from '../../../chain/node/node-messages.ts';
import { startSimTestnet, type SimTestnet } from '../../fixtures/sim-testnet.ts';
import { ANCHOR_REGION, ANCHOR_SEED, anchorGenesis, expectValidAggregate, signerOf } from './anchor-fixture.ts';

const BYZANTINE = 3;

describe('anchoring: aggregates in the simulator, one collector per node', function () {
  this.timeout(120_000);
  let sim: SimTestnet | undefined;

  afterEach(() => {
    sim?.stop();
    sim = undefined;
  });

  it('signatures travel, aggregates form on every node, a Byzantine validator’s messages count for nothing', async () => {
    const genesis = anchorGenesis();
    const sent: AnchorSignatures[] = [];
    sim = await startSimTestnet({
      network: { genesis, seed: ANCHOR_SEED, region: ANCHOR_REGION },
      anchors: true,
      networkFor: (slot, endpoint) => {
        if (slot !== BYZANTINE) return endpoint;
        const lie = (m: AnchorSignatures): void => {
          const own = m.signatures[0]!;
          const c = m.certificate;
          const lies: AnchorSignatures[] = [
            { certificate: c, signatures: [{ signer: own.signer, signature: new Uint8Array(randomBytes(96)) }] },
            { certificate: { ...c, height: c.height + 1 }, signatures: [own] },
            { certificate: c, signatures: [{ signer: 9, signature: own.signature }] },
            { certificate: c, signatures: [{ signer: signerOf(genesis, 0), signature: own.signature }] },
          ];
          for (const l of lies) endpoint.broadcast({ kind: 'anchor-sigs', sigs: Object.freeze(l) });
        };
        return {
          ...endpoint,
          broadcast: (m: NodeMessage) => {
            if (m.kind !== 'anchor-sigs') return endpoint.broadcast(m);
            sent.push(m.sigs);
            lie(m.sigs);
          },
        };
      },
    });
    const honest = [0, 1, 2];
    const s = sim;
    const formed = (h: number) => honest.every((i) => s.anchorsOf(i)?.byHeight(h) !== undefined);
    expect(await s.run(() => formed(9), 120_000), `heights ${s.heights().join(',')}`).to.equal(true);

    expect(sent.map((m) => m.certificate.height), 'the Byzantine node signed each anchor height').to.include.members([3, 6, 9]);
    const expectedSigners = honest.map((i) => signerOf(genesis, i)).sort();
    for (const i of honest) {
      const service = s.anchorsOf(i)!;
      for (const h of [3, 6, 9]) {
        const a = service.byHeight(h)!;
        await expectValidAggregate(genesis, s.storeOf(i)!, a);
        expect(signerIndices(4, a.signers), `node ${i} height ${h}`).to.deep.equal(expectedSigners);
      }
      // Its own signature plus two peers' (checked); the lies were refused before or at the pairing.
      expect(service.stats.signatures).to.be.at.least(3);
      expect(service.checks.stats.singleChecks, 'forged and stolen signatures were checked alone').to.be.greaterThan(0);
    }

    // A crash loses nothing formed: the aggregates are in the node's store.
    const before = s.anchorsOf(1)!.latest(10);
    s.crash(1);
    await s.restart(1);
    expect(s.anchorsOf(1)!.latest(before.length)).to.deep.equal(before);
    expect(await s.run(() => s.anchorsOf(1)!.byHeight(15) !== undefined, 120_000), 'the restarted node forms new ones').to.equal(true);
  });
});
