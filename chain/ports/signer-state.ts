/**
 * Where the signer keeps its last signature, durably: a port so that the node stores it in a file
 * (chain/node/adapters/file-signer-state.ts) and tests in memory (memory-signer-state.ts). The
 * message is kept as its sha256: enough to recognise the same bytes asked again, fixed size.
 */
import type { Hrs } from './hrs.ts';

export interface LastSigned extends Hrs {
  /** sha256 of the signed message bytes. */
  readonly messageHash: Uint8Array;
  /** The 64-byte signature returned for it. */
  readonly signature: Uint8Array;
}

export interface SignerStateStore {
  /** The last saved state, or null when this validator never signed (a fresh store). */
  load(): Promise<LastSigned | null>;
  /** Resolves only once `state` is durable (fsynced); after a crash, load returns it or the previous one. */
  save(state: LastSigned): Promise<void>;
}
