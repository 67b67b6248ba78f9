/**
 * Certificate signatures on the real network.
 * - GossipValidator verdicts on `anchor-sigs` (no sockets), judged by a real AnchorService:
 *   reject bytes over the limit, undecodable or non-canonical bytes, a height off the interval, an
 *   out-of-set signer, a forged signature; ignore a height outside the collector's window, or any
 *   before the process collects; accept valid signatures.
 * - 4 validators, one libp2p host each (separate "processes" in this one), anchorInterval 3: each
 *   host's collector forms every aggregate from its own signature and its peers' (which crossed
 *   libp2p), and each aggregate verifies. A hostile peer publishing forged signatures is rejected
 *   by every validator.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { anchorSetFromGenesis } from '../../../chain/anchor/anchor-set.ts';
import { certificateSignBytes, type Certificate } from '../../../chain/anchor/certificate.ts';
import { signerIndices } from '../../../chain/anchor/signer-bitmap.ts';
import { encodeCbor } from '../../../chain/codec/cbor.ts';
import { blsSign } from '../../../chain/crypto/bls.ts';
import { AnchorService } from '../../../chain/node/anchor/anchor-service.ts';
import { encodeAnchorSignatures, maxAnchorPayloadBytes, type AnchorSignatures } from '../../../chain/node/anchor/anchor-messages.ts';
import { GossipValidator, maxPayloadBytes, type Verdict } from '../../../chain/node/p2p/gossip-validator.ts';
import { regionGenesisSections } from '../../../chain/node/region-modules.ts';
import { ManualClock } from '../../../chain/ports/manual-clock.ts';
import { ManualTimers } from '../../../chain/ports/manual-timers.ts';
import { SILENT_LOGGER } from '../../../chain/ports/silent-logger.ts';
import { MemoryKvStore } from '../../../chain/state/memory-kv-store.ts';
import { generateGenesis } from '../../../genesis/generate-genesis.ts';
import { formatGenesisJson } from '../../../genesis/genesis-file.ts';
import type { Genesis } from '../../../genesis/genesis-types.ts';
import { parseGenesis } from '../../../genesis/parse-genesis.ts';
import { startHostilePeer } from '../../fixtures/hostile-peer.ts';
import { P2P_REGION, P2P_SEED, gossipContext, p2pValidatorBlsSecret, startValidatorNet, waitFor, type ValidatorNet } from '../../fixtures/p2p-net.ts';
import { expectValidAggregate } from '../anchor/anchor-fixture.ts';

const rnd = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

let genesis: Genesis | undefined;
/** The p2p fixture's 4 validators with anchorInterval 3 and a short commit pause. */
function anchoredP2pGenesis(): Genesis {
  if (genesis === undefined) {
    const file = generateGenesis({ region: P2P_REGION, validators: 4, seed: P2P_SEED, accounts: 2, pool: false, dao: false });
    genesis = parseGenesis(formatGenesisJson({ ...file, consensus: { ...file.consensus, anchorInterval: 3, timeouts: { ...file.consensus.timeouts, commitMs: 200 } } }), { sections: regionGenesisSections() });
  }
  return genesis;
}

function signerIndexOf(g: Genesis, i: number): number {
  const key = Buffer.from(g.validators[i]!.blsPublicKey);
  return anchorSetFromGenesis(g).validators.findIndex((v) => key.equals(Buffer.from(v.blsPublicKey)));
}

function sigsBy(g: Genesis, c: Certificate, validators: readonly number[]): AnchorSignatures {
  const signatures = validators.map((i) => ({ signer: signerIndexOf(g, i), signature: blsSign(p2pValidatorBlsSecret(i), certificateSignBytes(c)) })).sort((a, b) => a.signer - b.signer);
  return { certificate: c, signatures };
}

describe('p2p: certificate signatures', function () {
  this.timeout(120_000);

  describe('gossip verdicts on anchor-sigs', () => {
    const g = anchoredP2pGenesis();
    const set = anchorSetFromGenesis(g);
    const cert = (height: number): Certificate => ({ chainId: g.chainId, height, blockHash: rnd(32), stateRoot: rnd(32), validatorsHash: set.hash });

    async function judge(bytes: Uint8Array, withAnchors = true): Promise<Verdict> {
      const timers = new ManualTimers(new ManualClock(0));
      const service = await AnchorService.open({ genesis: g, kv: new MemoryKvStore(), timers, logger: SILENT_LOGGER, publish: 'peers' });
      service.collector.noteTip(3);
      const validator = new GossipValidator({ ...gossipContext(g), ...(withAnchors && { anchors: (m) => service.gossipCheck(m) }) });
      const v = validator.validate('anchor-sigs', bytes);
      for (let i = 0; i < 5; i++) {
        timers.advance(100);
        await new Promise((r) => setImmediate(r));
      }
      return v;
    }
    const expectVerdict = async (bytes: Uint8Array, expected: Verdict['verdict'], reason?: RegExp, withAnchors = true): Promise<void> => {
      const v = await judge(bytes, withAnchors);
      expect(v.verdict, JSON.stringify(v)).to.equal(expected);
      if (reason !== undefined && v.verdict !== 'accept') expect(v.reason).to.match(reason);
    };

    it('accepts valid signatures; the size limit follows the validator count', async () => {
      await expectVerdict(encodeAnchorSignatures(sigsBy(g, cert(3), [0, 2])), 'accept');
      expect(maxPayloadBytes('anchor-sigs', gossipContext(g))).to.equal(maxAnchorPayloadBytes(4));
      // Every validator of the set in one message fits.
      expect(encodeAnchorSignatures(sigsBy(g, cert(3), [0, 1, 2, 3])).length).to.be.below(maxAnchorPayloadBytes(4));
    });

    it('rejects oversized, undecodable and non-canonical bytes, wrong heights, out-of-set signers and forgeries', async () => {
      await expectVerdict(rnd(maxAnchorPayloadBytes(4) + 1), 'reject', /over the limit/);
      await expectVerdict(rnd(40), 'reject', /^anchor-sigs: /);
      const good = sigsBy(g, cert(3), [1]);
      const goodBytes = encodeAnchorSignatures(good);
      await expectVerdict(new Uint8Array([...goodBytes, 0]), 'reject', /^anchor-sigs: /);
      const c = good.certificate;
      const raw = (sigs: ReadonlyArray<readonly [number, Uint8Array]>) => encodeCbor([[c.chainId, c.height, c.blockHash, c.stateRoot, c.validatorsHash], sigs.map(([s, sig]) => [s, sig])]);
      const sig = good.signatures[0]!.signature;
      await expectVerdict(raw([]), 'reject', /1\.\.1000 signatures/);
      await expectVerdict(raw([[2, sig], [1, sig]]), 'reject', /strictly ascending/);
      await expectVerdict(raw([[1, sig.subarray(0, 95)]]), 'reject', /96 bytes/);
      await expectVerdict(encodeAnchorSignatures(sigsBy(g, cert(4), [1])), 'reject', /not a multiple of the anchor interval/);
      await expectVerdict(encodeAnchorSignatures({ certificate: c, signatures: [{ signer: 4, signature: sig }] }), 'reject', /outside the set/);
      await expectVerdict(encodeAnchorSignatures({ certificate: { ...c, chainId: 'tfr-other-1' }, signatures: good.signatures }), 'reject', /chain/);
      await expectVerdict(encodeAnchorSignatures({ certificate: c, signatures: [{ signer: good.signatures[0]!.signer, signature: rnd(96) }] }), 'reject', /bad certificate signature/);
      const other = sigsBy(g, c, [2]).signatures[0]!.signature;
      await expectVerdict(encodeAnchorSignatures({ certificate: c, signatures: [{ signer: good.signatures[0]!.signer, signature: other }] }), 'reject', /bad certificate signature/);
    });

    it('ignores heights outside the window, and everything before the process collects', async () => {
      await expectVerdict(encodeAnchorSignatures(sigsBy(g, cert(300), [1])), 'ignore');
      await expectVerdict(encodeAnchorSignatures(sigsBy(g, cert(3), [1])), 'ignore', /not collecting/, false);
    });
  });

  describe('4 validators over libp2p', () => {
    let dir: string;
    let net: ValidatorNet | undefined;

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'tfr-anchor-p2p-'));
    });

    after(async () => {
      await net?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    it('signatures cross the network and every host forms every aggregate; forged ones are rejected', async () => {
      const g = anchoredP2pGenesis();
      net = await startValidatorNet(dir, g);
      const n = net;
      const hostile = await startHostilePeer(g.chainId);
      try {
        await hostile.connect(n.nodes.map((x) => x.host.addresses[0]!));
        // Forged signatures of a certificate at height 3, for validator 0's index: every validator rejects them.
        const forged = encodeAnchorSignatures({ certificate: { chainId: g.chainId, height: 3, blockHash: rnd(32), stateRoot: rnd(32), validatorsHash: anchorSetFromGenesis(g).hash }, signatures: [{ signer: 0, signature: rnd(96) }] });
        await hostile.publish('anchor-sigs', forged);
        const formed = (h: number) => n.nodes.every((x) => x.anchors.byHeight(h) !== undefined);
        expect(await waitFor(() => formed(6), 90_000), `heights ${n.heights().join(',')}; aggregates ${n.nodes.map((x) => x.anchors.latest(5).map((a) => a.certificate.height).join('/')).join(' ')}`).to.equal(true);
        for (const [i, node] of n.nodes.entries()) {
          for (const h of [3, 6]) {
            const a = node.anchors.byHeight(h)!;
            await expectValidAggregate(g, node.main.store, a);
            const signers = signerIndices(4, a.signers);
            // One signature is the host's own: the rest came over libp2p.
            expect(signers.length, `host ${i} height ${h}`).to.be.at.least(3);
            expect(signers).to.include(signerIndexOf(g, i));
          }
        }
        // All hosts agree on the certificate of each height.
        for (const h of [3, 6]) {
          const certs = n.nodes.map((x) => Buffer.from(encodeCbor([x.anchors.byHeight(h)!.certificate.blockHash])).toString('hex'));
          expect(new Set(certs).size).to.equal(1);
        }
        const rejectedAt = (i: number) => n.logs[i]!.entries.some((e) => e.message === 'rejected a gossip message' && e.fields['kind'] === 'anchor-sigs');
        expect(await waitFor(() => [0, 1, 2, 3].every(rejectedAt), 10_000), 'every validator rejected the forged signatures').to.equal(true);
      } finally {
        await hostile.stop();
      }
    });
  });
});
