/**
 * Vote-weight history, so the DAO can snapshot weights: every change of a farm's weight (a node
 * added, a node's resources changed) appends a checkpoint (height, weight after that block's
 * changes) to the farm's list and to the list of the total weight of all farms; a second change in
 * the same block overwrites that block's checkpoint. Checkpoints are separate records
 * (0x03 0x0b..0x0e), so a change writes O(1) records and a lookup reads O(log n) by binary search.
 * Genesis farms and nodes are at height 0.
 */
import type { StateReader, StateWriter } from '../../chain/execution/state-access.ts';
import { TypedStore } from '../../chain/execution/typed-store.ts';
import { checkpointCodec, countCodec, type WeightCheckpoint } from './farming-codecs.ts';
import { u32 } from './farming-state.ts';
import { FARMING_STORE_PREFIX } from './farming-types.ts';

const FARM_COUNT = new TypedStore(FARMING_STORE_PREFIX, 0x0b, countCodec);
const FARM_POINTS = new TypedStore(FARMING_STORE_PREFIX, 0x0c, checkpointCodec);
const TOTAL_COUNT = new TypedStore(FARMING_STORE_PREFIX, 0x0d, countCodec);
const TOTAL_POINTS = new TypedStore(FARMING_STORE_PREFIX, 0x0e, checkpointCodec);

/** One checkpoint list: its count record and its records by index, under a common sub-key prefix. */
interface History {
  readonly prefix: Uint8Array;
  readonly count: TypedStore<number>;
  readonly points: TypedStore<WeightCheckpoint>;
}

const farmHistory = (farmId: number): History => ({ prefix: u32(farmId), count: FARM_COUNT, points: FARM_POINTS });
const totalHistory: History = { prefix: new Uint8Array(0), count: TOTAL_COUNT, points: TOTAL_POINTS };

function pointKey(h: History, index: number): Uint8Array {
  const k = new Uint8Array(h.prefix.length + 4);
  k.set(h.prefix);
  k.set(u32(index), h.prefix.length);
  return k;
}

async function lastPoint(state: StateReader, h: History): Promise<{ count: number; last: WeightCheckpoint | undefined }> {
  const count = (await h.count.get(state, h.prefix)) ?? 0;
  return { count, last: count === 0 ? undefined : await h.points.get(state, pointKey(h, count - 1)) };
}

async function record(state: StateWriter, h: History, height: number, weight: number): Promise<void> {
  const { count, last } = await lastPoint(state, h);
  if (last !== undefined && last.height > height) throw new Error(`weight checkpoint at ${height} after one at ${last.height}`);
  if (last !== undefined && last.height === height) {
    h.points.set(state, pointKey(h, count - 1), { height, weight });
    return;
  }
  h.points.set(state, pointKey(h, count), { height, weight });
  h.count.set(state, h.prefix, count + 1);
}

/** The weight of the last checkpoint below `height` (0 when none): the weight at the start of that block. */
async function weightBefore(state: StateReader, h: History, height: number): Promise<number> {
  const count = (await h.count.get(state, h.prefix)) ?? 0;
  let lo = 0;
  let hi = count;
  // First index whose checkpoint height is >= height.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const cp = await h.points.get(state, pointKey(h, mid));
    if (cp !== undefined && cp.height < height) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return 0;
  return (await h.points.get(state, pointKey(h, lo - 1)))?.weight ?? 0;
}

/** Records that the farm's weight went from `oldWeight` to `newWeight` in block `height` (and the total with it). */
export async function recordFarmWeight(state: StateWriter, farmId: number, oldWeight: number, newWeight: number, height: number): Promise<void> {
  if (oldWeight === newWeight) return;
  await record(state, farmHistory(farmId), height, newWeight);
  const total = await currentTotalWeight(state);
  await record(state, totalHistory, height, total - oldWeight + newWeight);
}

/** The farm's weight (sum of 2*CU + SU of its nodes, milli) at the start of block `height`. */
export async function farmWeightBefore(state: StateReader, farmId: number, height: number): Promise<number> {
  return weightBefore(state, farmHistory(farmId), height);
}

/** The total weight of all farms at the start of block `height`. */
export async function totalWeightBefore(state: StateReader, height: number): Promise<number> {
  return weightBefore(state, totalHistory, height);
}

/** The total weight of all farms now (after the changes so far in this block). */
export async function currentTotalWeight(state: StateReader): Promise<number> {
  return (await lastPoint(state, totalHistory)).last?.weight ?? 0;
}
