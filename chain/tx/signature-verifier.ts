/**
 * The signature-verification port used by block execution and (later) the mempool. Two node
 * implementations: on the main thread (synchronous node:crypto), and on libuv's thread pool
 * (node:crypto's callback form, many in flight; UV_THREADPOOL_SIZE sets the thread count).
 * Both return one boolean per check, in order.
 */
import { verifyEd25519, verifyEd25519Async } from '../crypto/ed25519-verify.ts';

export interface SignatureCheck {
  readonly publicKey: Uint8Array;
  readonly message: Uint8Array;
  readonly signature: Uint8Array;
}

export interface SignatureVerifier {
  verifyAll(checks: readonly SignatureCheck[]): Promise<boolean[]>;
}

export function mainThreadVerifier(): SignatureVerifier {
  return {
    async verifyAll(checks) {
      return checks.map((c) => verifyEd25519(c.publicKey, c.message, c.signature));
    },
  };
}

/**
 * Queues every check of a batch on the thread pool at once, so the pool stays busy even while the
 * main thread executes txs without yielding to the event loop. Batches above `maxBatch` are split
 * to bound the memory of pending requests.
 *
 * `maxInFlight` bounds the checks this verifier has on the pool at any time (the rest wait in
 * order): the pool also serves file and LevelDB I/O, and a WAL append or a signer-state write
 * queued behind thousands of tx checks would stall consensus (a node taking gossiped txs at a few
 * thousand a second). A few per thread keep the threads busy.
 */
export function threadPoolVerifier(maxBatch = 16_384, maxInFlight = Infinity): SignatureVerifier {
  const slot = limiter(maxInFlight);
  return {
    async verifyAll(checks) {
      const out: boolean[] = [];
      for (let start = 0; start < checks.length; start += maxBatch) {
        const chunk = checks.slice(start, start + maxBatch);
        out.push(...(await Promise.all(chunk.map((c) => slot(() => verifyEd25519Async(c.publicKey, c.message, c.signature))))));
      }
      return out;
    },
  };
}

/** Runs at most `max` of the functions given at once, the others in call order as slots free up. */
function limiter(max: number): <T>(f: () => Promise<T>) => Promise<T> {
  if (max === Infinity) return (f) => f();
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (f) => {
    // A freed slot passes straight to the next waiter, so `active` never overshoots.
    if (active < max) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await f();
    } finally {
      const next = waiting.shift();
      if (next !== undefined) next();
      else active--;
    }
  };
}
