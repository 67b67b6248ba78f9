/**
 * The ledger's state access: read an account, credit and debit with the range checks every
 * balance change needs (no negative balance, none above 2^128 - 1). Other modules (pool, DAO,
 * bridge) move funds only through these functions.
 */
import type BN from 'bn.js';
import { MAX_AMOUNT } from '../amount.ts';
import { ChainError } from '../errors.ts';
import type { AssetId } from '../../genesis/genesis-types.ts';
import type { StateReader, StateWriter } from '../execution/state-access.ts';
import { TypedStore } from '../execution/typed-store.ts';
import { accountCodec, EMPTY_ACCOUNT, isEmptyAccount, type Account } from './account.ts';

export const LEDGER_STORE_PREFIX = 0x01;
const ACCOUNTS = new TypedStore<Account>(LEDGER_STORE_PREFIX, 0x00, accountCodec);

/** The raw state key of an account (for Merkle proofs of balances). */
export function accountStateKey(address: Uint8Array): Uint8Array {
  return ACCOUNTS.key(address);
}

export async function getAccount(state: StateReader, address: Uint8Array): Promise<Account> {
  return (await ACCOUNTS.get(state, address)) ?? EMPTY_ACCOUNT;
}

export function putAccount(state: StateWriter, address: Uint8Array, account: Account): void {
  if (isEmptyAccount(account)) ACCOUNTS.delete(state, address);
  else ACCOUNTS.set(state, address, account);
}

export function withBalance(a: Account, asset: AssetId, balance: BN): Account {
  return { nonce: a.nonce, balances: { ...a.balances, [asset]: balance } };
}

export async function credit(state: StateWriter, address: Uint8Array, asset: AssetId, amount: BN): Promise<void> {
  const a = await getAccount(state, address);
  const next = a.balances[asset].add(amount);
  if (next.gt(MAX_AMOUNT)) throw new ChainError('LEDGER_BALANCE_OVERFLOW', `balance of ${asset} would exceed 2^128 - 1`);
  putAccount(state, address, withBalance(a, asset, next));
}

export async function debit(state: StateWriter, address: Uint8Array, asset: AssetId, amount: BN): Promise<void> {
  const a = await getAccount(state, address);
  if (a.balances[asset].lt(amount)) {
    throw new ChainError('LEDGER_INSUFFICIENT_BALANCE', `balance of ${asset} is ${a.balances[asset].toString()}, ${amount.toString()} needed`, {
      asset,
      balance: a.balances[asset].toString(),
      needed: amount.toString(),
    });
  }
  putAccount(state, address, withBalance(a, asset, a.balances[asset].sub(amount)));
}

/**
 * Debits and credits one account in a single read and write (a swap pays one asset and receives
 * the other): the same checks as `debit` then `credit`, debits first, all or nothing.
 */
export async function changeBalances(
  state: StateWriter,
  address: Uint8Array,
  debits: Partial<Record<AssetId, BN>>,
  credits: Partial<Record<AssetId, BN>>,
): Promise<void> {
  let a = await getAccount(state, address);
  for (const [asset, amount] of Object.entries(debits) as Array<[AssetId, BN]>) {
    if (a.balances[asset].lt(amount)) {
      throw new ChainError('LEDGER_INSUFFICIENT_BALANCE', `balance of ${asset} is ${a.balances[asset].toString()}, ${amount.toString()} needed`, {
        asset,
        balance: a.balances[asset].toString(),
        needed: amount.toString(),
      });
    }
    a = withBalance(a, asset, a.balances[asset].sub(amount));
  }
  for (const [asset, amount] of Object.entries(credits) as Array<[AssetId, BN]>) {
    const next = a.balances[asset].add(amount);
    if (next.gt(MAX_AMOUNT)) throw new ChainError('LEDGER_BALANCE_OVERFLOW', `balance of ${asset} would exceed 2^128 - 1`);
    a = withBalance(a, asset, next);
  }
  putAccount(state, address, a);
}

export async function transferFunds(state: StateWriter, from: Uint8Array, to: Uint8Array, asset: AssetId, amount: BN): Promise<void> {
  await debit(state, from, asset, amount);
  await credit(state, to, asset, amount);
}
