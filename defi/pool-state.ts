/**
 * The pool's state, kept as module state (not as a module account's balances, so there is no
 * donation / skim / sync surface), under store prefix 0x02:
 *   0x02 0x00            the pool record (reserves, shares, fee, kLast, price cumulatives, time, TWAP ring cursor)
 *   0x02 0x01 || addr20  LP shares of an address (absent = 0)
 *   0x02 0x02 || u16 BE  TWAP observation i of the ring (time ms, cum0, cum1)
 * Asset 0 is TFT, asset 1 the regional token. Cumulatives wrap modulo 2^256 (as Uniswap's wrap in
 * uint224): differences taken modulo 2^256 stay exact.
 */
import BN from 'bn.js';
import { amountToBytes, readAmount, ZERO } from '../chain/amount.ts';
import { decodeStoredCbor, encodeCbor, type CborValue } from '../chain/codec/cbor.ts';
import { readArray, readBool, readUint } from '../chain/codec/read.ts';
import { ChainError } from '../chain/errors.ts';
import type { StateReader, StateWriter } from '../chain/execution/state-access.ts';
import { TypedStore, type ValueCodec } from '../chain/execution/typed-store.ts';
import type { AssetId } from '../genesis/genesis-types.ts';
import { checkFeeBps } from './math.ts';

export const POOL_STORE_PREFIX = 0x02;
/** Observations kept: the last 1,024 blocks that moved the clock. */
export const TWAP_RING_SIZE = 1024;
/** Cumulative prices wrap modulo 2^256. */
export const CUMULATIVE_MODULUS = new BN(1).shln(256);

export interface PoolView {
  readonly reserves: { readonly TFT: BN; readonly REGIONAL: BN };
  readonly totalShares: BN;
  readonly feeBps: number;
  readonly protocolFee: boolean;
  readonly kLast: BN;
  readonly price0Cumulative: BN;
  readonly price1Cumulative: BN;
  /** Header time (ms) of the last oracle update. */
  readonly lastUpdateTime: number;
}

/** The stored record: the view plus the TWAP ring's cursor. */
export interface PoolRecord extends PoolView {
  /** Number of observations stored (<= TWAP_RING_SIZE). */
  readonly obsCount: number;
  /** Ring index the next observation goes to. */
  readonly obsNext: number;
}

export interface Observation {
  readonly time: number;
  readonly cum0: BN;
  readonly cum1: BN;
}

function bigToBytes(v: BN): Uint8Array {
  return v.isZero() ? new Uint8Array(0) : new Uint8Array(v.toArray('be'));
}

function readBig(v: CborValue | undefined, path: string): BN {
  if (!(v instanceof Uint8Array) || v.length > 32 || (v.length > 0 && v[0] === 0)) {
    throw new ChainError('CODEC_WRONG_TYPE', `${path}: expected a minimal big-endian integer of at most 32 bytes`, { field: path });
  }
  return v.length === 0 ? ZERO : new BN(v);
}

const poolCodec: ValueCodec<PoolRecord> = {
  encode: (p) =>
    encodeCbor([
      amountToBytes(p.reserves.TFT),
      amountToBytes(p.reserves.REGIONAL),
      amountToBytes(p.totalShares),
      p.feeBps,
      p.protocolFee,
      bigToBytes(p.kLast),
      bigToBytes(p.price0Cumulative),
      bigToBytes(p.price1Cumulative),
      p.lastUpdateTime,
      p.obsCount,
      p.obsNext,
    ]),
  decode: (bytes) => {
    const v = readArray(decodeStoredCbor(bytes), 'pool', 11);
    return {
      reserves: { TFT: readAmount(v[0], 'pool.reserveTFT'), REGIONAL: readAmount(v[1], 'pool.reserveREGIONAL') },
      totalShares: readAmount(v[2], 'pool.totalShares'),
      feeBps: readUint(v[3], 'pool.feeBps', 10_000),
      protocolFee: readBool(v[4], 'pool.protocolFee'),
      kLast: readBig(v[5], 'pool.kLast'),
      price0Cumulative: readBig(v[6], 'pool.price0Cumulative'),
      price1Cumulative: readBig(v[7], 'pool.price1Cumulative'),
      lastUpdateTime: readUint(v[8], 'pool.lastUpdateTime'),
      obsCount: readUint(v[9], 'pool.obsCount', TWAP_RING_SIZE),
      obsNext: readUint(v[10], 'pool.obsNext', TWAP_RING_SIZE - 1),
    };
  },
};

const sharesCodec: ValueCodec<BN> = {
  encode: (v) => encodeCbor(amountToBytes(v)),
  decode: (bytes) => readAmount(decodeStoredCbor(bytes), 'shares'),
};

const observationCodec: ValueCodec<Observation> = {
  encode: (o) => encodeCbor([o.time, bigToBytes(o.cum0), bigToBytes(o.cum1)]),
  decode: (bytes) => {
    const v = readArray(decodeStoredCbor(bytes), 'observation', 3);
    return { time: readUint(v[0], 'observation.time'), cum0: readBig(v[1], 'observation.cum0'), cum1: readBig(v[2], 'observation.cum1') };
  },
};

const POOL = new TypedStore<PoolRecord>(POOL_STORE_PREFIX, 0x00, poolCodec);
const SHARES = new TypedStore<BN>(POOL_STORE_PREFIX, 0x01, sharesCodec);
const OBSERVATIONS = new TypedStore<Observation>(POOL_STORE_PREFIX, 0x02, observationCodec);
const NO_KEY = new Uint8Array(0);

export async function getPool(state: StateReader): Promise<PoolRecord | undefined> {
  return POOL.get(state, NO_KEY);
}

export function putPool(state: StateWriter, pool: PoolRecord): void {
  POOL.set(state, NO_KEY, pool);
}

/** The pool, or AMM_INSUFFICIENT_LIQUIDITY when this chain has none. */
export async function requirePool(state: StateReader): Promise<PoolRecord> {
  const pool = await getPool(state);
  if (pool === undefined) throw new ChainError('AMM_INSUFFICIENT_LIQUIDITY', 'this chain has no pool');
  return pool;
}

export async function getShares(state: StateReader, address: Uint8Array): Promise<BN> {
  return (await SHARES.get(state, address)) ?? ZERO;
}

export function putShares(state: StateWriter, address: Uint8Array, shares: BN): void {
  if (shares.isZero()) SHARES.delete(state, address);
  else SHARES.set(state, address, shares);
}

/** The raw state key of an address's shares (for Merkle proofs). */
export function sharesStateKey(address: Uint8Array): Uint8Array {
  return SHARES.key(address);
}

function ringKey(i: number): Uint8Array {
  return Uint8Array.of(i >> 8, i & 0xff);
}

export async function getObservation(state: StateReader, i: number): Promise<Observation | undefined> {
  return OBSERVATIONS.get(state, ringKey(i));
}

/** Appends an observation to the ring (overwriting the oldest when full); returns the updated record. */
export function pushObservation(state: StateWriter, pool: PoolRecord, obs: Observation): PoolRecord {
  OBSERVATIONS.set(state, ringKey(pool.obsNext), obs);
  return { ...pool, obsNext: (pool.obsNext + 1) % TWAP_RING_SIZE, obsCount: Math.min(pool.obsCount + 1, TWAP_RING_SIZE) };
}

/**
 * Changes the pool fee (basis points, 0..1000). Only the DAO calls this (a governance decision);
 * no tx command changes the fee.
 */
export async function setPoolFee(state: StateWriter, feeBps: number): Promise<void> {
  checkFeeBps(feeBps);
  const pool = await requirePool(state);
  putPool(state, { ...pool, feeBps });
}

export function reserveOf(pool: PoolView, asset: AssetId): BN {
  return pool.reserves[asset];
}

export function otherAsset(asset: AssetId): AssetId {
  return asset === 'TFT' ? 'REGIONAL' : 'TFT';
}

export function withReserves(pool: PoolRecord, tft: BN, regional: BN): PoolRecord {
  return { ...pool, reserves: { TFT: tft, REGIONAL: regional } };
}
