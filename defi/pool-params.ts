/**
 * The params of the four pool commands (CBOR arrays; amounts as canonical amount bytes, assets
 * 'TFT' | 'REGIONAL', the deadline a block height), with their encoders for the SDK and their
 * strict stateless decoders. Portable: no node:* import (the browser SDK uses the encoders).
 *
 *   add-liquidity     [tftDesired, regionalDesired, tftMin, regionalMin, deadline]
 *   remove-liquidity  [shares, tftMin, regionalMin, deadline]
 *   swap-exact-in     [assetIn, amountIn, minAmountOut, deadline]
 *   swap-exact-out    [assetIn, amountOut, maxAmountIn, deadline]
 *
 * Stateless checks (zero amounts, malformed values) fail here: the tx is invalid (TX_BAD_PARAMS,
 * with `reason` the AMM_ or CODEC_ code). Zero minimums are allowed (no bound); zero maximums not.
 */
import type BN from 'bn.js';
import { amountToBytes, readAmount } from '../chain/amount.ts';
import type { CborValue } from '../chain/codec/cbor.ts';
import { readArray, readString, readUint } from '../chain/codec/read.ts';
import { ChainError } from '../chain/errors.ts';
import { ASSET_IDS, type AssetId } from '../genesis/genesis-types.ts';

export interface AddLiquidityParams {
  readonly tftDesired: BN;
  readonly regionalDesired: BN;
  readonly tftMin: BN;
  readonly regionalMin: BN;
  readonly deadline: number;
}

export interface RemoveLiquidityParams {
  readonly shares: BN;
  readonly tftMin: BN;
  readonly regionalMin: BN;
  readonly deadline: number;
}

export interface SwapExactInParams {
  readonly assetIn: AssetId;
  readonly amountIn: BN;
  readonly minAmountOut: BN;
  readonly deadline: number;
}

export interface SwapExactOutParams {
  readonly assetIn: AssetId;
  readonly amountOut: BN;
  readonly maxAmountIn: BN;
  readonly deadline: number;
}

export const POOL_MODULE = 'pool';
export const POOL_COMMANDS = {
  addLiquidity: 'add-liquidity',
  removeLiquidity: 'remove-liquidity',
  swapExactIn: 'swap-exact-in',
  swapExactOut: 'swap-exact-out',
} as const;

export function encodeAddLiquidity(p: AddLiquidityParams): CborValue {
  return [amountToBytes(p.tftDesired), amountToBytes(p.regionalDesired), amountToBytes(p.tftMin), amountToBytes(p.regionalMin), p.deadline];
}

export function encodeRemoveLiquidity(p: RemoveLiquidityParams): CborValue {
  return [amountToBytes(p.shares), amountToBytes(p.tftMin), amountToBytes(p.regionalMin), p.deadline];
}

export function encodeSwapExactIn(p: SwapExactInParams): CborValue {
  return [p.assetIn, amountToBytes(p.amountIn), amountToBytes(p.minAmountOut), p.deadline];
}

export function encodeSwapExactOut(p: SwapExactOutParams): CborValue {
  return [p.assetIn, amountToBytes(p.amountOut), amountToBytes(p.maxAmountIn), p.deadline];
}

function readAsset(v: CborValue | undefined, path: string): AssetId {
  const s = readString(v, path, 16);
  if (!(ASSET_IDS as readonly string[]).includes(s)) throw new ChainError('LEDGER_UNKNOWN_ASSET', `${path}: unknown asset ${JSON.stringify(s)} (TFT or REGIONAL)`, { field: path });
  return s as AssetId;
}

function positive(v: BN, path: string): BN {
  if (v.isZero()) throw new ChainError('AMM_ZERO_AMOUNT', `${path} must be at least 1 base unit`, { field: path });
  return v;
}

const deadlineOf = (v: CborValue | undefined) => readUint(v, 'params.deadline');

export function decodeAddLiquidity(v: CborValue): AddLiquidityParams {
  const a = readArray(v, 'params', 5);
  return {
    tftDesired: positive(readAmount(a[0], 'params.tftDesired'), 'params.tftDesired'),
    regionalDesired: positive(readAmount(a[1], 'params.regionalDesired'), 'params.regionalDesired'),
    tftMin: readAmount(a[2], 'params.tftMin'),
    regionalMin: readAmount(a[3], 'params.regionalMin'),
    deadline: deadlineOf(a[4]),
  };
}

export function decodeRemoveLiquidity(v: CborValue): RemoveLiquidityParams {
  const a = readArray(v, 'params', 4);
  return {
    shares: positive(readAmount(a[0], 'params.shares'), 'params.shares'),
    tftMin: readAmount(a[1], 'params.tftMin'),
    regionalMin: readAmount(a[2], 'params.regionalMin'),
    deadline: deadlineOf(a[3]),
  };
}

export function decodeSwapExactIn(v: CborValue): SwapExactInParams {
  const a = readArray(v, 'params', 4);
  return {
    assetIn: readAsset(a[0], 'params.assetIn'),
    amountIn: positive(readAmount(a[1], 'params.amountIn'), 'params.amountIn'),
    minAmountOut: readAmount(a[2], 'params.minAmountOut'),
    deadline: deadlineOf(a[3]),
  };
}

export function decodeSwapExactOut(v: CborValue): SwapExactOutParams {
  const a = readArray(v, 'params', 4);
  return {
    assetIn: readAsset(a[0], 'params.assetIn'),
    amountOut: positive(readAmount(a[1], 'params.amountOut'), 'params.amountOut'),
    maxAmountIn: positive(readAmount(a[2], 'params.maxAmountIn'), 'params.maxAmountIn'),
    deadline: deadlineOf(a[3]),
  };
}
