/**
 * What the pool routes need of the pool module (defi/index.ts): reads of its state and its pure
 * quote functions. A port, so the routes can be tested with a double and the RPC names no more of
 * defi/ than this; `defi-pool.ts` binds it to the real module.
 */
import type BN from 'bn.js';
import type { StateReader } from '../../chain/execution/state-access.ts';
import type { AssetId } from '../../genesis/genesis-types.ts';
import type { PoolView } from '../../defi/pool-state.ts';

export type { PoolView } from '../../defi/pool-state.ts';

export interface PoolPort {
  /** undefined: the chain has no pool. */
  readPool(state: StateReader): Promise<PoolView | undefined>;
  readShares(state: StateReader, address: Uint8Array): Promise<BN>;
  /** Throws ChainError AMM_* (no liquidity, zero amount, ...). */
  quoteExactIn(pool: PoolView, assetIn: AssetId, amountIn: BN): { amountOut: BN; feePaid: BN; priceImpactBps: number };
  quoteExactOut(pool: PoolView, assetIn: AssetId, amountOut: BN): { amountIn: BN; feePaid: BN; priceImpactBps: number };
  /** UQ112x112 prices (price0 = REGIONAL per TFT, price1 = TFT per REGIONAL), base units; undefined without history. */
  twap(state: StateReader, nowTimeMs: number, windowSeconds: number): Promise<{ price0: BN; price1: BN; windowSeconds: number } | undefined>;
}
