/**
 * The pool's pure math: Uniswap V2's integer formulas (../shared/reference/amm.md), on bn.js
 * integers with non-mutating methods only. Rounding always favors the pool: outputs and minted
 * shares round down, inputs round up. Errors are ChainErrors with AMM_ codes.
 */
import BN from 'bn.js';
import { ChainError } from '../chain/errors.ts';

/** Basis points in one whole: fees are `feeBps / 10000` of the input. */
export const BPS = 10_000;
const BPS_BN = new BN(BPS);
/** The largest fee a pool accepts: 10%. */
export const MAX_FEE_BPS = 1000;
/** Shares locked forever by the first deposit (defeats the first-depositor inflation attack). */
export const MINIMUM_LIQUIDITY = new BN(1000);
/** Each reserve is at most 2^112 - 1 base units (UQ112x112 prices stay exact). */
export const MAX_RESERVE = new BN(1).shln(112).subn(1);
/** 2^112: the scale of UQ112x112 prices. */
export const Q112 = new BN(1).shln(112);

const ZERO = new BN(0);
const ONE = new BN(1);

export function checkFeeBps(feeBps: number): void {
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > MAX_FEE_BPS) {
    throw new ChainError('AMM_INVALID_FEE', `fee ${feeBps} is not an integer of 0..${MAX_FEE_BPS} basis points`, { feeBps });
  }
}

function requirePositive(v: BN, what: string): void {
  if (v.isNeg()) throw new RangeError(`${what} is negative`);
  if (v.isZero()) throw new ChainError('AMM_ZERO_AMOUNT', `${what} must be at least 1 base unit`, { field: what });
}

function requireReserves(r0: BN, r1: BN): void {
  if (r0.isNeg() || r1.isNeg()) throw new RangeError('a reserve is negative');
  if (r0.isZero() || r1.isZero()) throw new ChainError('AMM_INSUFFICIENT_LIQUIDITY', 'the pool has an empty reserve');
}

/** floor(sqrt(n)) by Newton's method on integers. */
export function isqrt(n: BN): BN {
  if (n.isNeg()) throw new RangeError('isqrt of a negative number');
  if (n.ltn(2)) return n.clone();
  // Start above the root: 2^ceil(bits/2) > sqrt(n); the iteration then decreases monotonically.
  let x = ONE.shln(Math.ceil(n.bitLength() / 2));
  for (;;) {
    const y = x.add(n.div(x)).shrn(1);
    if (y.gte(x)) return x;
    x = y;
  }
}

/** Output of an exact-in swap: floor(in * (10000 - f) * rOut / (rIn * 10000 + in * (10000 - f))). */
export function getAmountOut(amountIn: BN, reserveIn: BN, reserveOut: BN, feeBps: number): BN {
  checkFeeBps(feeBps);
  requirePositive(amountIn, 'amountIn');
  requireReserves(reserveIn, reserveOut);
  const inWithFee = amountIn.muln(BPS - feeBps);
  return inWithFee.mul(reserveOut).div(reserveIn.mul(BPS_BN).add(inWithFee));
}

/** Input of an exact-out swap: floor(rIn * out * 10000 / ((rOut - out) * (10000 - f))) + 1. */
export function getAmountIn(amountOut: BN, reserveIn: BN, reserveOut: BN, feeBps: number): BN {
  checkFeeBps(feeBps);
  requirePositive(amountOut, 'amountOut');
  requireReserves(reserveIn, reserveOut);
  if (amountOut.gte(reserveOut)) {
    throw new ChainError('AMM_INSUFFICIENT_LIQUIDITY', `output ${amountOut.toString()} is not below the reserve ${reserveOut.toString()}`, {
      amountOut: amountOut.toString(),
      reserve: reserveOut.toString(),
    });
  }
  const num = reserveIn.mul(amountOut).mul(BPS_BN);
  const den = reserveOut.sub(amountOut).muln(BPS - feeBps);
  return num.div(den).add(ONE);
}

/** The amount of B worth `amountA` at the pool ratio: floor(amountA * rB / rA). */
export function quote(amountA: BN, reserveA: BN, reserveB: BN): BN {
  requirePositive(amountA, 'amount');
  requireReserves(reserveA, reserveB);
  return amountA.mul(reserveB).div(reserveA);
}

/** Shares of the first deposit: floor(sqrt(a0 * a1)) - 1000 (the 1000 are locked, not minted to anyone). */
export function firstDepositShares(a0: BN, a1: BN): BN {
  requirePositive(a0, 'amount0');
  requirePositive(a1, 'amount1');
  const root = isqrt(a0.mul(a1));
  if (root.lte(MINIMUM_LIQUIDITY)) {
    throw new ChainError('AMM_MIN_LIQUIDITY', `sqrt(a0 * a1) = ${root.toString()} must exceed the ${MINIMUM_LIQUIDITY.toString()} locked shares`);
  }
  return root.sub(MINIMUM_LIQUIDITY);
}

/** Shares of a later deposit: min(a0 * supply / r0, a1 * supply / r1), floored; at least 1. */
export function depositShares(a0: BN, a1: BN, r0: BN, r1: BN, supply: BN): BN {
  requireReserves(r0, r1);
  if (a0.isNeg() || a1.isNeg() || supply.isNeg()) throw new RangeError('negative deposit or supply');
  const s0 = a0.mul(supply).div(r0);
  const s1 = a1.mul(supply).div(r1);
  const shares = BN.min(s0, s1);
  if (shares.isZero()) throw new ChainError('AMM_MIN_LIQUIDITY', 'the deposit mints no share');
  return shares;
}

/** What `shares` withdraw: shares * r / supply for each side, floored; both must be > 0. */
export function withdrawAmounts(shares: BN, r0: BN, r1: BN, supply: BN): { readonly amount0: BN; readonly amount1: BN } {
  requirePositive(shares, 'shares');
  if (shares.gt(supply)) throw new ChainError('AMM_INSUFFICIENT_SHARES', `${shares.toString()} shares exceed the supply ${supply.toString()}`);
  const amount0 = shares.mul(r0).div(supply);
  const amount1 = shares.mul(r1).div(supply);
  if (amount0.isZero() || amount1.isZero()) throw new ChainError('AMM_INSUFFICIENT_OUTPUT', 'the withdrawal rounds down to zero of an asset');
  return { amount0, amount1 };
}

/**
 * Protocol fee shares (1/6 of the fee growth since kLast), minted before a deposit or withdrawal:
 * supply * (sqrt(k) - sqrt(kLast)) / (5 * sqrt(k) + sqrt(kLast)), floored; 0 when kLast is 0 or k did not grow.
 */
export function protocolFeeShares(supply: BN, k: BN, kLast: BN): BN {
  if (kLast.isZero()) return ZERO;
  const rootK = isqrt(k);
  const rootKLast = isqrt(kLast);
  if (rootK.lte(rootKLast)) return ZERO;
  return supply.mul(rootK.sub(rootKLast)).div(rootK.muln(5).add(rootKLast));
}

/**
 * The swap invariant with the pricing's fee scale: after `amountIn` in and `amountOut` out,
 * (rIn' * 10000 - amountIn * f) * rOut' >= rIn * rOut * 10000. False also when the output empties the reserve.
 */
export function checkSwapInvariant(reserveIn: BN, reserveOut: BN, amountIn: BN, amountOut: BN, feeBps: number): boolean {
  checkFeeBps(feeBps);
  if (amountOut.gte(reserveOut) || amountIn.isNeg() || amountOut.isNeg()) return false;
  const rInNew = reserveIn.add(amountIn);
  const rOutNew = reserveOut.sub(amountOut);
  const adjustedIn = rInNew.mul(BPS_BN).sub(amountIn.muln(feeBps));
  return adjustedIn.mul(rOutNew).gte(reserveIn.mul(reserveOut).mul(BPS_BN));
}

/** The fee part of an input: ceil(amountIn * f / 10000) (what does not count toward the price). */
export function feeOf(amountIn: BN, feeBps: number): BN {
  const num = amountIn.muln(feeBps);
  const q = num.div(BPS_BN);
  return num.mod(BPS_BN).isZero() ? q : q.add(ONE);
}

/**
 * How much worse the execution price (out per in) is than the spot price rOut / rIn, in basis
 * points, rounded up: 10000 - floor(10000 * out * rIn / (in * rOut)). Includes the fee.
 */
export function priceImpactBps(amountIn: BN, amountOut: BN, reserveIn: BN, reserveOut: BN): number {
  if (amountIn.isZero() || reserveOut.isZero()) return 0;
  const ratio = amountOut.mul(reserveIn).muln(BPS).div(amountIn.mul(reserveOut));
  const impact = BPS_BN.sub(BN.min(ratio, BPS_BN));
  return impact.toNumber();
}

/** UQ112x112 price of asset 0 in asset 1 (r1 / r0) and of asset 1 in asset 0 (r0 / r1), floored. */
export function spotPricesQ112(r0: BN, r1: BN): { readonly price0: BN; readonly price1: BN } {
  requireReserves(r0, r1);
  return { price0: r1.mul(Q112).div(r0), price1: r0.mul(Q112).div(r1) };
}
