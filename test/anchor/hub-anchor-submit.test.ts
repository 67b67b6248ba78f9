import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import type { BlsKeyPair } from '../../chain/crypto/key-derivation.ts';
import { anchorKeys } from '../../chain/anchor/anchor-keys.ts';
import type { AnchorSet } from '../../chain/anchor/anchor-set.ts';
import type { AggregateCertificate } from '../../chain/anchor/certificate.ts';
import { anchoredCertificateCodec, regionRecordCodec, type RegionRecord } from '../../chain/anchor/hub-records.ts';
import { getAnchoredCertificate, getForkEvidence, getRegion } from '../../chain/anchor/hub-anchor-state.ts';
import { aggregateSignature, certificateOf, HubChain, range, REGION, regionJson, regionKeys, setOf, signedAggregate, updateHash, updateOf } from './hub-anchor-fixture.ts';

describe('anchor/hub-anchor: anchor.submit', function () {
  this.timeout(120_000);
  let keys: BlsKeyPair[];
  let set: AnchorSet;
  const cert = (height: number, fork = '') => certificateOf(REGION, height, set.hash, fork);
  const signed = (height: number, signers = range(0, 67), fork = '') => signedAggregate(keys, cert(height, fork), signers);

  before(() => {
    keys = regionKeys(99);
    set = setOf(keys);
  });

  async function region(hub: HubChain): Promise<RegionRecord> {
    const r = await getRegion(hub.state, REGION);
    if (r === undefined) throw new Error('region not registered');
    return r;
  }

  /** The region's record bytes and the certificate stored at `height` (raw state, by the contract's keys). */
  async function records(hub: HubChain, height: number): Promise<string> {
    const r = await hub.state.get(anchorKeys.region(REGION));
    const c = await hub.state.get(anchorKeys.certificate(REGION, height));
    return `${r === undefined ? '-' : toHex(r)}/${c === undefined ? '-' : toHex(c)}`;
  }

  describe('acceptance', () => {
    let hub: HubChain;
    before(async () => (hub = await HubChain.open([regionJson(REGION, keys)])));

    it('starts with the genesis registration: the set, threshold 67, nothing anchored', async () => {
      const r = await region(hub);
      expect([r.validators.length, r.threshold, r.lastHeight, r.lastHubHeight, r.frozen, r.registeredHeight]).to.deep.equal([99, 67, 0, 0, false, 0]);
      expect(toHex(r.lastBlockHash)).to.equal('00'.repeat(32));
    });

    it('accepts 67 of 99 signers: stores the certificate, moves the region record, emits anchor.accepted', async () => {
      const agg = signed(50);
      const applied = await hub.applyOk([hub.submit(agg)]);
      const event = applied.results.txs[0]!.events.find((e) => e.module === 'anchor');
      expect(event?.name).to.equal('accepted');
      expect(event?.data).to.deep.include({ chainId: REGION, height: 50, blockHash: toHex(agg.certificate.blockHash), stateRoot: toHex(agg.certificate.stateRoot), signers: 67, weight: 67, updated: false });
      const r = await region(hub);
      expect(r.lastHeight).to.equal(50);
      expect(toHex(r.lastBlockHash)).to.equal(toHex(agg.certificate.blockHash));
      expect(toHex(r.lastStateRoot)).to.equal(toHex(agg.certificate.stateRoot));
      expect(r.lastHubHeight).to.equal(hub.height());
      const stored = await getAnchoredCertificate(hub.state, REGION, 50);
      expect(stored).to.deep.equal({ height: 50, blockHash: agg.certificate.blockHash, stateRoot: agg.certificate.stateRoot, validatorsHash: set.hash, hubHeight: hub.height() });
      // Stored under the contract's keys, in the contract's codecs.
      const raw = await hub.state.get(anchorKeys.certificate(REGION, 50));
      expect(anchoredCertificateCodec.decode(raw!).height).to.equal(50);
      expect(regionRecordCodec.decode((await hub.state.get(anchorKeys.region(REGION)))!).lastHeight).to.equal(50);
    });

    it('accepts the next heights, with all 99 signers or any 67 (skipping heights is fine)', async () => {
      await hub.applyOk([hub.submit(signed(100, range(0, 99)))]);
      await hub.applyOk([hub.submit(signed(200, range(32, 99)))]);
      expect((await region(hub)).lastHeight).to.equal(200);
    });
  });

  describe('rejections: each invalid with its code, the state root and the records unchanged', () => {
    let hub: HubChain;
    before(async () => {
      hub = await HubChain.open([regionJson(REGION, keys)]);
      await hub.applyOk([hub.submit(signed(50))]);
      await hub.applyOk([hub.submit(signed(100))]);
    });

    async function refused(agg: AggregateCertificate, code: string, update: Parameters<HubChain['submit']>[1] = null): Promise<void> {
      const before = await records(hub, agg.certificate.height);
      await hub.expectInvalid(hub.submit(agg, update), code);
      expect(await records(hub, agg.certificate.height)).to.equal(before);
    }

    it('a forged signature: ANCHOR_BAD_SIGNATURE', async () => {
      const good = signed(150);
      await refused({ ...good, signature: aggregateSignature(keys, range(1, 68), good.certificate) }, 'ANCHOR_BAD_SIGNATURE');
      await refused({ ...good, certificate: cert(150, 'other block') }, 'ANCHOR_BAD_SIGNATURE');
    });

    it('signers at 66 of 99 equal weights (threshold 67): ANCHOR_INSUFFICIENT_WEIGHT', async () => {
      await refused(signed(150, range(0, 66)), 'ANCHOR_INSUFFICIENT_WEIGHT');
    });

    it('an out-of-range bitmap bit and a wrong-length bitmap: ANCHOR_BAD_BITMAP', async () => {
      const good = signed(150);
      const beyond = Uint8Array.from(good.signers);
      beyond[12] = beyond[12]! | 0x08; // bit 100
      await refused({ ...good, signers: beyond }, 'ANCHOR_BAD_BITMAP');
      await refused({ ...good, signers: good.signers.slice(0, 12) }, 'ANCHOR_BAD_BITMAP');
      await refused({ ...good, signers: Uint8Array.of(...good.signers, 0) }, 'ANCHOR_BAD_BITMAP');
    });

    it('a stale height (below the last, never anchored) and a repeated height: ANCHOR_STALE_HEIGHT', async () => {
      await refused(signed(75), 'ANCHOR_STALE_HEIGHT');
      await refused(signed(100), 'ANCHOR_STALE_HEIGHT'); // the last accepted certificate again
      await refused(signed(50, range(10, 77)), 'ANCHOR_STALE_HEIGHT'); // an older one, other signers
    });

    it('a wrong chain id: ANCHOR_UNKNOWN_REGION', async () => {
      await refused(signedAggregate(keys, certificateOf('tfr-elsewhere-1', 150, set.hash), range(0, 67)), 'ANCHOR_UNKNOWN_REGION');
    });

    it('a validatorsHash that is not the registered set\'s, without an update: ANCHOR_VALIDATORS_HASH_MISMATCH', async () => {
      await refused(signedAggregate(keys, certificateOf(REGION, 150, new Uint8Array(32).fill(1)), range(0, 67)), 'ANCHOR_VALIDATORS_HASH_MISMATCH');
    });

    describe('a validator-set update', () => {
      let next: BlsKeyPair[];
      before(() => (next = regionKeys(100)));
      const moving = (u: ReturnType<typeof updateOf>) => signedAggregate(keys, certificateOf(REGION, 150, updateHash(u)), range(0, 67));

      it('with threshold 0 or above the total: ANCHOR_BAD_THRESHOLD', async () => {
        for (const threshold of [0, 101]) {
          const u = updateOf(next, threshold);
          await refused(moving(u), 'ANCHOR_BAD_THRESHOLD', u);
        }
      });

      it('with unsorted keys or duplicate keys: ANCHOR_BAD_VALIDATOR_SET', async () => {
        const unsorted = updateOf([...next].reverse(), 67);
        await refused(moving(unsorted), 'ANCHOR_BAD_VALIDATOR_SET', unsorted);
        const duplicate = updateOf([next[0]!, ...next.slice(0, 99)], 67);
        await refused(moving(duplicate), 'ANCHOR_BAD_VALIDATOR_SET', duplicate);
      });

      it('hashing to another validatorsHash: ANCHOR_VALIDATORS_HASH_MISMATCH', async () => {
        const u = updateOf(next, 67);
        await refused(moving(updateOf(next, 68)), 'ANCHOR_VALIDATORS_HASH_MISMATCH', u);
      });

      it('with a new key whose proof of possession fails: ANCHOR_BAD_POP', async () => {
        const u = updateOf(next, 67);
        const fresh = u.validators.findIndex((v) => !keys.some((k) => toHex(k.publicKey) === toHex(v.blsPublicKey)));
        const bad = { ...u, validators: u.validators.map((v, i) => (i === fresh ? { ...v, blsPop: keys[0]!.pop } : v)) };
        await refused(moving(bad), 'ANCHOR_BAD_POP', bad);
      });
    });

    it('malformed params (a 95-byte signature): TX_BAD_PARAMS', async () => {
      const good = signed(150);
      await hub.expectInvalid(hub.submit({ ...good, signature: good.signature.slice(0, 95) }), 'TX_BAD_PARAMS');
    });

    describe('then', () => {
      it('the valid certificate of height 150 is accepted', async () => {
        await hub.applyOk([hub.submit(signed(150))]);
        expect((await region(hub)).lastHeight).to.equal(150);
      });
    });

  });

  describe('validator-set change', () => {
    it('a certificate carrying the next set replaces the registered set; the old set can no longer sign', async () => {
      const hub = await HubChain.open([regionJson(REGION, keys)]);
      const next = regionKeys(100);
      const nextSet = setOf(next);
      const u = updateOf(next, nextSet.threshold);
      const moving = signedAggregate(keys, certificateOf(REGION, 50, nextSet.hash), range(0, 67));
      const applied = await hub.applyOk([hub.submit(moving, u)]);
      expect(applied.results.txs[0]!.events.find((e) => e.name === 'accepted')?.data['updated']).to.equal(true);
      const r = await region(hub);
      expect([r.validators.length, r.threshold]).to.deep.equal([100, 67]);
      expect(toHex((await getAnchoredCertificate(hub.state, REGION, 50))!.validatorsHash)).to.equal(toHex(nextSet.hash));
      // Signed by the old 99 (same bitmap length, 13 bytes) against the new set: refused.
      await hub.expectInvalid(hub.submit(signedAggregate(keys, certificateOf(REGION, 100, nextSet.hash), range(0, 67))), 'ANCHOR_BAD_SIGNATURE');
      // Signed by 67 of the new 100.
      await hub.applyOk([hub.submit(signedAggregate(next, certificateOf(REGION, 100, nextSet.hash), range(33, 100)))]);
      expect((await region(hub)).lastHeight).to.equal(100);
    });
  });

  describe('fork evidence', () => {
    it('two conflicting valid certificates for one height: evidence stored, region frozen, later submits refused', async () => {
      const hub = await HubChain.open([regionJson(REGION, keys)]);
      const accepted = signed(50);
      await hub.applyOk([hub.submit(accepted)]);
      const before = await region(hub);
      const conflicting = signed(50, range(32, 99), 'a fork');
      const applied = await hub.applyOk([hub.submit(conflicting)]);
      const event = applied.results.txs[0]!.events.find((e) => e.module === 'anchor');
      expect(event?.name).to.equal('fork');
      expect(event?.data).to.deep.equal({ chainId: REGION, height: 50, acceptedBlockHash: toHex(accepted.certificate.blockHash), conflictingBlockHash: toHex(conflicting.certificate.blockHash) });
      const evidence = await getForkEvidence(hub.state, REGION, 50);
      expect(evidence).to.not.equal(undefined);
      expect(toHex(evidence!.accepted.blockHash)).to.equal(toHex(accepted.certificate.blockHash));
      expect(toHex(evidence!.conflicting.certificate.blockHash)).to.equal(toHex(conflicting.certificate.blockHash));
      expect(toHex(evidence!.conflicting.signature)).to.equal(toHex(conflicting.signature));
      expect(evidence!.hubHeight).to.equal(hub.height());
      const after = await region(hub);
      expect(after.frozen).to.equal(true);
      // Nothing else moved: the anchored height and block stay those first accepted.
      expect({ ...after, frozen: false }).to.deep.equal(before);
      await hub.expectInvalid(hub.submit(signed(100)), 'ANCHOR_BRIDGE_FROZEN');
      await hub.expectInvalid(hub.submit(signed(50, range(0, 67), 'a third block')), 'ANCHOR_BRIDGE_FROZEN');
    });

    it('a conflicting certificate for an older anchored height is evidence too', async () => {
      const hub = await HubChain.open([regionJson(REGION, keys)]);
      await hub.applyOk([hub.submit(signed(50))]);
      await hub.applyOk([hub.submit(signed(100))]);
      await hub.applyOk([hub.submit(signed(50, range(0, 67), 'rewritten history'))]);
      expect((await region(hub)).frozen).to.equal(true);
      expect((await region(hub)).lastHeight).to.equal(100);
      expect(await getForkEvidence(hub.state, REGION, 50)).to.not.equal(undefined);
    });

    it('a conflicting certificate that does not verify is no evidence: refused, nothing frozen', async () => {
      const hub = await HubChain.open([regionJson(REGION, keys)]);
      await hub.applyOk([hub.submit(signed(50))]);
      const fake = signed(50, range(0, 67), 'a fork');
      await hub.expectInvalid(hub.submit({ ...fake, signature: signed(50).signature }), 'ANCHOR_BAD_SIGNATURE');
      await hub.expectInvalid(hub.submit(signed(50, range(0, 66), 'a fork')), 'ANCHOR_INSUFFICIENT_WEIGHT');
      expect((await region(hub)).frozen).to.equal(false);
      expect(await getForkEvidence(hub.state, REGION, 50)).to.equal(undefined);
    });
  });
});
