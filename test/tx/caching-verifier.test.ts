import { expect } from 'chai';
import { cachingVerifier } from '../../chain/tx/caching-verifier.ts';
import { mainThreadVerifier, type SignatureCheck, type SignatureVerifier } from '../../chain/tx/signature-verifier.ts';
import { signEd25519 } from '../../chain/crypto/ed25519-sign.ts';
import { testKey } from '../fixtures/test-chain.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const msg = Uint8Array.of(1, 2, 3);
const good: SignatureCheck = { publicKey: alice.publicKey, message: msg, signature: signEd25519(alice.secret, msg) };

function counting(inner: SignatureVerifier): SignatureVerifier & { calls: number } {
  const v = {
    calls: 0,
    async verifyAll(checks: readonly SignatureCheck[]) {
      v.calls += checks.length;
      return inner.verifyAll(checks);
    },
  };
  return v;
}

describe('verified-signature cache', () => {
  it('verifies each exact (key, message, signature) once, however many nodes ask', async () => {
    const inner = counting(mainThreadVerifier());
    const cache = cachingVerifier(inner);
    for (let node = 0; node < 99; node++) expect(await cache.verifyAll([good])).to.deep.equal([true]);
    expect(inner.calls).to.equal(1);
    expect(cache.stats).to.deep.equal({ hits: 98, misses: 1 });
  });

  it('never answers from the cache for another key, message or signature', async () => {
    const inner = counting(mainThreadVerifier());
    const cache = cachingVerifier(inner);
    await cache.verifyAll([good]);
    const otherKey = { ...good, publicKey: bob.publicKey };
    const otherMsg = { ...good, message: Uint8Array.of(1, 2, 4) };
    const otherSig = { ...good, signature: signEd25519(bob.secret, msg) };
    expect(await cache.verifyAll([otherKey, otherMsg, otherSig, good])).to.deep.equal([false, false, false, true]);
    expect(inner.calls).to.equal(4);
  });

  it('does not cache failures', async () => {
    const inner = counting(mainThreadVerifier());
    const cache = cachingVerifier(inner);
    const bad = { ...good, message: Uint8Array.of(9) };
    await cache.verifyAll([bad]);
    await cache.verifyAll([bad]);
    expect(inner.calls).to.equal(2);
  });
});

describe('verified-signature cache under concurrency', () => {
  it('verifies a signature once even when many nodes ask in the same tick', async () => {
    const inner = counting(mainThreadVerifier());
    const cache = cachingVerifier(inner);
    const answers = await Promise.all(Array.from({ length: 99 }, () => cache.verifyAll([good])));
    expect(answers.every((a) => a[0] === true)).to.equal(true);
    expect(inner.calls).to.equal(1);
  });

  it('shares failures in flight but does not keep them', async () => {
    const inner = counting(mainThreadVerifier());
    const cache = cachingVerifier(inner);
    const bad = { ...good, message: Uint8Array.of(7) };
    const answers = await Promise.all([cache.verifyAll([bad]), cache.verifyAll([bad])]);
    expect(answers).to.deep.equal([[false], [false]]);
    expect(inner.calls).to.equal(1);
    await cache.verifyAll([bad]);
    expect(inner.calls).to.equal(2);
  });

  it('through(): another inner verifier for misses, the same cache for everyone', async () => {
    const main = counting(mainThreadVerifier());
    const pool = counting(mainThreadVerifier());
    const cache = cachingVerifier(main);
    const txs = cache.through(pool);
    expect(await txs.verifyAll([good])).to.deep.equal([true]);
    expect(await cache.verifyAll([good])).to.deep.equal([true]); // block execution finds it verified
    expect([main.calls, pool.calls]).to.deep.equal([0, 1]);
    const other = { ...good, message: Uint8Array.of(9) };
    expect(await cache.verifyAll([other])).to.deep.equal([false]);
    expect([main.calls, pool.calls]).to.deep.equal([1, 1]);
    expect(txs.stats).to.equal(cache.stats);
  });
});
