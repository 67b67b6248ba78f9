/** The public API of defi/: the pool's pure math, module, genesis section, queries and params encoders. */
export {
  BPS,
  checkSwapInvariant,
  depositShares,
  feeOf,
  firstDepositShares,
  getAmountIn,
  getAmountOut,
  isqrt,
  MAX_FEE_BPS,
  MAX_RESERVE,
  MINIMUM_LIQUIDITY,
  priceImpactBps,
  protocolFeeShares,
  Q112,
  quote,
  withdrawAmounts,
} from './math.ts';
export { AMM_ERRORS, type AmmErrorCode } from './pool-errors.ts';
export { createPoolModule, poolSectionOf } from './pool-module.ts';
export { DEFAULT_FEE_BPS, parsePoolSection, type PoolGenesis } from './pool-genesis.ts';
export { POOL_STORE_PREFIX, setPoolFee, sharesStateKey, TWAP_RING_SIZE, type PoolView } from './pool-state.ts';
export { quoteExactIn, quoteExactOut, readPool, readShares } from './pool-quote.ts';
export { twap } from './pool-twap.ts';
export {
  decodeAddLiquidity,
  decodeRemoveLiquidity,
  decodeSwapExactIn,
  decodeSwapExactOut,
  encodeAddLiquidity,
  encodeRemoveLiquidity,
  encodeSwapExactIn,
  encodeSwapExactOut,
  POOL_COMMANDS,
  POOL_MODULE,
  type AddLiquidityParams,
  type RemoveLiquidityParams,
  type SwapExactInParams,
  type SwapExactOutParams,
} from './pool-params.ts';
export type { AssetId } from '../genesis/genesis-types.ts';
