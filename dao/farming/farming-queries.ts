/** Read-only queries of the farming registry (what the RPC and the DAO use). */
import type { StateReader } from '../../chain/execution/state-access.ts';
import {
  allPolicies,
  getConfig,
  getFarm,
  getFarmReward,
  getNode,
  getOpenPeriod,
  getPeriodFarms,
  getPolicy,
  getSummary,
  nodeIdByKey,
  requireFarm,
  requireNode,
} from './farming-state.ts';
import type { CurrentPeriod, Farm, FarmNode, FarmPeriodReward, PeriodSummary, Policy } from './farming-types.ts';
import { choosePolicies } from './policy-choice.ts';

export async function listPolicies(state: StateReader): Promise<Policy[]> {
  return allPolicies(state);
}

export async function readPolicy(state: StateReader, id: number): Promise<Policy | undefined> {
  return getPolicy(state, id);
}

export async function readFarm(state: StateReader, id: number): Promise<Farm | undefined> {
  return getFarm(state, id);
}

export async function readNode(state: StateReader, id: number): Promise<FarmNode | undefined> {
  return getNode(state, id);
}

/** The id of the node registered with this node key (32 bytes), if any. */
export async function readNodeIdByKey(state: StateReader, nodeKey: Uint8Array): Promise<number | undefined> {
  return nodeIdByKey(state, nodeKey);
}

/**
 * The policy that would pay the node if the period ended at `height` (null: none would);
 * DAO_NODE_NOT_FOUND for an unknown node. Reads the node's whole farm: the attached policy's
 * limits depend on the nodes before it.
 */
export async function nodePolicyNow(state: StateReader, nodeId: number, height: number): Promise<number | null> {
  const node = await requireNode(state, nodeId);
  const farm = await requireFarm(state, node.farmId);
  const nodes = await Promise.all(farm.nodeIds.map(async (id) => (id === node.id ? node : requireNode(state, id))));
  const policies = new Map((await allPolicies(state)).map((p) => [p.id, p]));
  const choice = choosePolicies(farm, nodes, policies, height);
  return choice[farm.nodeIds.indexOf(node.id)] ?? null;
}

/** A closed period's summary and its farms' rewards (ascending farm id); undefined if not closed. */
export async function readPeriodRewards(state: StateReader, period: number): Promise<{ summary: PeriodSummary; farms: FarmPeriodReward[] } | undefined> {
  const summary = await getSummary(state, period);
  if (summary === undefined) return undefined;
  const farms: FarmPeriodReward[] = [];
  for (const farmId of await getPeriodFarms(state, period)) {
    const r = await getFarmReward(state, period, farmId);
    if (r !== undefined) farms.push(r);
  }
  return { summary, farms };
}

/** The open period; undefined when the chain has no farming section. */
export async function readCurrentPeriod(state: StateReader): Promise<CurrentPeriod | undefined> {
  const [config, open] = await Promise.all([getConfig(state), getOpenPeriod(state)]);
  if (config === undefined || open === undefined) return undefined;
  return { ...open, endHeight: (open.period + 1) * config.periodBlocks, periodBlocks: config.periodBlocks };
}
