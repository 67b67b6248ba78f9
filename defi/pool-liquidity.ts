/**
 * `pool/add-liquidity` and `pool/remove-liquidity` (Uniswap V2 router semantics), and the steps
 * they share: the deadline, the optional protocol fee mint before the change, kLast after it.
 * Every failure here is state-dependent: a ChainError from `execute`, so the tx is *failed*.
 */
import BN from 'bn.js';
import { encodeAddress } from '../chain/crypto/addresses.ts';
import { ChainError } from '../chain/errors.ts';
import type { Command, Emit, TxWriteContext } from '../chain/execution/module.ts';
import type { StateWriter } from '../chain/execution/state-access.ts';
import { changeBalances } from '../chain/ledger/ledger-state.ts';
import { depositShares, MAX_RESERVE, protocolFeeShares, quote, withdrawAmounts } from './math.ts';
import { decodeAddLiquidity, decodeRemoveLiquidity, encodeAddLiquidity, encodeRemoveLiquidity, POOL_COMMANDS, type AddLiquidityParams, type RemoveLiquidityParams } from './pool-params.ts';
import { getShares, putPool, putShares, requirePool, type PoolRecord } from './pool-state.ts';

export interface PoolCommandConfig {
  readonly hrp: string;
  /** Receiver of the protocol fee shares: the DAO treasury. */
  readonly treasury: Uint8Array;
}

export function checkDeadline(height: number, deadline: number): void {
  if (height > deadline) throw new ChainError('AMM_DEADLINE_PASSED', `block ${height} is past the deadline ${deadline}`, { height, deadline });
}

export function slippage(what: string, got: BN, bound: BN, kind: 'min' | 'max'): ChainError {
  return new ChainError('AMM_SLIPPAGE', `${what} ${got.toString()} is ${kind === 'min' ? 'below the minimum' : 'above the maximum'} ${bound.toString()}`, {
    field: what,
    amount: got.toString(),
    [kind]: bound.toString(),
  });
}

export function checkCap(r0: BN, r1: BN): void {
  if (r0.gt(MAX_RESERVE) || r1.gt(MAX_RESERVE)) throw new ChainError('AMM_RESERVE_CAP', 'a pool reserve would exceed 2^112 - 1 base units');
}

export function reserveFields(pool: PoolRecord): { reserveTFT: string; reserveREGIONAL: string } {
  return { reserveTFT: pool.reserves.TFT.toString(), reserveREGIONAL: pool.reserves.REGIONAL.toString() };
}

/** With the protocol fee on: mints 1/6 of the fee growth since kLast to the treasury (before a deposit or withdrawal). */
export async function mintProtocolFee(state: StateWriter, pool: PoolRecord, cfg: PoolCommandConfig, emit: Emit): Promise<PoolRecord> {
  if (!pool.protocolFee) return pool;
  const minted = protocolFeeShares(pool.totalShares, pool.reserves.TFT.mul(pool.reserves.REGIONAL), pool.kLast);
  if (minted.isZero()) return pool;
  putShares(state, cfg.treasury, (await getShares(state, cfg.treasury)).add(minted));
  emit('protocol-fee', { to: encodeAddress(cfg.hrp, cfg.treasury), shares: minted.toString() });
  return { ...pool, totalShares: pool.totalShares.add(minted) };
}

function kLastOf(pool: PoolRecord): BN {
  return pool.protocolFee ? pool.reserves.TFT.mul(pool.reserves.REGIONAL) : new BN(0);
}

/** The router's amounts: deposit at the pool ratio, the rest stays with the sender. */
function depositAmounts(p: AddLiquidityParams, r0: BN, r1: BN): { readonly tft: BN; readonly regional: BN } {
  const regionalOptimal = quote(p.tftDesired, r0, r1);
  const [tft, regional] = regionalOptimal.lte(p.regionalDesired) ? [p.tftDesired, regionalOptimal] : [quote(p.regionalDesired, r1, r0), p.regionalDesired];
  if (tft.lt(p.tftMin)) throw slippage('tft', tft, p.tftMin, 'min');
  if (regional.lt(p.regionalMin)) throw slippage('regional', regional, p.regionalMin, 'min');
  return { tft, regional };
}

export function addLiquidityCommand(cfg: PoolCommandConfig): Command<AddLiquidityParams> {
  return {
    name: POOL_COMMANDS.addLiquidity,
    decodeParams: decodeAddLiquidity,
    encodeParams: encodeAddLiquidity,
    async execute(ctx: TxWriteContext, p) {
      checkDeadline(ctx.block.height, p.deadline);
      let pool = await requirePool(ctx.state);
      const { tft, regional } = depositAmounts(p, pool.reserves.TFT, pool.reserves.REGIONAL);
      pool = await mintProtocolFee(ctx.state, pool, cfg, ctx.emit);
      const shares = depositShares(tft, regional, pool.reserves.TFT, pool.reserves.REGIONAL, pool.totalShares);
      const r0 = pool.reserves.TFT.add(tft);
      const r1 = pool.reserves.REGIONAL.add(regional);
      checkCap(r0, r1);
      const sender = ctx.tx.senderAddress;
      await changeBalances(ctx.state, sender, { TFT: tft, REGIONAL: regional }, {});
      putShares(ctx.state, sender, (await getShares(ctx.state, sender)).add(shares));
      const moved: PoolRecord = { ...pool, reserves: { TFT: r0, REGIONAL: r1 }, totalShares: pool.totalShares.add(shares) };
      const next: PoolRecord = { ...moved, kLast: kLastOf(moved) };
      putPool(ctx.state, next);
      ctx.emit('add-liquidity', {
        provider: encodeAddress(cfg.hrp, sender),
        tft: tft.toString(),
        regional: regional.toString(),
        shares: shares.toString(),
        totalShares: next.totalShares.toString(),
        ...reserveFields(next),
      });
    },
  };
}

export function removeLiquidityCommand(cfg: PoolCommandConfig): Command<RemoveLiquidityParams> {
  return {
    name: POOL_COMMANDS.removeLiquidity,
    decodeParams: decodeRemoveLiquidity,
    encodeParams: encodeRemoveLiquidity,
    async execute(ctx: TxWriteContext, p) {
      checkDeadline(ctx.block.height, p.deadline);
      const sender = ctx.tx.senderAddress;
      const held = await getShares(ctx.state, sender);
      if (held.lt(p.shares)) {
        throw new ChainError('AMM_INSUFFICIENT_SHARES', `the sender holds ${held.toString()} shares, ${p.shares.toString()} asked`, { held: held.toString(), needed: p.shares.toString() });
      }
      let pool = await requirePool(ctx.state);
      pool = await mintProtocolFee(ctx.state, pool, cfg, ctx.emit);
      const { amount0, amount1 } = withdrawAmounts(p.shares, pool.reserves.TFT, pool.reserves.REGIONAL, pool.totalShares);
      if (amount0.lt(p.tftMin)) throw slippage('tft', amount0, p.tftMin, 'min');
      if (amount1.lt(p.regionalMin)) throw slippage('regional', amount1, p.regionalMin, 'min');
      putShares(ctx.state, sender, held.sub(p.shares));
      await changeBalances(ctx.state, sender, {}, { TFT: amount0, REGIONAL: amount1 });
      const moved: PoolRecord = {
        ...pool,
        reserves: { TFT: pool.reserves.TFT.sub(amount0), REGIONAL: pool.reserves.REGIONAL.sub(amount1) },
        totalShares: pool.totalShares.sub(p.shares),
      };
      const next: PoolRecord = { ...moved, kLast: kLastOf(moved) };
      putPool(ctx.state, next);
      ctx.emit('remove-liquidity', {
        provider: encodeAddress(cfg.hrp, sender),
        shares: p.shares.toString(),
        tft: amount0.toString(),
        regional: amount1.toString(),
        totalShares: next.totalShares.toString(),
        ...reserveFields(next),
      });
    },
  };
}
