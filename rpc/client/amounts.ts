/**
 * Amounts in the SDK: bn.js base units (never floats), given as BN or a decimal string of base
 * units; human amounts ("12.5") only at the edges, in an asset's decimals from GET /status.
 */
import BN from 'bn.js';
import { formatHumanAmount, MAX_AMOUNT, parseBaseUnits, parseHumanAmount } from '../../chain/amount.ts';
import { ChainError } from '../../chain/errors.ts';
import type { Status } from '../api/schemas.ts';

export { BN, MAX_AMOUNT, parseBaseUnits, parseHumanAmount };

/** BN, or a decimal string of base units ("125000000"). */
export type AmountInput = BN | string;

export type AssetId = 'TFT' | 'REGIONAL';

/** The amount as BN base units; ChainError TX_BAD_PARAMS (naming `field`) if it is not 0..2^128-1. */
export function toBaseUnits(v: AmountInput, field: string): BN {
  if (BN.isBN(v)) {
    if (v.isNeg() || v.gt(MAX_AMOUNT)) throw new ChainError('TX_BAD_PARAMS', `${field}: must be 0 .. 2^128 - 1 base units`, { field });
    return v;
  }
  const parsed = typeof v === 'string' ? parseBaseUnits(v) : undefined;
  if (parsed === undefined) throw new ChainError('TX_BAD_PARAMS', `${field}: must be a decimal string of base units, got ${JSON.stringify(v)}`, { field });
  return parsed;
}

/** "12.5 TFT" for 125000000 base units at 7 decimals (trailing zeros dropped). */
export function formatAmount(baseUnits: AmountInput, decimals: number, symbol: string): string {
  return `${formatHumanAmount(toBaseUnits(baseUnits, 'amount'), decimals)} ${symbol}`;
}

/** Symbol and decimals of an asset as the node reports them. */
export function assetInfo(status: Pick<Status, 'assets'>, asset: AssetId): { symbol: string; decimals: number } {
  const a = status.assets.find((x) => x.id === asset);
  if (a === undefined) throw new ChainError('LEDGER_UNKNOWN_ASSET', `the node reports no asset ${asset}`);
  return { symbol: a.symbol, decimals: a.decimals };
}

/** "TFT", "REGIONAL" or the regional symbol ("CHI"), any case, to the asset id; undefined otherwise. */
export function assetIdOf(status: Pick<Status, 'assets'>, name: string): AssetId | undefined {
  const upper = name.toUpperCase();
  if (upper === 'TFT' || upper === 'REGIONAL') return upper;
  return status.assets.find((a) => a.symbol.toUpperCase() === upper)?.id;
}
