/**
 * The transaction envelope. Every tx names its chain, its sender's ed25519 key, a nonce (replay
 * protection, one per sender, no gaps), a fee in the regional token, an expiry height (the last
 * block height that may include it), a typed body (module, command, params) and a signature over
 * the domain-separated canonical encoding of everything else.
 */
import type BN from 'bn.js';
import type { CborValue } from '../codec/cbor.ts';

export const TX_VERSION = 1;
export const MAX_NAME_LENGTH = 32;

export interface TxBody {
  readonly module: string;
  readonly command: string;
  readonly params: CborValue;
}

export interface UnsignedTx {
  readonly chainId: string;
  /** ed25519 public key of the sender, 32 bytes. */
  readonly sender: Uint8Array;
  readonly nonce: number;
  /** Fee in base units of the regional token. */
  readonly fee: BN;
  /** Last block height at which the tx may be included. */
  readonly expiry: number;
  readonly body: TxBody;
}

export interface SignedTx extends UnsignedTx {
  readonly signature: Uint8Array;
}

/** A tx as the node holds it after `decodeTx`: parsed once, frozen, with its derived bytes. */
export interface DecodedTx extends SignedTx {
  /** The exact encoded bytes (what a block carries). */
  readonly bytes: Uint8Array;
  /** sha256 of `bytes`. */
  readonly hash: Uint8Array;
  /** The bytes the signature covers (domain tag, chain id, unsigned encoding). */
  readonly signBytes: Uint8Array;
  /** The sender's 20-byte account address. */
  readonly senderAddress: Uint8Array;
}
