/**
 * `addLiquidity` and `removeLiquidity` (browser-safe): read the pool, bound what the deposit or
 * withdrawal may come to at a slippage tolerance, sign with a deadline, submit and wait.
 */
import type BN from 'bn.js';
import type { PoolStateView } from '../api/pool-schemas.ts';
import { BN as BigNum, toBaseUnits, type AmountInput } from './amounts.ts';
import type { TfrClient } from './client.ts';
import { addLiquidityParams, DEFAULT_SLIPPAGE_BPS, removeLiquidityParams, submitPoolCommand, withSlippageDown, type PoolTxOptions, type PoolTxResult } from './pool.ts';

export interface AddLiquidityOptions extends PoolTxOptions {
  /** Base units of TFT and of the regional token offered; the pool takes them at its ratio. */
  readonly tft: AmountInput;
  readonly regional: AmountInput;
  /** Default 50: each minimum is the expected deposit less this tolerance. */
  readonly slippageBps?: number;
}

export interface LiquidityResult extends PoolTxResult {
  readonly pool: PoolStateView;
  /** What the pool was expected to take (add) or pay (remove) at the reserves read. */
  readonly expected: { readonly TFT: BN; readonly REGIONAL: BN };
  readonly min: { readonly TFT: BN; readonly REGIONAL: BN };
}

/** The part of (tft, regional) a pool at reserves (rT, rR) takes: one side in full, the other at the pool ratio. */
export function depositAtRatio(tft: BN, regional: BN, rT: BN, rR: BN): { TFT: BN; REGIONAL: BN } {
  if (rT.isZero() || rR.isZero()) return { TFT: tft, REGIONAL: regional };
  const regionalForTft = tft.mul(rR).div(rT);
  if (regionalForTft.lte(regional)) return { TFT: tft, REGIONAL: regionalForTft };
  return { TFT: regional.mul(rT).div(rR), REGIONAL: regional };
}

export async function addLiquidity(client: TfrClient, opts: AddLiquidityOptions): Promise<LiquidityResult> {
  const tft = toBaseUnits(opts.tft, 'tft');
  const regional = toBaseUnits(opts.regional, 'regional');
  const slippage = opts.slippageBps ?? DEFAULT_SLIPPAGE_BPS;
  let pool: PoolStateView | undefined;
  let expected = { TFT: new BigNum(0), REGIONAL: new BigNum(0) };
  let min = expected;
  const r = await submitPoolCommand(client, opts, 'add-liquidity', async (deadline) => {
    pool = await client.pool();
    expected = depositAtRatio(tft, regional, new BigNum(pool.reserves.TFT), new BigNum(pool.reserves.REGIONAL));
    min = { TFT: withSlippageDown(expected.TFT, slippage), REGIONAL: withSlippageDown(expected.REGIONAL, slippage) };
    return addLiquidityParams({ tftDesired: tft, regionalDesired: regional, tftMin: min.TFT, regionalMin: min.REGIONAL, deadline });
  });
  return { ...r, pool: pool!, expected, min };
}

export interface RemoveLiquidityOptions extends PoolTxOptions {
  /** Liquidity shares to burn. */
  readonly shares: AmountInput;
  /** Default 50: each minimum is the expected payout less this tolerance. */
  readonly slippageBps?: number;
}

export async function removeLiquidity(client: TfrClient, opts: RemoveLiquidityOptions): Promise<LiquidityResult> {
  const shares = toBaseUnits(opts.shares, 'shares');
  const slippage = opts.slippageBps ?? DEFAULT_SLIPPAGE_BPS;
  let pool: PoolStateView | undefined;
  let expected = { TFT: new BigNum(0), REGIONAL: new BigNum(0) };
  let min = expected;
  const r = await submitPoolCommand(client, opts, 'remove-liquidity', async (deadline) => {
    pool = await client.pool();
    const total = new BigNum(pool.totalShares);
    const part = (reserve: string) => (total.isZero() ? new BigNum(0) : shares.mul(new BigNum(reserve)).div(total));
    expected = { TFT: part(pool.reserves.TFT), REGIONAL: part(pool.reserves.REGIONAL) };
    min = { TFT: withSlippageDown(expected.TFT, slippage), REGIONAL: withSlippageDown(expected.REGIONAL, slippage) };
    return removeLiquidityParams({ shares, tftMin: min.TFT, regionalMin: min.REGIONAL, deadline });
  });
  return { ...r, pool: pool!, expected, min };
}
