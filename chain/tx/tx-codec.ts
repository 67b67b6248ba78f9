/**
 * Decoding of transactions (the encoders live in tx-encode.ts, portable, and are re-exported here).
 * Decoding is strict (see codec/cbor.ts) and checks every field's shape, so a decoded tx is fully
 * formed; the signature is checked separately (in batches) by the caller. The tx hash uses
 * node:crypto's sha256 (hot path).
 */
import { decodeCbor } from '../codec/cbor.ts';
import { readArray, readBytes, readString, readUint } from '../codec/read.ts';
import { readAmount } from '../amount.ts';
import { sha256 } from '../codec/hash.ts';
import { isValidChainId, signingBytes, SIGNING_PURPOSE } from '../crypto/domain.ts';
import { addressBytesFromPublicKey } from '../crypto/addresses.ts';
import { ChainError, isChainError } from '../errors.ts';
import { MAX_NAME_LENGTH, TX_VERSION, type DecodedTx, type UnsignedTx } from './transaction.ts';

export { encodeSignedTx, encodeUnsignedTx, txSignBytes } from './tx-encode.ts';

const MAX_CHAIN_ID_LENGTH = 64;

/**
 * The unsigned encoding, cut from the canonical signed bytes instead of re-encoding: the signed
 * form is the 10-item array head 0x8a, the nine unsigned items, then the signature as 0x58 0x40 +
 * 64 bytes; the unsigned form is the 9-item head 0x89 and the same nine items.
 */
function unsignedFromSigned(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.subarray(0, bytes.length - 66)); // a copy, even if `bytes` is a Buffer
  out[0] = 0x89;
  return out;
}

/**
 * Decodes and shape-checks a tx. Every defect is a ChainError: TX_TOO_LARGE before any parsing,
 * TX_MALFORMED (with the codec's reason and field in details) for anything else.
 */
export function decodeTx(bytes: Uint8Array, maxBytes: number): DecodedTx {
  if (bytes.length > maxBytes) throw new ChainError('TX_TOO_LARGE', `tx is ${bytes.length} bytes, the limit is ${maxBytes}`);
  try {
    const items = readArray(decodeCbor(bytes), 'tx', 10);
    const version = readUint(items[0], 'tx.version');
    if (version !== TX_VERSION) throw new ChainError('TX_MALFORMED', `unsupported tx version ${version}`);
    const unsigned: UnsignedTx = {
      chainId: readString(items[1], 'tx.chainId', MAX_CHAIN_ID_LENGTH),
      sender: readBytes(items[2], 'tx.sender', 32),
      nonce: readUint(items[3], 'tx.nonce'),
      fee: readAmount(items[4], 'tx.fee'),
      expiry: readUint(items[5], 'tx.expiry'),
      body: {
        module: readString(items[6], 'tx.module', MAX_NAME_LENGTH),
        command: readString(items[7], 'tx.command', MAX_NAME_LENGTH),
        params: items[8] ?? null,
      },
    };
    const signature = readBytes(items[9], 'tx.signature', 64);
    if (!isValidChainId(unsigned.chainId)) throw new ChainError('TX_MALFORMED', 'tx.chainId: expected 1 to 64 printable ASCII characters', { field: 'tx.chainId' });
    return Object.freeze({
      ...unsigned,
      signature,
      bytes,
      hash: sha256(bytes),
      signBytes: signingBytes(SIGNING_PURPOSE.tx, unsigned.chainId, unsignedFromSigned(bytes)),
      senderAddress: addressBytesFromPublicKey(unsigned.sender),
    });
  } catch (e) {
    if (isChainError(e) && e.code !== 'TX_MALFORMED') {
      throw new ChainError('TX_MALFORMED', `malformed tx: ${e.message}`, { reason: e.code, ...e.details });
    }
    throw e;
  }
}
