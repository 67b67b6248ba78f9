import { expect } from 'chai';
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { toHex, utf8 } from '../../chain/codec/bytes.ts';
import { isChainError } from '../../chain/errors.ts';
import {
  blsAggregateSignatures,
  blsFastAggregateVerify,
  blsProvePossession,
  blsPublicKey,
  blsPublicKeyCacheSize,
  blsSecretFromSeed,
  blsSign,
  blsVerify,
  blsVerifyPossession,
} from '../../chain/crypto/bls.ts';
import { flipBit, hex } from './hex.ts';

const isCode = (code: string) => (e: unknown) => isChainError(e) && e.code === code;
const seed = (i: number): Uint8Array => new Uint8Array(32).fill(i);
const IDENTITY_G1 = hex('c0' + '00'.repeat(47));
const IDENTITY_G2 = hex('c0' + '00'.repeat(95));
const R = bls12_381.fields.Fr.ORDER;

function scalarBytes(k: bigint): Uint8Array {
  return hex(k.toString(16).padStart(64, '0'));
}

describe('crypto/bls: known answers (Ethereum bls12-381-tests use the same POP ciphersuite)', () => {
  it('reproduces public keys and signatures exactly', () => {
    const sk1 = hex('263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e3');
    expect(toHex(blsPublicKey(sk1))).to.equal(
      'a491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654d067c0618f6e5a7f79a',
    );
    const sig1 = blsSign(sk1, new Uint8Array(32));
    expect(toHex(sig1)).to.equal(
      'b6ed936746e01f8ecf281f020953fbf1f01debd5657c4a383940b020b26507f6076334f91e2366c96e9ab279fb5158090352ea1c5b0c9274504f4f0e7053af24802e51e4568d164fe986834f41e55c8e850ce1f98458c0cfc9ab380b55285a55',
    );
    expect(blsVerify(blsPublicKey(sk1), new Uint8Array(32), sig1)).to.equal(true);

    const sk3 = hex('328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216');
    expect(toHex(blsPublicKey(sk3))).to.equal(
      'b53d21a4cfd562c469cc81514d4ce5a6b577d8403d32a394dc265dd190b47fa9f829fdd7963afdf972e5e77854051f6f',
    );
    expect(toHex(blsSign(sk3, new Uint8Array(32).fill(0x56)))).to.equal(
      'a4efa926610b8bd1c8330c918b7a5e9bf374e53435ef8b7ec186abf62e1b1f65aeaaeb365677ac1d1172a1f5b44b4e6d022c252c58486c0a759fbdc7de15a756acc4d343064035667a594b4c2a6f0b0b421975977f297dba63ee2f63ffe47bb6',
    );
  });
});

describe('crypto/bls: sign and verify', () => {
  const sk = blsSecretFromSeed(seed(1));
  const pk = blsPublicKey(sk);
  const otherPk = blsPublicKey(blsSecretFromSeed(seed(2)));
  const msg = utf8('certificate 42');
  const sig = blsSign(sk, msg);

  it('has the documented sizes', () => {
    expect(sk.length).to.equal(32);
    expect(pk.length).to.equal(48);
    expect(sig.length).to.equal(96);
  });

  it('verifies, and fails for a wrong message, wrong key or altered signature', () => {
    expect(blsVerify(pk, msg, sig)).to.equal(true);
    expect(blsVerify(pk, utf8('certificate 43'), sig)).to.equal(false);
    expect(blsVerify(otherPk, msg, sig)).to.equal(false);
    expect(blsVerify(pk, msg, flipBit(sig, 95))).to.equal(false);
    expect(blsVerify(pk, msg, flipBit(sig, 20, 4))).to.equal(false);
  });

  it('uses the POP ciphersuite: a signature under the NUL (basic) DST does not verify', () => {
    const scheme = bls12_381.longSignatures;
    const nul = scheme.Signature.toBytes(scheme.sign(scheme.hash(msg, 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_'), sk));
    expect(blsVerify(pk, msg, nul)).to.equal(false);
  });

  it('answers false, never throws, on malformed keys and signatures', () => {
    const bad: [Uint8Array, Uint8Array][] = [
      [pk.subarray(0, 47), sig],
      [new Uint8Array(48), sig], // no compression flag
      [new Uint8Array(48).fill(0xff), sig],
      [IDENTITY_G1, sig],
      [pk, sig.subarray(0, 95)],
      [pk, new Uint8Array(96)],
      [pk, IDENTITY_G2],
      [IDENTITY_G1, IDENTITY_G2],
    ];
    for (const [p, s] of bad) expect(blsVerify(p, msg, s)).to.equal(false);
  });

  it('rejects secrets that are not a scalar in [1, r-1]', () => {
    for (const s of [new Uint8Array(32), scalarBytes(R), scalarBytes(R + 5n), new Uint8Array(32).fill(0xff), new Uint8Array(31)]) {
      expect(() => blsPublicKey(s)).to.throw().that.satisfies(isCode('CRYPTO_BAD_KEY'));
      expect(() => blsSign(s, msg)).to.throw().that.satisfies(isCode('CRYPTO_BAD_KEY'));
      expect(() => blsProvePossession(s)).to.throw().that.satisfies(isCode('CRYPTO_BAD_KEY'));
    }
    expect(blsPublicKey(scalarBytes(R - 1n)).length).to.equal(48);
    expect(blsPublicKey(scalarBytes(1n)).length).to.equal(48);
  });
});

describe('crypto/bls: proof of possession', () => {
  const sk = blsSecretFromSeed(seed(3));
  const pk = blsPublicKey(sk);
  const pop = blsProvePossession(sk);
  const otherSk = blsSecretFromSeed(seed(4));
  const otherPop = blsProvePossession(otherSk);

  it('verifies for its own key', () => {
    expect(pop.length).to.equal(96);
    expect(blsVerifyPossession(pk, pop)).to.equal(true);
  });

  it('a PoP of another key fails', () => {
    expect(blsVerifyPossession(pk, otherPop)).to.equal(false);
    expect(blsVerifyPossession(blsPublicKey(otherSk), pop)).to.equal(false);
  });

  it('is domain-separated from message signatures both ways', () => {
    // A PoP is not a signature of the key bytes as a message, nor the reverse.
    expect(blsVerify(pk, pk, pop)).to.equal(false);
    expect(blsVerifyPossession(pk, blsSign(sk, pk))).to.equal(false);
  });

  it('answers false, never throws, on malformed input and the identity key', () => {
    expect(blsVerifyPossession(IDENTITY_G1, IDENTITY_G2)).to.equal(false);
    expect(blsVerifyPossession(IDENTITY_G1, pop)).to.equal(false);
    expect(blsVerifyPossession(pk, IDENTITY_G2)).to.equal(false);
    expect(blsVerifyPossession(pk.subarray(1), pop)).to.equal(false);
    expect(blsVerifyPossession(pk, pop.subarray(1))).to.equal(false);
    expect(blsVerifyPossession(pk, flipBit(pop, 50))).to.equal(false);
    expect(blsVerifyPossession(new Uint8Array(48).fill(0xaa), pop)).to.equal(false);
  });
});

describe('crypto/bls: fast aggregate verify of 99 signers', function () {
  this.timeout(30_000);
  const N = 99;
  const message = utf8('anchor certificate: height 1000');
  let secrets: Uint8Array[] = [];
  let pubs: Uint8Array[] = [];
  let sigs: Uint8Array[] = [];
  let agg: Uint8Array = new Uint8Array(0);

  before(() => {
    secrets = Array.from({ length: N }, (_, i) => blsSecretFromSeed(seed(100 + i)));
    pubs = secrets.map(blsPublicKey);
    sigs = secrets.map((s) => blsSign(s, message));
    agg = blsAggregateSignatures(sigs);
  });

  it('verifies cold, then again from cached key points', () => {
    const before = blsPublicKeyCacheSize();
    expect(agg.length).to.equal(96);
    expect(blsFastAggregateVerify(pubs, message, agg)).to.equal(true);
    const afterFirst = blsPublicKeyCacheSize();
    expect(afterFirst - before).to.equal(N);
    expect(blsFastAggregateVerify(pubs, message, agg)).to.equal(true);
    expect(blsPublicKeyCacheSize()).to.equal(afterFirst);
  });

  it('fails with one signer missing from the keys or from the signature', () => {
    expect(blsFastAggregateVerify(pubs.slice(1), message, agg)).to.equal(false);
    expect(blsFastAggregateVerify(pubs, message, blsAggregateSignatures(sigs.slice(1)))).to.equal(false);
    // Both sides without signer 0 verifies again.
    expect(blsFastAggregateVerify(pubs.slice(1), message, blsAggregateSignatures(sigs.slice(1)))).to.equal(true);
  });

  it('fails with one wrong key, a wrong message, or a malformed key', () => {
    const wrong = pubs.slice();
    wrong[50] = blsPublicKey(blsSecretFromSeed(seed(250)));
    expect(blsFastAggregateVerify(wrong, message, agg)).to.equal(false);
    expect(blsFastAggregateVerify(pubs, utf8('anchor certificate: height 1001'), agg)).to.equal(false);
    const malformed = pubs.slice();
    malformed[7] = IDENTITY_G1;
    expect(blsFastAggregateVerify(malformed, message, agg)).to.equal(false);
    malformed[7] = pubs[7]!.subarray(0, 47);
    expect(blsFastAggregateVerify(malformed, message, agg)).to.equal(false);
  });

  it('answers false on an empty key set or a malformed aggregate', () => {
    expect(blsFastAggregateVerify([], message, agg)).to.equal(false);
    expect(blsFastAggregateVerify(pubs, message, IDENTITY_G2)).to.equal(false);
    expect(blsFastAggregateVerify(pubs, message, agg.subarray(0, 95))).to.equal(false);
  });

  it('aggregation of one signature is that signature', () => {
    expect(toHex(blsAggregateSignatures([sigs[0]!]))).to.equal(toHex(sigs[0]!));
    expect(blsFastAggregateVerify([pubs[0]!], message, sigs[0]!)).to.equal(true);
  });

  it('aggregation rejects an empty list and malformed signatures with CRYPTO_BAD_SIGNATURE', () => {
    expect(() => blsAggregateSignatures([])).to.throw().that.satisfies(isCode('CRYPTO_BAD_SIGNATURE'));
    expect(() => blsAggregateSignatures([sigs[0]!, new Uint8Array(96)])).to.throw().that.satisfies(isCode('CRYPTO_BAD_SIGNATURE'));
    expect(() => blsAggregateSignatures([sigs[0]!.subarray(1)])).to.throw().that.satisfies(isCode('CRYPTO_BAD_SIGNATURE'));
  });
});

describe('crypto/bls: blsSecretFromSeed', () => {
  it('is deterministic, in range, and distinct per seed', () => {
    const a = blsSecretFromSeed(seed(7));
    expect(toHex(blsSecretFromSeed(seed(7)))).to.equal(toHex(a));
    expect(toHex(blsSecretFromSeed(seed(8)))).to.not.equal(toHex(a));
    const k = BigInt('0x' + toHex(a));
    expect(k > 0n && k < R).to.equal(true);
  });

  it('rejects seeds shorter than 32 bytes and accepts longer ones', () => {
    expect(() => blsSecretFromSeed(new Uint8Array(31))).to.throw(RangeError);
    expect(blsSecretFromSeed(new Uint8Array(64)).length).to.equal(32);
  });
});
