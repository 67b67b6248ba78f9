/**
 * Encoding of transactions, portable (no node:*, no Buffer) so the SDK and browsers build and sign
 * txs byte for byte as the node decodes them: the CBOR array
 * [version, chainId, sender, nonce, fee, expiry, module, command, params, signature];
 * the unsigned form is the first nine items. Decoding (node-only hashing) is in tx-codec.ts.
 */
import { encodeCbor, type CborValue } from '../codec/cbor.ts';
import { amountToBytes } from '../amount.ts';
import { signingBytes, SIGNING_PURPOSE } from '../crypto/domain.ts';
import { TX_VERSION, type SignedTx, type UnsignedTx } from './transaction.ts';

function unsignedItems(tx: UnsignedTx): CborValue[] {
  return [TX_VERSION, tx.chainId, tx.sender, tx.nonce, amountToBytes(tx.fee), tx.expiry, tx.body.module, tx.body.command, tx.body.params];
}

export function encodeUnsignedTx(tx: UnsignedTx): Uint8Array {
  return encodeCbor(unsignedItems(tx));
}

/** The bytes a sender signs: domain tag "tx", the chain id, then the unsigned encoding. */
export function txSignBytes(tx: UnsignedTx): Uint8Array {
  return signingBytes(SIGNING_PURPOSE.tx, tx.chainId, encodeUnsignedTx(tx));
}

export function encodeSignedTx(tx: SignedTx): Uint8Array {
  return encodeCbor([...unsignedItems(tx), tx.signature]);
}
