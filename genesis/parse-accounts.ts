/**
 * `accounts`: the funded accounts. Each has a bech32m address with the chain's prefix (lowercase, the
 * canonical form; no address twice), an optional unique name, and balances keyed by asset symbol
 * ("TFT" or the regional symbol; a missing asset is 0). Each amount is a decimal string of base
 * units, and the total supply of each asset is at most 2^128 - 1 (tfchain's u128).
 */
import { BN, MAX_AMOUNT } from '../chain/amount.ts';
import { decodeAddress } from '../chain/crypto/addresses.ts';
import { isChainError } from '../chain/errors.ts';
import type { AssetId, GenesisAccount } from './genesis-types.ts';
import { fieldPath, type IssueList } from './genesis-issue.ts';
import { NAME_DESCRIPTION, NAME_RE } from './parse-validators.ts';
import { UniqueCheck } from './unique-check.ts';
import { amountString, ObjectReader, stringMatching, typeName } from './value-readers.ts';

export interface AccountContext {
  /** The chain's address prefix, undefined when `addressPrefix` itself is invalid. */
  readonly prefix: string | undefined;
  readonly tftSymbol: string;
  /** The regional symbol, undefined when it could not be read. */
  readonly regionalSymbol: string | undefined;
}

const ACCOUNT_FIELDS = ['address', 'name', 'balances'] as const;
const name = stringMatching(NAME_RE, NAME_DESCRIPTION);

function readAddress(value: unknown, field: string, issues: IssueList, prefix: string | undefined): { address: string; bytes: Uint8Array } | undefined {
  if (typeof value !== 'string') {
    issues.add('GENESIS_INVALID_ADDRESS', field, `must be a bech32m address string, got ${typeName(value)}`);
    return undefined;
  }
  if (prefix === undefined) return undefined; // addressPrefix is reported already
  try {
    const bytes = decodeAddress(value, prefix);
    if (value !== value.toLowerCase()) {
      issues.add('GENESIS_INVALID_ADDRESS', field, 'must be written in lowercase (the canonical form)');
      return undefined;
    }
    return { address: value, bytes };
  } catch (e) {
    if (!isChainError(e)) throw e;
    issues.add('GENESIS_INVALID_ADDRESS', field, e.message);
    return undefined;
  }
}

function parseBalances(value: unknown, field: string, issues: IssueList, ctx: AccountContext): Record<AssetId, BN> | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const before = issues.count;
  // Fresh zeros: the result is frozen, and the shared ZERO constant must not be.
  const balances: Record<AssetId, BN> = { TFT: new BN(0), REGIONAL: new BN(0) };
  for (const symbol of r.keys()) {
    const path = r.path(symbol);
    const amount = amountString(r.object[symbol], path, issues);
    let asset: AssetId | undefined;
    if (symbol === ctx.tftSymbol) asset = 'TFT';
    else if (symbol === ctx.regionalSymbol) asset = 'REGIONAL';
    else if (ctx.regionalSymbol !== undefined) {
      issues.add('GENESIS_UNKNOWN_ASSET', path, `unknown asset "${symbol}" (known: ${ctx.tftSymbol}, ${ctx.regionalSymbol})`);
    }
    if (asset !== undefined && amount !== undefined) balances[asset] = amount;
  }
  return issues.count === before ? balances : undefined;
}

function parseAccount(value: unknown, field: string, issues: IssueList, ctx: AccountContext): GenesisAccount | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const before = issues.count;
  const address = r.required('address', (v, f, i) => readAddress(v, f, i, ctx.prefix));
  const label = r.optional('name', name);
  const balances = r.required('balances', (v, f, i) => parseBalances(v, f, i, ctx));
  r.rejectUnknown(ACCOUNT_FIELDS);
  if (issues.count !== before || address === undefined || balances === undefined) return undefined;
  return { address: address.address, addressBytes: address.bytes, name: label, balances };
}

/** Adds each account's balances to the per-asset totals; reports the balance that overflows 2^128 - 1. */
function checkSupply(accounts: readonly (GenesisAccount | undefined)[], field: string, issues: IssueList, ctx: AccountContext): void {
  const symbols: Record<AssetId, string> = { TFT: ctx.tftSymbol, REGIONAL: ctx.regionalSymbol ?? 'REGIONAL' };
  for (const asset of ['TFT', 'REGIONAL'] as const) {
    let total = new BN(0);
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i];
      if (account === undefined) continue;
      total = total.add(account.balances[asset]);
      if (total.gt(MAX_AMOUNT)) {
        const path = fieldPath(fieldPath(fieldPath(field, i), 'balances'), symbols[asset]);
        issues.add('GENESIS_INVALID_AMOUNT', path, `the total supply of ${symbols[asset]} exceeds 2^128 - 1`);
        break;
      }
    }
  }
}

export function parseAccounts(value: unknown, field: string, issues: IssueList, ctx: AccountContext): GenesisAccount[] | undefined {
  if (!Array.isArray(value)) {
    issues.add('GENESIS_INVALID_FIELD', field, `must be an array of accounts, got ${typeName(value)}`);
    return undefined;
  }
  const before = issues.count;
  const addresses = new UniqueCheck('account address', issues);
  const names = new UniqueCheck('account name', issues);
  const parsed = value.map((item: unknown, i) => {
    const path = fieldPath(field, i);
    const account = parseAccount(item, path, issues, ctx);
    const raw = item as { address?: unknown; name?: unknown } | null;
    if (typeof raw?.address === 'string') addresses.check(raw.address.toLowerCase(), fieldPath(path, 'address'));
    if (typeof raw?.name === 'string') names.check(raw.name, fieldPath(path, 'name'));
    return account;
  });
  checkSupply(parsed, field, issues, ctx);
  if (issues.count !== before) return undefined;
  return parsed.filter((a): a is GenesisAccount => a !== undefined);
}
