/**
 * A ledger account: its nonce and its balance of each asset. Stored under the ledger's account
 * store by 20-byte address as the CBOR array [nonce, tft, regional] (amounts as canonical bytes).
 * An account with nonce 0 and no balance is simply absent: reading it gives the empty account.
 */
import type BN from 'bn.js';
import { decodeStoredCbor, encodeCbor } from '../codec/cbor.ts';
import { readArray, readUint } from '../codec/read.ts';
import { amountToBytes, readAmount, ZERO } from '../amount.ts';
import type { AssetId } from '../../genesis/genesis-types.ts';
import type { ValueCodec } from '../execution/typed-store.ts';

export interface Account {
  readonly nonce: number;
  readonly balances: { readonly [A in AssetId]: BN };
}

export const EMPTY_ACCOUNT: Account = Object.freeze({ nonce: 0, balances: Object.freeze({ TFT: ZERO, REGIONAL: ZERO }) });

export function isEmptyAccount(a: Account): boolean {
  return a.nonce === 0 && a.balances.TFT.isZero() && a.balances.REGIONAL.isZero();
}

export const accountCodec: ValueCodec<Account> = {
  encode: (a) => encodeCbor([a.nonce, amountToBytes(a.balances.TFT), amountToBytes(a.balances.REGIONAL)]),
  decode: (bytes) => {
    const v = readArray(decodeStoredCbor(bytes), 'account', 3);
    return { nonce: readUint(v[0], 'account.nonce'), balances: { TFT: readAmount(v[1], 'account.tft'), REGIONAL: readAmount(v[2], 'account.regional') } };
  },
};
