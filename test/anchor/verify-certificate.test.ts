import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { blsAggregateSignatures, blsSign } from '../../chain/crypto/bls.ts';
import { deriveBlsKey } from '../../chain/crypto/key-derivation.ts';
import { certificateSignBytes } from '../../chain/anchor/certificate.ts';
import { bitmapFromIndices } from '../../chain/anchor/signer-bitmap.ts';
import {
  buildAggregate,
  checkPops,
  clearCertificateCaches,
  verifyAggregateSignature,
  signersAggregateKey,
  verifyCertificate,
  verifyCertificateForRegion,
} from '../../chain/anchor/verify-certificate.ts';
import type { RegionRecord } from '../../chain/anchor/hub-records.ts';
import { codeOf } from '../fixtures/expect-code.ts';
import { expectPortable } from '../fixtures/portability.ts';
import { aggregateSignature, certificateOf, range, REGION, regionKeys, setOf, signedAggregate, updateHash, updateOf } from './hub-anchor-fixture.ts';

describe('anchor/verify-certificate', function () {
  this.timeout(60_000);
  let keys: ReturnType<typeof regionKeys>;
  let set: ReturnType<typeof setOf>; // 99 x weight 1, threshold 67
  let cert: ReturnType<typeof certificateOf>;
  before(() => {
    keys = regionKeys(99);
    set = setOf(keys);
    cert = certificateOf(REGION, 50, set.hash);
  });

  it('uses the set of 99 equal weights with threshold 67', () => {
    expect(set.validators.length).to.equal(99);
    expect(set.threshold).to.equal(67);
  });

  it('signing with the sum of secrets gives exactly the aggregate of the individual signatures', () => {
    const signers = [0, 5, 17, 98];
    const each = signers.map((i) => blsSign(keys[i]!.secret, certificateSignBytes(cert)));
    expect(toHex(aggregateSignature(keys, signers, cert))).to.equal(toHex(blsAggregateSignatures(each)));
    const built = buildAggregate(cert, 99, signers.map((index, k) => ({ index, signature: each[k]! })));
    expect(toHex(built.signers)).to.equal(toHex(bitmapFromIndices(99, signers)));
    expect(toHex(built.signature)).to.equal(toHex(aggregateSignature(keys, signers, cert)));
  });

  it('accepts 67, 99 signers of 99; weight and signers are reported', () => {
    const r67 = verifyCertificate(signedAggregate(keys, cert, range(0, 67)), set, null);
    expect([r67.signers.length, r67.weight, r67.updated]).to.deep.equal([67, 67, false]);
    expect(r67.nextSet).to.equal(set);
    const r99 = verifyAggregateSignature(signedAggregate(keys, cert), set);
    expect(r99.weight).to.equal(99);
  });

  it('refuses 66 of 99 equal weights (threshold 67): ANCHOR_INSUFFICIENT_WEIGHT, even with a valid signature', () => {
    const agg = signedAggregate(keys, cert, range(0, 66));
    expect(codeOf(() => verifyCertificate(agg, set, null))).to.equal('ANCHOR_INSUFFICIENT_WEIGHT');
    expect(codeOf(() => verifyAggregateSignature(agg, set))).to.equal('ANCHOR_INSUFFICIENT_WEIGHT');
  });

  it('counts weights, not heads: 3 heavy signers reach a threshold 60 validators cannot', () => {
    const weights = keys.slice(0, 63).map((_, i) => (i < 3 ? 40 : 1)); // W = 120 + 60 = 180, threshold 121
    const heavy = setOf(keys.slice(0, 63), { weights });
    expect(heavy.threshold).to.equal(121);
    const c = certificateOf(REGION, 50, heavy.hash);
    expect(verifyCertificate(signedAggregate(keys.slice(0, 63), c, [0, 1, 2, ...range(3, 4)]), heavy, null).weight).to.equal(121);
    expect(codeOf(() => verifyCertificate(signedAggregate(keys.slice(0, 63), c, range(3, 63)), heavy, null))).to.equal('ANCHOR_INSUFFICIENT_WEIGHT');
  });

  it('refuses a forged signature: ANCHOR_BAD_SIGNATURE', () => {
    const good = signedAggregate(keys, cert, range(0, 67));
    // Signed by 67 others than the bitmap says.
    const wrongSigners = { ...good, signature: aggregateSignature(keys, range(30, 97), cert) };
    expect(codeOf(() => verifyCertificate(wrongSigners, set, null))).to.equal('ANCHOR_BAD_SIGNATURE');
    // A signature of another certificate.
    const other = { ...good, signature: aggregateSignature(keys, range(0, 67), certificateOf(REGION, 51, set.hash)) };
    expect(codeOf(() => verifyCertificate(other, set, null))).to.equal('ANCHOR_BAD_SIGNATURE');
    // A valid signature with one signer's secret replaced by an outsider's.
    const outsider = deriveBlsKey('outsider', 'x');
    const forged = { ...good, signature: aggregateSignature([outsider, ...keys.slice(1)], range(0, 67), cert) };
    expect(codeOf(() => verifyCertificate(forged, set, null))).to.equal('ANCHOR_BAD_SIGNATURE');
    // Bytes that are no curve point.
    const garbage = { ...good, signature: new Uint8Array(96).fill(7) };
    expect(codeOf(() => verifyCertificate(garbage, set, null))).to.equal('ANCHOR_BAD_SIGNATURE');
  });

  it('refuses malformed bitmaps: ANCHOR_BAD_BITMAP (wrong length, a bit at or beyond n, no signer)', () => {
    const good = signedAggregate(keys, cert);
    expect(good.signers.length).to.equal(13);
    expect(codeOf(() => verifyCertificate({ ...good, signers: good.signers.slice(0, 12) }, set, null))).to.equal('ANCHOR_BAD_BITMAP');
    expect(codeOf(() => verifyCertificate({ ...good, signers: Uint8Array.of(...good.signers, 0) }, set, null))).to.equal('ANCHOR_BAD_BITMAP');
    const outOfRange = Uint8Array.from(good.signers);
    outOfRange[12] = outOfRange[12]! | 0x10; // bit 99: validator 99 does not exist (0..98)
    expect(codeOf(() => verifyCertificate({ ...good, signers: outOfRange }, set, null))).to.equal('ANCHOR_BAD_BITMAP');
    expect(codeOf(() => verifyCertificate({ ...good, signers: new Uint8Array(13) }, set, null))).to.equal('ANCHOR_BAD_BITMAP');
  });

  it('refuses a duplicate signer where signers come as an index list (buildAggregate): ANCHOR_DUPLICATE_SIGNER', () => {
    const sig = blsSign(keys[3]!.secret, certificateSignBytes(cert));
    expect(codeOf(() => buildAggregate(cert, 99, [{ index: 3, signature: sig }, { index: 4, signature: sig }, { index: 3, signature: sig }]))).to.equal('ANCHOR_DUPLICATE_SIGNER');
    expect(codeOf(() => buildAggregate(cert, 99, [{ index: 99, signature: sig }]))).to.equal('ANCHOR_BAD_BITMAP');
    expect(codeOf(() => buildAggregate(cert, 99, []))).to.equal('ANCHOR_BAD_BITMAP');
  });

  describe('validator-set updates', () => {
    let next: ReturnType<typeof regionKeys>; // 100 keys (same seed: 99 of them are the current ones)
    before(() => (next = regionKeys(100)));
    const moved = (u: ReturnType<typeof updateOf>) => signedAggregate(keys, certificateOf(REGION, 100, updateHash(u)), range(0, 67));

    it('accepts a checked update hashing to validatorsHash: the next set is the update', () => {
      const u = updateOf(next, 67);
      const r = verifyCertificate(moved(u), set, u);
      expect(r.updated).to.equal(true);
      expect(r.nextSet.validators.length).to.equal(100);
      expect(toHex(r.nextSet.hash)).to.equal(toHex(updateHash(u)));
    });

    it('refuses threshold 0 and above the total: ANCHOR_BAD_THRESHOLD', () => {
      for (const threshold of [0, 33, 101]) {
        const u = updateOf(next, threshold);
        expect(codeOf(() => verifyCertificate(moved(u), set, u)), `threshold ${threshold}`).to.equal('ANCHOR_BAD_THRESHOLD');
      }
    });

    it('refuses unsorted and duplicate keys, zero weight, no validators: ANCHOR_BAD_VALIDATOR_SET', () => {
      const unsorted = updateOf([next[1]!, next[0]!, ...next.slice(2)], 67);
      expect(codeOf(() => verifyCertificate(moved(unsorted), set, unsorted))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
      const duplicate = updateOf([next[0]!, next[0]!, ...next.slice(2)], 67);
      expect(codeOf(() => verifyCertificate(moved(duplicate), set, duplicate))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
      const zero = updateOf(next, 67, next.map((_, i) => (i === 5 ? 0 : 1)));
      expect(codeOf(() => verifyCertificate(moved(zero), set, zero))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
      const empty = updateOf([], 1);
      expect(codeOf(() => verifyCertificate(moved(empty), set, empty))).to.equal('ANCHOR_BAD_VALIDATOR_SET');
    });

    it('refuses a wrong hash: ANCHOR_VALIDATORS_HASH_MISMATCH (with and without an update)', () => {
      const u = updateOf(next, 67);
      const wrong = signedAggregate(keys, certificateOf(REGION, 100, updateHash(updateOf(next, 68))), range(0, 67));
      expect(codeOf(() => verifyCertificate(wrong, set, u))).to.equal('ANCHOR_VALIDATORS_HASH_MISMATCH');
      expect(codeOf(() => verifyCertificate(moved(u), set, null))).to.equal('ANCHOR_VALIDATORS_HASH_MISMATCH');
    });

    it('refuses a new key whose proof of possession fails: ANCHOR_BAD_POP; known keys are not checked again', () => {
      const bad = updateOf(next, 67);
      const i = bad.validators.findIndex((v) => !keys.some((k) => toHex(k.publicKey) === toHex(v.blsPublicKey)));
      const forged = { ...bad, validators: bad.validators.map((v, k) => (k === i ? { ...v, blsPop: bad.validators[(i + 1) % 100]!.blsPop } : v)) };
      expect(codeOf(() => verifyCertificate(moved(forged), set, forged))).to.equal('ANCHOR_BAD_POP');
      expect(codeOf(() => checkPops(forged.validators))).to.equal('ANCHOR_BAD_POP');
    });
  });

  it('checks the region chain id: another chain is ANCHOR_UNKNOWN_REGION', () => {
    const region: RegionRecord = { chainId: 'tfr-other-1', validators: set.validators, threshold: 67, lastHeight: 0, lastBlockHash: new Uint8Array(32), lastStateRoot: new Uint8Array(32), lastHubHeight: 0, frozen: false, registeredHeight: 0 };
    expect(codeOf(() => verifyCertificateForRegion(signedAggregate(keys, cert), region, null))).to.equal('ANCHOR_UNKNOWN_REGION');
    expect(verifyCertificateForRegion(signedAggregate(keys, cert), { ...region, chainId: REGION }, null).weight).to.equal(99);
  });

  it('caches the aggregate key of a signer set by (set hash, bitmap): the second lookup returns the same key', () => {
    const agg = signedAggregate(keys, certificateOf(REGION, 77, set.hash), range(10, 90));
    clearCertificateCaches();
    const signers = range(10, 90);
    const first = signersAggregateKey(set, agg.signers, signers);
    expect(first).to.not.equal(undefined);
    expect(signersAggregateKey(set, agg.signers, signers)).to.equal(first);
    verifyAggregateSignature(agg, set);
    clearCertificateCaches();
    expect(signersAggregateKey(set, agg.signers, signers)).to.not.equal(first);
  });

  it('is portable (no node:*, no Buffer)', () => {
    const files = expectPortable(['chain/anchor/verify-certificate.ts'], /^@noble\/(curves|hashes)\/|^cborg$/);
    expect(files).to.include('chain/anchor/certificate.ts');
  });
});
