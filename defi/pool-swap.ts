/**
 * `pool/swap-exact-in` and `pool/swap-exact-out`: the sender's input moves into the pool's
 * reserve and the output out of the other one, priced by getAmountOut / getAmountIn with the
 * pool's fee; the invariant is asserted after every swap (AMM_INVARIANT would be a bug).
 * Failures (deadline, slippage, liquidity, cap, balance) are ChainErrors from `execute`: failed txs.
 */
import type BN from 'bn.js';
import { encodeAddress } from '../chain/crypto/addresses.ts';
import { ChainError } from '../chain/errors.ts';
import type { Command, TxWriteContext } from '../chain/execution/module.ts';
import { changeBalances } from '../chain/ledger/ledger-state.ts';
import type { AssetId } from '../genesis/genesis-types.ts';
import { checkSwapInvariant, feeOf, getAmountIn, getAmountOut } from './math.ts';
import { checkCap, checkDeadline, reserveFields, slippage, type PoolCommandConfig } from './pool-liquidity.ts';
import { decodeSwapExactIn, decodeSwapExactOut, encodeSwapExactIn, encodeSwapExactOut, POOL_COMMANDS, type SwapExactInParams, type SwapExactOutParams } from './pool-params.ts';
import { otherAsset, putPool, requirePool, type PoolRecord } from './pool-state.ts';

async function settleSwap(ctx: TxWriteContext, cfg: PoolCommandConfig, pool: PoolRecord, assetIn: AssetId, amountIn: BN, amountOut: BN): Promise<void> {
  const assetOut = otherAsset(assetIn);
  const rIn = pool.reserves[assetIn];
  const rOut = pool.reserves[assetOut];
  if (!checkSwapInvariant(rIn, rOut, amountIn, amountOut, pool.feeBps)) {
    throw new ChainError('AMM_INVARIANT', 'the swap would decrease the fee-adjusted constant product', { amountIn: amountIn.toString(), amountOut: amountOut.toString() });
  }
  const rInNew = rIn.add(amountIn);
  const rOutNew = rOut.sub(amountOut);
  checkCap(rInNew, rOutNew);
  const sender = ctx.tx.senderAddress;
  await changeBalances(ctx.state, sender, { [assetIn]: amountIn }, { [assetOut]: amountOut });
  const next: PoolRecord = { ...pool, reserves: assetIn === 'TFT' ? { TFT: rInNew, REGIONAL: rOutNew } : { TFT: rOutNew, REGIONAL: rInNew } };
  putPool(ctx.state, next);
  ctx.emit('swap', {
    sender: encodeAddress(cfg.hrp, sender),
    assetIn,
    amountIn: amountIn.toString(),
    amountOut: amountOut.toString(),
    fee: feeOf(amountIn, pool.feeBps).toString(),
    ...reserveFields(next),
  });
}

export function swapExactInCommand(cfg: PoolCommandConfig): Command<SwapExactInParams> {
  return {
    name: POOL_COMMANDS.swapExactIn,
    decodeParams: decodeSwapExactIn,
    encodeParams: encodeSwapExactIn,
    async execute(ctx, p) {
      checkDeadline(ctx.block.height, p.deadline);
      const pool = await requirePool(ctx.state);
      const amountOut = getAmountOut(p.amountIn, pool.reserves[p.assetIn], pool.reserves[otherAsset(p.assetIn)], pool.feeBps);
      if (amountOut.isZero()) throw new ChainError('AMM_INSUFFICIENT_OUTPUT', `an input of ${p.amountIn.toString()} buys nothing`);
      if (amountOut.lt(p.minAmountOut)) throw slippage('amountOut', amountOut, p.minAmountOut, 'min');
      await settleSwap(ctx, cfg, pool, p.assetIn, p.amountIn, amountOut);
    },
  };
}

export function swapExactOutCommand(cfg: PoolCommandConfig): Command<SwapExactOutParams> {
  return {
    name: POOL_COMMANDS.swapExactOut,
    decodeParams: decodeSwapExactOut,
    encodeParams: encodeSwapExactOut,
    async execute(ctx, p) {
      checkDeadline(ctx.block.height, p.deadline);
      const pool = await requirePool(ctx.state);
      const amountIn = getAmountIn(p.amountOut, pool.reserves[p.assetIn], pool.reserves[otherAsset(p.assetIn)], pool.feeBps);
      if (amountIn.gt(p.maxAmountIn)) throw slippage('amountIn', amountIn, p.maxAmountIn, 'max');
      await settleSwap(ctx, cfg, pool, p.assetIn, amountIn, p.amountOut);
    },
  };
}
