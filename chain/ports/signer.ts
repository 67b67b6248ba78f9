/**
 * The Signer port: signs the node's proposals and votes with the validator key, and is the one
 * place that guarantees the node never double-signs, even across crashes (see chain/node/signer.ts
 * for the rule). The driver asks it for every signature and sends nothing it did not return.
 */
import type { Hrs } from './hrs.ts';

export interface Signer {
  /** The validator's 32-byte ed25519 public key. */
  readonly publicKey: Uint8Array;
  /**
   * The 64-byte ed25519 signature of `message` (the domain-separated sign bytes of a proposal or
   * vote at `hrs`), made durable in the signer state before it is returned. Rejects with
   * NODE_SIGN_REGRESSION below the last signed position, NODE_SIGN_CONFLICT for different bytes
   * at that same position (the same bytes get the same signature back).
   */
  sign(hrs: Hrs, message: Uint8Array): Promise<Uint8Array>;
}
