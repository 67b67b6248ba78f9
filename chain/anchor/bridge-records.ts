/**
 * Bridge transfers, as both chains store them. A deposit (Hub -> region) is recorded on the Hub
 * when TFT is locked; a withdrawal (region -> Hub) on the region when TFT is burned. The record's
 * exact bytes are what the destination proves with a Merkle proof against the source's state root,
 * so the encoding is canonical and shared (portable: the SDK and the relayer use it too).
 *
 *   id    = sha256(cbor(["TFR-bridge-v1", source, destination, sequence]))   (32 bytes)
 *   value = cbor([id, source, destination, sender, recipient, amount, height])
 */
import type BN from 'bn.js';
import { amountToBytes, readAmount } from '../amount.ts';
import { decodeStoredCbor, encodeCbor } from '../codec/cbor.ts';
import { sha256Portable } from '../codec/hash-portable.ts';
import { readArray, readBytes, readString, readUint } from '../codec/read.ts';
import { CHAIN_ID_MAX_LENGTH } from '../crypto/domain.ts';
import type { ValueCodec } from '../execution/typed-store.ts';

export interface TransferRecord {
  readonly id: Uint8Array;
  /** Chain id where the TFT left (locked on the Hub, burned on a region). */
  readonly source: string;
  /** Chain id where it is claimed. */
  readonly destination: string;
  /** 20 address bytes on the source chain. */
  readonly sender: Uint8Array;
  /** 20 address bytes on the destination chain. */
  readonly recipient: Uint8Array;
  readonly amount: BN;
  /** Source chain height of the block that recorded it. */
  readonly height: number;
}

export function transferId(source: string, destination: string, sequence: number): Uint8Array {
  return sha256Portable(encodeCbor(['TFR-bridge-v1', source, destination, sequence]));
}

export const transferRecordCodec: ValueCodec<TransferRecord> = {
  encode: (r) => encodeCbor([r.id, r.source, r.destination, r.sender, r.recipient, amountToBytes(r.amount), r.height]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'transfer', 7);
    return Object.freeze({
      id: readBytes(a[0], 'transfer.id', 32),
      source: readString(a[1], 'transfer.source', CHAIN_ID_MAX_LENGTH),
      destination: readString(a[2], 'transfer.destination', CHAIN_ID_MAX_LENGTH),
      sender: readBytes(a[3], 'transfer.sender', 20),
      recipient: readBytes(a[4], 'transfer.recipient', 20),
      amount: readAmount(a[5], 'transfer.amount'),
      height: readUint(a[6], 'transfer.height'),
    });
  },
};

/** A claim marker on the destination chain: who was paid and at which height. */
export interface ClaimRecord {
  readonly recipient: Uint8Array;
  readonly amount: BN;
  readonly height: number;
}

export const claimRecordCodec: ValueCodec<ClaimRecord> = {
  encode: (c) => encodeCbor([c.recipient, amountToBytes(c.amount), c.height]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'claim', 3);
    return Object.freeze({ recipient: readBytes(a[0], 'claim.recipient', 20), amount: readAmount(a[1], 'claim.amount'), height: readUint(a[2], 'claim.height') });
  },
};
