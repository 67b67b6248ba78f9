/**
 * The price oracle (amm.md): once per block, in `beginBlock`, before the block's trades, with the
 * reserves as they stood after the previous block:
 *   price0Cumulative += floor(r1 * 2^112 / r0) * elapsedSeconds   (and price1 with r0 / r1)
 * Elapsed seconds are floor(now / 1000) - floor(last / 1000) of header times (ms), so sub-second
 * block intervals still add up. Each block that moves the clock appends (time, cum0, cum1) to a
 * ring of the last TWAP_RING_SIZE observations, from which `twap` reads an average back.
 */
import BN from 'bn.js';
import type { StateReader, StateWriter } from '../chain/execution/state-access.ts';
import { spotPricesQ112 } from './math.ts';
import { CUMULATIVE_MODULUS, getObservation, getPool, pushObservation, putPool, TWAP_RING_SIZE, type Observation, type PoolRecord, type PoolView } from './pool-state.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The cumulatives as they would be at `nowMs` (the current reserves held since the last update). */
export function cumulativesAt(pool: PoolView, nowMs: number): { readonly cum0: BN; readonly cum1: BN } {
  const elapsed = seconds(nowMs) - seconds(pool.lastUpdateTime);
  if (elapsed <= 0 || pool.reserves.TFT.isZero() || pool.reserves.REGIONAL.isZero()) return { cum0: pool.price0Cumulative, cum1: pool.price1Cumulative };
  const p = spotPricesQ112(pool.reserves.TFT, pool.reserves.REGIONAL);
  return {
    cum0: pool.price0Cumulative.add(p.price0.mul(new BN(elapsed))).umod(CUMULATIVE_MODULUS),
    cum1: pool.price1Cumulative.add(p.price1.mul(new BN(elapsed))).umod(CUMULATIVE_MODULUS),
  };
}

/** The block's oracle update; a no-op when the clock has not moved to a new second. */
export async function updateOracle(state: StateWriter, timeMs: number): Promise<void> {
  const pool = await getPool(state);
  if (pool === undefined || seconds(timeMs) <= seconds(pool.lastUpdateTime)) return;
  const { cum0, cum1 } = cumulativesAt(pool, timeMs);
  const next: PoolRecord = { ...pool, price0Cumulative: cum0, price1Cumulative: cum1, lastUpdateTime: timeMs };
  putPool(state, pushObservation(state, next, { time: timeMs, cum0, cum1 }));
}

/** Ring index of the k-th oldest observation (k = 0 the oldest). */
function ringIndex(pool: PoolRecord, k: number): number {
  const oldest = pool.obsCount < TWAP_RING_SIZE ? 0 : pool.obsNext;
  return (oldest + k) % TWAP_RING_SIZE;
}

/** The oldest observation at or after `fromSec` (seconds), by binary search over the time-ordered ring. */
async function oldestSince(state: StateReader, pool: PoolRecord, fromSec: number): Promise<Observation | undefined> {
  let lo = 0;
  let hi = pool.obsCount - 1;
  let found: Observation | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const obs = await getObservation(state, ringIndex(pool, mid));
    if (obs === undefined) return found;
    if (seconds(obs.time) >= fromSec) {
      found = obs;
      hi = mid - 1;
    } else {
      lo = mid + 1;
    }
  }
  return found;
}

/**
 * Time-weighted average prices (UQ112x112) over the longest window available that is at most
 * `windowSeconds`, ending at `nowTimeMs`; undefined without a pool or without any elapsed time.
 * price0 is the price of TFT in the regional token (r1 / r0), price1 the inverse.
 */
export async function twap(state: StateReader, nowTimeMs: number, windowSeconds: number): Promise<{ price0: BN; price1: BN; windowSeconds: number } | undefined> {
  const pool = await getPool(state);
  if (pool === undefined || !Number.isInteger(windowSeconds) || windowSeconds <= 0 || nowTimeMs < pool.lastUpdateTime) return undefined;
  const nowSec = seconds(nowTimeMs);
  const then = await oldestSince(state, pool, nowSec - windowSeconds);
  if (then === undefined) return undefined;
  const window = nowSec - seconds(then.time);
  if (window <= 0) return undefined;
  const now = cumulativesAt(pool, nowTimeMs);
  return {
    price0: now.cum0.sub(then.cum0).umod(CUMULATIVE_MODULUS).div(new BN(window)),
    price1: now.cum1.sub(then.cum1).umod(CUMULATIVE_MODULUS).div(new BN(window)),
    windowSeconds: window,
  };
}
