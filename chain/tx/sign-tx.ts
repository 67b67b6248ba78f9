/** Signing a tx (portable: noble ed25519, so the SDK and a browser sign exactly as the node expects). */
import { signEd25519 } from '../crypto/ed25519-sign.ts';
import { txSignBytes } from './tx-encode.ts';
import type { SignedTx, UnsignedTx } from './transaction.ts';

export function signTx(tx: UnsignedTx, secretKey: Uint8Array): SignedTx {
  return { ...tx, signature: signEd25519(secretKey, txSignBytes(tx)) };
}
