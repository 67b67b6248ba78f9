/**
 * `ledger/transfer`: move `amount` base units of TFT or the regional token to another account.
 * Params: CBOR array [to (20 address bytes), asset ("TFT" | "REGIONAL"), amount (canonical bytes)].
 *
 * Rules: amount > 0 (LEDGER_ZERO_AMOUNT); not to oneself (LEDGER_SELF_TRANSFER); the sender must
 * hold the amount, plus the fee when both are in the regional token (LEDGER_INSUFFICIENT_BALANCE);
 * the recipient must not pass 2^128 - 1 (LEDGER_BALANCE_OVERFLOW). These are checked in `verify`,
 * against the state at the tx's place in the block, so such a tx is invalid and never enters a
 * block: nobody pays a fee for a transfer that cannot happen.
 */
import type BN from 'bn.js';
import type { CborValue } from '../codec/cbor.ts';
import { readArray, readBytes, readString } from '../codec/read.ts';
import { amountToBytes, MAX_AMOUNT, readAmount } from '../amount.ts';
import { bytesEqual } from '../codec/bytes.ts';
import { encodeAddress } from '../crypto/addresses.ts';
import { ChainError } from '../errors.ts';
import { ASSET_IDS, type AssetId } from '../../genesis/genesis-types.ts';
import type { Command } from '../execution/module.ts';
import { getAccount, transferFunds } from './ledger-state.ts';

export interface TransferParams {
  readonly to: Uint8Array;
  readonly asset: AssetId;
  readonly amount: BN;
}

export function readAssetId(v: CborValue | undefined, path: string): AssetId {
  const s = readString(v, path, 16);
  if (!(ASSET_IDS as readonly string[]).includes(s)) throw new ChainError('LEDGER_UNKNOWN_ASSET', `${path}: unknown asset ${JSON.stringify(s)} (TFT or REGIONAL)`);
  return s as AssetId;
}

export function transferCommand(hrp: string): Command<TransferParams> {
  return {
    name: 'transfer',
    decodeParams(v) {
      const a = readArray(v, 'params', 3);
      const p = { to: readBytes(a[0], 'params.to', 20), asset: readAssetId(a[1], 'params.asset'), amount: readAmount(a[2], 'params.amount') };
      if (p.amount.isZero()) throw new ChainError('LEDGER_ZERO_AMOUNT', 'transfer amount must be at least 1 base unit');
      return p;
    },
    encodeParams: (p) => [p.to, p.asset, amountToBytes(p.amount)],
    async verify(ctx, p) {
      if (bytesEqual(p.to, ctx.tx.senderAddress)) throw new ChainError('LEDGER_SELF_TRANSFER', 'sender and recipient are the same account');
      const sender = await getAccount(ctx.state, ctx.tx.senderAddress);
      const needed = p.asset === 'REGIONAL' ? p.amount.add(ctx.tx.fee) : p.amount;
      if (sender.balances[p.asset].lt(needed)) {
        throw new ChainError('LEDGER_INSUFFICIENT_BALANCE', `balance of ${p.asset} is ${sender.balances[p.asset].toString()}, ${needed.toString()} needed`, {
          asset: p.asset,
          balance: sender.balances[p.asset].toString(),
          needed: needed.toString(),
        });
      }
      const recipient = await getAccount(ctx.state, p.to);
      if (recipient.balances[p.asset].add(p.amount).gt(MAX_AMOUNT)) throw new ChainError('LEDGER_BALANCE_OVERFLOW', `recipient balance of ${p.asset} would exceed 2^128 - 1`);
    },
    async execute(ctx, p) {
      await transferFunds(ctx.state, ctx.tx.senderAddress, p.to, p.asset, p.amount);
      ctx.emit('transfer', { from: encodeAddress(hrp, ctx.tx.senderAddress), to: encodeAddress(hrp, p.to), asset: p.asset, amount: p.amount.toString() });
    },
  };
}
