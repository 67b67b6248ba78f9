/**
 * The genesis section "pool" and the pool's creation at genesis.
 *
 *   "pool": { "feeBps": 30, "protocolFee": false, "reserves": { "TFT": "<base units>", "REGIONAL": "<base units>" }, "provider": "<address>" }
 *
 * feeBps 0..1000 (default 30), protocolFee (default false), reserves required (each 1..2^112 - 1,
 * with sqrt(TFT * REGIONAL) above the 1000 locked shares), provider optional (default: the DAO
 * treasury module account). The reserves are new supply, like genesis balances; the provider
 * gets firstDepositShares and 1000 shares are locked forever.
 */
import BN from 'bn.js';
import { MAX_AMOUNT, ZERO } from '../chain/amount.ts';
import { decodeAddress, encodeAddress } from '../chain/crypto/addresses.ts';
import { ChainError } from '../chain/errors.ts';
import type { GenesisContext } from '../chain/execution/module.ts';
import { moduleAccountAddress, TREASURY_ACCOUNT } from '../chain/ledger/module-accounts.ts';
import { IssueList } from '../genesis/genesis-issue.ts';
import { amountString, integerIn, ObjectReader, typeName, type Reader, bech32Address } from '../genesis/value-readers.ts';
import { firstDepositShares, MAX_FEE_BPS, MAX_RESERVE, MINIMUM_LIQUIDITY } from './math.ts';
import { putPool, pushObservation, putShares, type PoolRecord } from './pool-state.ts';

export const DEFAULT_FEE_BPS = 30;

export interface PoolGenesis {
  readonly feeBps: number;
  readonly protocolFee: boolean;
  readonly reserves: { readonly TFT: BN; readonly REGIONAL: BN };
  /** bech32m address; undefined = the DAO treasury. */
  readonly provider: string | undefined;
}

const boolean: Reader<boolean> = (value, field, issues) => {
  if (typeof value === 'boolean') return value;
  issues.add('GENESIS_INVALID_FIELD', field, `must be true or false, got ${typeName(value)}`);
  return undefined;
};

const reserveAmount: Reader<BN> = (value, field, issues) => {
  const v = amountString(value, field, issues);
  if (v === undefined) return undefined;
  if (v.isZero() || v.gt(MAX_RESERVE)) {
    issues.add('GENESIS_INVALID_AMOUNT', field, `a reserve must be from 1 to 2^112 - 1 base units, got "${v.toString()}"`);
    return undefined;
  }
  return v;
};


function parseReserves(value: unknown, field: string, issues: IssueList): { TFT: BN; REGIONAL: BN } | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const tft = r.required('TFT', reserveAmount);
  const regional = r.required('REGIONAL', reserveAmount);
  r.rejectUnknown(['TFT', 'REGIONAL']);
  if (tft === undefined || regional === undefined) return undefined;
  try {
    firstDepositShares(tft, regional);
  } catch (e) {
    if (!(e instanceof ChainError)) throw e;
    issues.add('AMM_MIN_LIQUIDITY', field, e.message);
    return undefined;
  }
  return { TFT: tft, REGIONAL: regional };
}

/** The SectionParser of "pool": strict, every defect with its exact field ("pool.feeBps", "pool.reserves.TFT"). */
export function parsePoolSection(value: unknown, field: string): PoolGenesis {
  const issues = new IssueList();
  const r = ObjectReader.open(value, field, issues);
  let parsed: PoolGenesis | undefined;
  if (r !== undefined) {
    const feeBps = r.optional('feeBps', integerIn(0, MAX_FEE_BPS));
    const protocolFee = r.optional('protocolFee', boolean);
    const reserves = r.required('reserves', (v, f, i) => parseReserves(v, f, i));
    const provider = r.optional('provider', bech32Address);
    r.rejectUnknown(['feeBps', 'protocolFee', 'reserves', 'provider']);
    if (reserves !== undefined) parsed = { feeBps: feeBps ?? DEFAULT_FEE_BPS, protocolFee: protocolFee ?? false, reserves, provider };
  }
  const first = issues.items[0];
  if (first !== undefined) throw new ChainError(first.code, `${first.field}: ${first.message}`, { field: first.field, issues: issues.items });
  if (parsed === undefined) throw new ChainError('GENESIS_INVALID_FIELD', `${field}: invalid pool section`, { field });
  return parsed;
}

/** Creates the pool of a genesis that has a "pool" section (the module is registered only then). */
export async function initPoolGenesis(ctx: GenesisContext, section: PoolGenesis): Promise<void> {
  const { genesis } = ctx;
  const treasury = moduleAccountAddress(TREASURY_ACCOUNT);
  let provider = treasury;
  if (section.provider !== undefined) {
    try {
      provider = decodeAddress(section.provider, genesis.addressPrefix);
    } catch (e) {
      throw new ChainError('GENESIS_INVALID_ADDRESS', `pool.provider: ${e instanceof Error ? e.message : String(e)}`, { field: 'pool.provider' });
    }
  }
  for (const asset of ['TFT', 'REGIONAL'] as const) {
    const supply = genesis.accounts.reduce((sum, a) => sum.add(a.balances[asset]), ZERO).add(section.reserves[asset]);
    if (supply.gt(MAX_AMOUNT)) throw new ChainError('GENESIS_INVALID_AMOUNT', `the total supply of ${asset} with the pool reserve exceeds 2^128 - 1`, { field: `pool.reserves.${asset}` });
  }
  const shares = firstDepositShares(section.reserves.TFT, section.reserves.REGIONAL);
  putShares(ctx.state, provider, shares);
  const pool: PoolRecord = {
    reserves: { TFT: section.reserves.TFT, REGIONAL: section.reserves.REGIONAL },
    totalShares: shares.add(MINIMUM_LIQUIDITY),
    feeBps: section.feeBps,
    protocolFee: section.protocolFee,
    kLast: section.protocolFee ? section.reserves.TFT.mul(section.reserves.REGIONAL) : new BN(0),
    price0Cumulative: ZERO,
    price1Cumulative: ZERO,
    lastUpdateTime: genesis.genesisTime,
    obsCount: 0,
    obsNext: 0,
  };
  putPool(ctx.state, pushObservation(ctx.state, pool, { time: genesis.genesisTime, cum0: ZERO, cum1: ZERO }));
  ctx.emit('add-liquidity', {
    provider: encodeAddress(genesis.addressPrefix, provider),
    tft: section.reserves.TFT.toString(),
    regional: section.reserves.REGIONAL.toString(),
    shares: shares.toString(),
    totalShares: pool.totalShares.toString(),
    reserveTFT: section.reserves.TFT.toString(),
    reserveREGIONAL: section.reserves.REGIONAL.toString(),
  });
}
