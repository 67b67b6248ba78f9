/**
 * Queries for clients (the RPC, the SDK): the pool as it stands, an address's shares, and quotes
 * of both swap kinds priced exactly as the commands would price them on that state.
 */
import type BN from 'bn.js';
import type { StateReader } from '../chain/execution/state-access.ts';
import type { AssetId } from '../genesis/genesis-types.ts';
import { feeOf, getAmountIn, getAmountOut, priceImpactBps } from './math.ts';
import { getPool, getShares, otherAsset, type PoolView } from './pool-state.ts';

/** The pool of this chain, or undefined when it has none. */
export async function readPool(state: StateReader): Promise<PoolView | undefined> {
  const p = await getPool(state);
  if (p === undefined) return undefined;
  return {
    reserves: p.reserves,
    totalShares: p.totalShares,
    feeBps: p.feeBps,
    protocolFee: p.protocolFee,
    kLast: p.kLast,
    price0Cumulative: p.price0Cumulative,
    price1Cumulative: p.price1Cumulative,
    lastUpdateTime: p.lastUpdateTime,
  };
}

/** LP shares held by `address` (0 when none). */
export async function readShares(state: StateReader, address: Uint8Array): Promise<BN> {
  return getShares(state, address);
}

/** What an exact-in swap of `amountIn` would give now. Throws the command's ChainErrors (AMM_ZERO_AMOUNT, ...). */
export function quoteExactIn(pool: PoolView, assetIn: AssetId, amountIn: BN): { amountOut: BN; feePaid: BN; priceImpactBps: number } {
  const rIn = pool.reserves[assetIn];
  const rOut = pool.reserves[otherAsset(assetIn)];
  const amountOut = getAmountOut(amountIn, rIn, rOut, pool.feeBps);
  return { amountOut, feePaid: feeOf(amountIn, pool.feeBps), priceImpactBps: priceImpactBps(amountIn, amountOut, rIn, rOut) };
}

/** What an exact-out swap of `amountOut` would cost now. Throws AMM_INSUFFICIENT_LIQUIDITY when out >= the reserve. */
export function quoteExactOut(pool: PoolView, assetIn: AssetId, amountOut: BN): { amountIn: BN; feePaid: BN; priceImpactBps: number } {
  const rIn = pool.reserves[assetIn];
  const rOut = pool.reserves[otherAsset(assetIn)];
  const amountIn = getAmountIn(amountOut, rIn, rOut, pool.feeBps);
  return { amountIn, feePaid: feeOf(amountIn, pool.feeBps), priceImpactBps: priceImpactBps(amountIn, amountOut, rIn, rOut) };
}
