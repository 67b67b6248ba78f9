/**
 * A verified-signature cache shared by every node of one process: in `tfr testnet` 99 validators
 * see the same ~200 votes per height and the same txs, and without it each signature would be
 * checked 99 times. The key is sha256 over the exact public key, signature and message bytes
 * (length-prefixed, so no two different triples share a key); only successes are cached, so a
 * flood of bad signatures cannot evict good entries faster than they are verified anyway.
 */
import { BoundedCache } from '../bounded-cache.ts';
import { sha256 } from '../codec/hash.ts';
import { cacheKey } from '../state/cache-key.ts';
import type { SignatureCheck, SignatureVerifier } from './signature-verifier.ts';

export interface CachingVerifier extends SignatureVerifier {
  readonly stats: { hits: number; misses: number };
  /**
   * A verifier sharing this one's cache (and checks in flight) that verifies what it misses with
   * `inner` instead: e.g. client txs on the thread pool while votes stay on the main thread.
   */
  through(inner: SignatureVerifier): CachingVerifier;
}

function lengthPrefix(n: number): Uint8Array {
  return Uint8Array.of(n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff);
}

function keyOf(c: SignatureCheck): string {
  return cacheKey(sha256(lengthPrefix(c.publicKey.length), c.publicKey, lengthPrefix(c.signature.length), c.signature, c.message));
}

export function cachingVerifier(inner: SignatureVerifier, capacity = 500_000): CachingVerifier {
  const verified = new BoundedCache<string, true>(capacity);
  // Checks under way: the nodes of a process receive a vote in the same tick, and all but the first
  // wait for its result instead of starting their own.
  const inFlight = new Map<string, Promise<boolean>>();
  const stats = { hits: 0, misses: 0 };
  const over = (verifier: SignatureVerifier): CachingVerifier => ({
    stats,
    through: over,
    async verifyAll(checks) {
      const keys = checks.map(keyOf);
      const answers: Array<boolean | Promise<boolean>> = new Array(checks.length);
      const missing: number[] = [];
      keys.forEach((k, i) => {
        if (verified.get(k) === true) {
          stats.hits++;
          answers[i] = true;
        } else {
          const pending = inFlight.get(k);
          if (pending !== undefined) {
            stats.hits++;
            answers[i] = pending;
          } else missing.push(i);
        }
      });
      stats.misses += missing.length;
      if (missing.length > 0) {
        const batch = verifier.verifyAll(missing.map((i) => checks[i]!));
        missing.forEach((i, j) => {
          const k = keys[i]!;
          const one = batch.then((results) => {
            inFlight.delete(k);
            const ok = results[j] === true;
            if (ok) verified.set(k, true);
            return ok;
          });
          one.catch(() => inFlight.delete(k));
          inFlight.set(k, one);
          answers[i] = one;
        });
      }
      return Promise.all(answers);
    },
  });
  return over(inner);
}
