import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { toHex, utf8 } from '../../chain/codec/bytes.ts';
import { isChainError } from '../../chain/errors.ts';
import { ed25519PublicKey, signEd25519, verifyEd25519Portable } from '../../chain/crypto/ed25519-sign.ts';
import { ed25519KeyCacheSize, verifyEd25519, verifyEd25519Async } from '../../chain/crypto/ed25519-verify.ts';
import { flipBit, hex } from './hex.ts';
import { RFC8032_VECTORS } from './rfc8032-vectors.ts';

describe('crypto/ed25519: RFC 8032 section 7.1 vectors', () => {
  it('TEST SHA(abc) message really is SHA-512("abc")', () => {
    const v = RFC8032_VECTORS[4]!;
    expect(createHash('sha512').update('abc').digest('hex')).to.equal(v.message);
  });

  it('TEST 1024 message is 1023 bytes', () => {
    expect(hex(RFC8032_VECTORS[3]!.message).length).to.equal(1023);
  });

  for (const v of RFC8032_VECTORS) {
    describe(v.name, () => {
      const secret = hex(v.secret);
      const publicKey = hex(v.publicKey);
      const message = hex(v.message);
      const signature = hex(v.signature);

      it('noble derives the public key and reproduces the signature exactly', () => {
        expect(toHex(ed25519PublicKey(secret))).to.equal(v.publicKey);
        expect(toHex(signEd25519(secret, message))).to.equal(v.signature);
      });

      it('verifies through node:crypto (sync and async) and noble', async () => {
        expect(verifyEd25519(publicKey, message, signature)).to.equal(true);
        expect(await verifyEd25519Async(publicKey, message, signature)).to.equal(true);
        expect(verifyEd25519Portable(publicKey, message, signature)).to.equal(true);
      });

      it('a flipped bit in signature, message or key fails both paths', async () => {
        const cases: [Uint8Array, Uint8Array, Uint8Array][] = [
          [publicKey, message, flipBit(signature, 0)], // R
          [publicKey, message, flipBit(signature, 40, 3)], // S
          [flipBit(publicKey, 5), message, signature],
        ];
        if (message.length > 0) cases.push([publicKey, flipBit(message, message.length - 1, 7), signature]);
        else cases.push([publicKey, new Uint8Array([0]), signature]);
        for (const [pk, msg, sig] of cases) {
          expect(verifyEd25519(pk, msg, sig)).to.equal(false);
          expect(await verifyEd25519Async(pk, msg, sig)).to.equal(false);
          expect(verifyEd25519Portable(pk, msg, sig)).to.equal(false);
        }
      });
    });
  }
});

describe('crypto/ed25519: malformed input', () => {
  const v = RFC8032_VECTORS[1]!;
  const publicKey = hex(v.publicKey);
  const message = hex(v.message);
  const signature = hex(v.signature);

  it('wrong lengths answer false on every path, never throw', async () => {
    const bad: [Uint8Array, Uint8Array][] = [
      [publicKey.subarray(0, 31), signature],
      [new Uint8Array(33), signature],
      [new Uint8Array(0), signature],
      [publicKey, signature.subarray(0, 63)],
      [publicKey, new Uint8Array(65)],
    ];
    for (const [pk, sig] of bad) {
      expect(verifyEd25519(pk, message, sig)).to.equal(false);
      expect(await verifyEd25519Async(pk, message, sig)).to.equal(false);
      expect(verifyEd25519Portable(pk, message, sig)).to.equal(false);
    }
  });

  it('a key that is not a curve point answers false', async () => {
    // y = 2 has no x on the curve.
    const notOnCurve = new Uint8Array(32);
    notOnCurve[0] = 2;
    expect(verifyEd25519(notOnCurve, message, signature)).to.equal(false);
    expect(await verifyEd25519Async(notOnCurve, message, signature)).to.equal(false);
    expect(verifyEd25519Portable(notOnCurve, message, signature)).to.equal(false);
  });

  it('a non-canonical S (S + L) is rejected by both paths', async () => {
    // Signature malleability: S' = S + L must not verify.
    const L = (1n << 252n) + 27742317777372353535851937790883648493n;
    const sig = hex(v.signature);
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(sig[32 + i]!);
    let s2 = s + L;
    const mal = sig.slice();
    for (let i = 0; i < 32; i++) {
      mal[32 + i] = Number(s2 & 0xffn);
      s2 >>= 8n;
    }
    expect(verifyEd25519(publicKey, message, mal)).to.equal(false);
    expect(await verifyEd25519Async(publicKey, message, mal)).to.equal(false);
    expect(verifyEd25519Portable(publicKey, message, mal)).to.equal(false);
  });

  it('signing rejects a secret that is not 32 bytes', () => {
    for (const s of [new Uint8Array(31), new Uint8Array(64)]) {
      expect(() => signEd25519(s, message)).to.throw().that.satisfies((e: unknown) => isChainError(e) && e.code === 'CRYPTO_BAD_KEY');
      expect(() => ed25519PublicKey(s)).to.throw().that.satisfies((e: unknown) => isChainError(e) && e.code === 'CRYPTO_BAD_KEY');
    }
  });

  it('caches imported keys', () => {
    const before = ed25519KeyCacheSize();
    const secret = new Uint8Array(32).fill(77);
    const pk = ed25519PublicKey(secret);
    const sig = signEd25519(secret, utf8('cache me'));
    expect(verifyEd25519(pk, utf8('cache me'), sig)).to.equal(true);
    const after = ed25519KeyCacheSize();
    expect(after).to.equal(before + 1);
    expect(verifyEd25519(pk, utf8('cache me'), sig)).to.equal(true);
    expect(ed25519KeyCacheSize()).to.equal(after);
  });

  it('many async verifies in flight all resolve correctly', async () => {
    const secret = new Uint8Array(32).fill(9);
    const pk = ed25519PublicKey(secret);
    const msgs = Array.from({ length: 64 }, (_, i) => utf8(`message ${i}`));
    const sigs = msgs.map((m) => signEd25519(secret, m));
    const results = await Promise.all(msgs.map((m, i) => verifyEd25519Async(pk, m, i % 2 === 0 ? sigs[i]! : sigs[(i + 1) % 64]!)));
    results.forEach((ok, i) => expect(ok, `item ${i}`).to.equal(i % 2 === 0));
  });
});
