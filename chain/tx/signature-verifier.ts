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

/** Keeps at most `maxInFlight` verifications queued on the thread pool at once. */
export function threadPoolVerifier(maxInFlight = 256): SignatureVerifier {
  return {
    async verifyAll(checks) {
      const out = new Array<boolean>(checks.length).fill(false);
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < checks.length) {
          const i = next++;
          const c = checks[i]!;
          out[i] = await verifyEd25519Async(c.publicKey, c.message, c.signature);
        }
      };
      await Promise.all(Array.from({ length: Math.min(maxInFlight, checks.length) }, lane));
      return out;
    },
  };
}
