import { expect } from 'chai';
import { toHex, utf8 } from '../../chain/codec/bytes.ts';
import { SIGNING_PURPOSE, isValidChainId, signingBytes, type SigningPurpose } from '../../chain/crypto/domain.ts';
import { blsPublicKey, blsSecretFromSeed, blsSign, blsVerify } from '../../chain/crypto/bls.ts';
import { ed25519PublicKey, signEd25519, verifyEd25519Portable } from '../../chain/crypto/ed25519-sign.ts';
import { verifyEd25519 } from '../../chain/crypto/ed25519-verify.ts';

const payload = new Uint8Array([0xa1, 0x01, 0x02]);

describe('crypto/domain', () => {
  it('lays out tag || 0x00 || u8(len) || chainId || payload', () => {
    const got = signingBytes(SIGNING_PURPOSE.tx, 'egypt-1', payload);
    const expected = new Uint8Array([...utf8('TFR-tx-v1'), 0x00, 7, ...utf8('egypt-1'), ...payload]);
    expect(toHex(got)).to.equal(toHex(expected));
  });

  it('has the six purposes', () => {
    expect(Object.values(SIGNING_PURPOSE)).to.deep.equal(['tx', 'vote', 'proposal', 'certificate', 'uptime', 'node-registration']);
    for (const p of Object.values(SIGNING_PURPOSE)) {
      expect(toHex(signingBytes(p, 'x', new Uint8Array()))).to.equal(toHex(new Uint8Array([...utf8(`TFR-${p}-v1`), 0, 1, 0x78])));
    }
  });

  it('the same payload under two chain ids or two purposes gives different bytes', () => {
    const base = toHex(signingBytes(SIGNING_PURPOSE.tx, 'egypt-1', payload));
    expect(toHex(signingBytes(SIGNING_PURPOSE.tx, 'kenya-1', payload))).to.not.equal(base);
    expect(toHex(signingBytes(SIGNING_PURPOSE.vote, 'egypt-1', payload))).to.not.equal(base);
    // The length byte keeps chain id and payload apart: ("ab", [c..]) vs ("abc", [..]).
    const a = signingBytes(SIGNING_PURPOSE.tx, 'ab', new Uint8Array([0x63, 1]));
    const b = signingBytes(SIGNING_PURPOSE.tx, 'abc', new Uint8Array([1]));
    expect(toHex(a)).to.not.equal(toHex(b));
  });

  it('an ed25519 signature for one chain or purpose does not verify for another', () => {
    const secret = new Uint8Array(32).fill(5);
    const pk = ed25519PublicKey(secret);
    const sig = signEd25519(secret, signingBytes(SIGNING_PURPOSE.tx, 'egypt-1', payload));
    expect(verifyEd25519(pk, signingBytes(SIGNING_PURPOSE.tx, 'egypt-1', payload), sig)).to.equal(true);
    for (const [purpose, chain] of [
      [SIGNING_PURPOSE.tx, 'kenya-1'],
      [SIGNING_PURPOSE.vote, 'egypt-1'],
      [SIGNING_PURPOSE.proposal, 'egypt-1'],
    ] as const) {
      const other = signingBytes(purpose, chain, payload);
      expect(verifyEd25519(pk, other, sig)).to.equal(false);
      expect(verifyEd25519Portable(pk, other, sig)).to.equal(false);
    }
  });

  it('a BLS certificate signature for one chain does not verify for another', () => {
    const sk = blsSecretFromSeed(new Uint8Array(32).fill(6));
    const pk = blsPublicKey(sk);
    const sig = blsSign(sk, signingBytes(SIGNING_PURPOSE.certificate, 'egypt-1', payload));
    expect(blsVerify(pk, signingBytes(SIGNING_PURPOSE.certificate, 'egypt-1', payload), sig)).to.equal(true);
    expect(blsVerify(pk, signingBytes(SIGNING_PURPOSE.certificate, 'hub', payload), sig)).to.equal(false);
    expect(blsVerify(pk, signingBytes(SIGNING_PURPOSE.uptime, 'egypt-1', payload), sig)).to.equal(false);
  });

  it('chain id must be 1..64 printable ASCII', () => {
    for (const ok of ['a', 'egypt-1', 'x'.repeat(64), ' ~', 'Hub_Main.2']) {
      expect(isValidChainId(ok), ok).to.equal(true);
      expect(() => signingBytes(SIGNING_PURPOSE.tx, ok, payload)).to.not.throw();
    }
    for (const bad of ['', 'x'.repeat(65), 'tab\there', 'nul\u0000', 'é', 'del\u007f', 'emoji😀']) {
      expect(isValidChainId(bad), JSON.stringify(bad)).to.equal(false);
      expect(() => signingBytes(SIGNING_PURPOSE.tx, bad, payload)).to.throw(RangeError);
    }
  });

  it('rejects an unknown purpose at run time', () => {
    expect(() => signingBytes('transfer' as SigningPurpose, 'egypt-1', payload)).to.throw(RangeError);
  });
});
