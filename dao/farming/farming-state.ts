/**
 * The farming module's state under store prefix 0x03 (layout in README.md). Every read and write of
 * a farming record goes through these functions; ids are u32 big-endian sub-keys.
 */
import { utf8 } from '../../chain/codec/bytes.ts';
import { ChainError } from '../../chain/errors.ts';
import type { StateReader, StateWriter } from '../../chain/execution/state-access.ts';
import { TypedStore } from '../../chain/execution/typed-store.ts';
import {
  configCodec,
  countersCodec,
  farmCodec,
  farmRewardCodec,
  idCodec,
  idListCodec,
  nodeCodec,
  openPeriodCodec,
  policyCodec,
  summaryCodec,
  type FarmingConfig,
  type FarmingCounters,
  type OpenPeriod,
} from './farming-codecs.ts';
import { FARMING_STORE_PREFIX, type Farm, type FarmNode, type FarmPeriodReward, type PeriodSummary, type Policy } from './farming-types.ts';

const P = FARMING_STORE_PREFIX;
const CONFIG = new TypedStore(P, 0x00, configCodec);
const COUNTERS = new TypedStore(P, 0x01, countersCodec);
const FARMS = new TypedStore(P, 0x02, farmCodec);
const NODES = new TypedStore(P, 0x03, nodeCodec);
const NODE_BY_KEY = new TypedStore(P, 0x04, idCodec);
const FARM_BY_NAME = new TypedStore(P, 0x05, idCodec);
const POLICIES = new TypedStore(P, 0x06, policyCodec);
const OPEN_PERIOD = new TypedStore(P, 0x07, openPeriodCodec);
const SUMMARIES = new TypedStore(P, 0x08, summaryCodec);
const FARM_REWARDS = new TypedStore(P, 0x09, farmRewardCodec);
const PERIOD_FARMS = new TypedStore(P, 0x0a, idListCodec);
const NO_KEY = new Uint8Array(0);

export const FIRST_COUNTERS: FarmingCounters = { nextFarmId: 1, nextNodeId: 1, nextPolicyId: 1 };

export function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

function u32Pair(a: number, b: number): Uint8Array {
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setUint32(0, a);
  v.setUint32(4, b);
  return out;
}

export async function getConfig(state: StateReader): Promise<FarmingConfig | undefined> {
  return CONFIG.get(state, NO_KEY);
}
export function putConfig(state: StateWriter, c: FarmingConfig): void {
  CONFIG.set(state, NO_KEY, c);
}

export async function getCounters(state: StateReader): Promise<FarmingCounters> {
  return (await COUNTERS.get(state, NO_KEY)) ?? FIRST_COUNTERS;
}
export function putCounters(state: StateWriter, c: FarmingCounters): void {
  COUNTERS.set(state, NO_KEY, c);
}

export async function getFarm(state: StateReader, id: number): Promise<Farm | undefined> {
  return FARMS.get(state, u32(id));
}
export function putFarm(state: StateWriter, f: Farm): void {
  FARMS.set(state, u32(f.id), f);
}
/** The farm, or DAO_FARM_NOT_FOUND. */
export async function requireFarm(state: StateReader, id: number): Promise<Farm> {
  const f = await getFarm(state, id);
  if (f === undefined) throw new ChainError('DAO_FARM_NOT_FOUND', `no farm ${id}`, { farmId: id });
  return f;
}

export async function getNode(state: StateReader, id: number): Promise<FarmNode | undefined> {
  return NODES.get(state, u32(id));
}
export function putNode(state: StateWriter, n: FarmNode): void {
  NODES.set(state, u32(n.id), n);
}
/** The node, or DAO_NODE_NOT_FOUND. */
export async function requireNode(state: StateReader, id: number): Promise<FarmNode> {
  const n = await getNode(state, id);
  if (n === undefined) throw new ChainError('DAO_NODE_NOT_FOUND', `no node ${id}`, { nodeId: id });
  return n;
}

export async function nodeIdByKey(state: StateReader, nodeKey: Uint8Array): Promise<number | undefined> {
  return NODE_BY_KEY.get(state, nodeKey);
}
export function putNodeKey(state: StateWriter, nodeKey: Uint8Array, id: number): void {
  NODE_BY_KEY.set(state, nodeKey, id);
}

export async function farmIdByName(state: StateReader, name: string): Promise<number | undefined> {
  return FARM_BY_NAME.get(state, utf8(name));
}
export function putFarmName(state: StateWriter, name: string, id: number): void {
  FARM_BY_NAME.set(state, utf8(name), id);
}

export async function getPolicy(state: StateReader, id: number): Promise<Policy | undefined> {
  return POLICIES.get(state, u32(id));
}
export function putPolicy(state: StateWriter, p: Policy): void {
  POLICIES.set(state, u32(p.id), p);
}
/** The policy, or DAO_POLICY_NOT_FOUND. */
export async function requirePolicy(state: StateReader, id: number): Promise<Policy> {
  const p = await getPolicy(state, id);
  if (p === undefined) throw new ChainError('DAO_POLICY_NOT_FOUND', `no farming policy ${id}`, { policyId: id });
  return p;
}
/** Every policy, ascending id. */
export async function allPolicies(state: StateReader): Promise<Policy[]> {
  const { nextPolicyId } = await getCounters(state);
  const out: Policy[] = [];
  for (let id = 1; id < nextPolicyId; id++) {
    const p = await getPolicy(state, id);
    if (p !== undefined) out.push(p);
  }
  return out;
}

export async function getOpenPeriod(state: StateReader): Promise<OpenPeriod | undefined> {
  return OPEN_PERIOD.get(state, NO_KEY);
}
export function putOpenPeriod(state: StateWriter, p: OpenPeriod): void {
  OPEN_PERIOD.set(state, NO_KEY, p);
}

export async function getSummary(state: StateReader, period: number): Promise<PeriodSummary | undefined> {
  return SUMMARIES.get(state, u32(period));
}
export function putSummary(state: StateWriter, s: PeriodSummary): void {
  SUMMARIES.set(state, u32(s.period), s);
}

export async function getFarmReward(state: StateReader, period: number, farmId: number): Promise<FarmPeriodReward | undefined> {
  return FARM_REWARDS.get(state, u32Pair(period, farmId));
}
export function putFarmReward(state: StateWriter, period: number, r: FarmPeriodReward): void {
  FARM_REWARDS.set(state, u32Pair(period, r.farmId), r);
}

/** Farms that have a reward record for `period` (state has no range scans, so the list is kept). */
export async function getPeriodFarms(state: StateReader, period: number): Promise<readonly number[]> {
  return (await PERIOD_FARMS.get(state, u32(period))) ?? [];
}
export function putPeriodFarms(state: StateWriter, period: number, farmIds: readonly number[]): void {
  PERIOD_FARMS.set(state, u32(period), farmIds);
}
