/**
 * What a node earns for a closed period (pure; integer math on BN, each term floored once):
 *
 *   uptimePermille = duration == 0 ? 0 : min(1000, floor(credited * 1000 / duration))
 *   no policy, or uptimePermille < policy.minimalUptime        -> 0
 *   amount = floor((cuMilli * policy.cu + suMilli * policy.su) * uptimePermille / 1,000,000)
 *          + floor(nuBytes / 10^9) * policy.nu
 *          + floor(publicIps * credited / 3600) * policy.ipv4
 *
 * Rates are regional base units per CU / SU per period, per GB of traffic, per IPv4 address-hour.
 */
import BN from 'bn.js';
import { ZERO } from '../../chain/amount.ts';
import type { FarmNode, NodeReward, Policy, PolicyFields } from './farming-types.ts';

const MILLION = new BN(1_000_000);
const GB = 1_000_000_000;

export interface NodePeriodUsage {
  readonly cuMilli: number;
  readonly suMilli: number;
  readonly publicIps: number;
  readonly creditedSeconds: number;
  readonly nuBytes: number;
}

export interface NodeEarning {
  readonly uptimePermille: number;
  readonly amount: BN;
  /** A policy applied but the node was up less than its minimal uptime. */
  readonly belowUptime: boolean;
}

export function uptimePermille(creditedSeconds: number, durationSeconds: number): number {
  if (durationSeconds <= 0) return 0;
  return Math.min(1000, Math.floor((creditedSeconds * 1000) / durationSeconds));
}

/** A node's usage in `period`: its counters count only if they belong to that period. */
export function usageIn(node: FarmNode, period: number): NodePeriodUsage {
  const current = node.uptime.period === period;
  return {
    cuMilli: node.units.cuMilli,
    suMilli: node.units.suMilli,
    publicIps: node.publicIps,
    creditedSeconds: current ? node.uptime.creditedSeconds : 0,
    nuBytes: current ? node.uptime.nuBytes : 0,
  };
}

export function nodeEarning(u: NodePeriodUsage, durationSeconds: number, policy: PolicyFields | undefined): NodeEarning {
  const permille = uptimePermille(u.creditedSeconds, durationSeconds);
  if (policy === undefined) return { uptimePermille: permille, amount: ZERO, belowUptime: false };
  if (permille < policy.minimalUptime) return { uptimePermille: permille, amount: ZERO, belowUptime: true };
  // BN's muln takes only numbers below 2^26: every factor goes through `new BN`.
  const capacity = policy.cu.mul(new BN(u.cuMilli)).add(policy.su.mul(new BN(u.suMilli))).mul(new BN(permille)).div(MILLION);
  const traffic = policy.nu.mul(new BN(Math.floor(u.nuBytes / GB)));
  const ipHours = new BN(u.publicIps).mul(new BN(u.creditedSeconds)).divn(3600);
  return { uptimePermille: permille, amount: capacity.add(traffic).add(policy.ipv4.mul(ipHours)), belowUptime: false };
}

export interface FarmEarning {
  readonly nodes: readonly NodeReward[];
  readonly amount: BN;
  readonly nodesPaid: number;
  readonly nodesBelowUptime: number;
}

/** A farm's earnings in `period`: its nodes (ascending id) with the policies chosen for them. */
export function farmEarning(nodes: readonly FarmNode[], policyIds: readonly (number | null)[], policies: ReadonlyMap<number, Policy>, period: number, durationSeconds: number): FarmEarning {
  let amount = ZERO;
  let nodesPaid = 0;
  let nodesBelowUptime = 0;
  const rewards = nodes.map((node, i): NodeReward => {
    const policyId = policyIds[i] ?? null;
    const e = nodeEarning(usageIn(node, period), durationSeconds, policyId === null ? undefined : policies.get(policyId));
    amount = amount.add(e.amount);
    if (!e.amount.isZero()) nodesPaid++;
    if (e.belowUptime) nodesBelowUptime++;
    return { nodeId: node.id, policyId, uptimePermille: e.uptimePermille, amount: e.amount };
  });
  return { nodes: rewards, amount, nodesPaid, nodesBelowUptime };
}
