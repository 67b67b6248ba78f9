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
 */
export function threadPoolVerifier(maxBatch = 16_384): SignatureVerifier {
  return {
    async verifyAll(checks) {
      const out: boolean[] = [];
      for (let start = 0; start < checks.length; start += maxBatch) {
        const chunk = checks.slice(start, start + maxBatch);
        out.push(...(await Promise.all(chunk.map((c) => verifyEd25519Async(c.publicKey, c.message, c.signature)))));
      }
      return out;
    },
  };
}
