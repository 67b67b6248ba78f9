/**
 * The farming registry's records (module "farming", store prefix 0x03), as the module, the DAO's
 * actions and the RPC see them. Capacity units are kept in milli-units (1 CU = 1000), integers;
 * resources in bytes (GiB = 2^30), cores as a count; amounts are regional-token base units (BN).
 * Heights are block heights; times are header times in ms.
 */
import type BN from 'bn.js';

export const FARMING_MODULE = 'farming';
export const FARMING_STORE_PREFIX = 0x03;

export const NODE_CERTIFICATIONS = ['diy', 'certified'] as const;
export type NodeCertification = (typeof NODE_CERTIFICATIONS)[number];
export const FARM_CERTIFICATIONS = ['notCertified', 'gold'] as const;
export type FarmCertification = (typeof FARM_CERTIFICATIONS)[number];

/** Raw resources a node reports (ThreeFold's cru/mru/sru/hru). */
export interface NodeResources {
  /** CPU cores. */
  readonly cru: number;
  /** Memory, bytes. */
  readonly mru: number;
  /** SSD, bytes. */
  readonly sru: number;
  /** HDD, bytes. */
  readonly hru: number;
}

/** Capacity units in milli-units (floored; see capacity-units.ts). */
export interface CapacityUnits {
  readonly cuMilli: number;
  readonly suMilli: number;
}

/** The fields of a farming policy a proposal sets (add or update). */
export interface PolicyFields {
  readonly name: string;
  /** Reward per CU per farming period (base units). */
  readonly cu: BN;
  /** Reward per SU per farming period. */
  readonly su: BN;
  /** Reward per GB (10^9 bytes) of public traffic reported in the period. */
  readonly nu: BN;
  /** Reward per public IPv4 address per hour of credited uptime. */
  readonly ipv4: BN;
  /** Permille of the period a node must be up to earn at all (0..1000). */
  readonly minimalUptime: number;
  /** Last height at which the policy applies; 0 = no end. */
  readonly policyEnd: number;
  readonly immutable: boolean;
  /** A default policy serves nodes whose farm has no (usable) attached policy. */
  readonly default: boolean;
  /** The lowest node certification the policy serves (a default policy). */
  readonly nodeCertification: NodeCertification;
  /** The lowest farm certification the policy serves (a default policy). */
  readonly farmCertification: FarmCertification;
}

export interface Policy extends PolicyFields {
  readonly id: number;
  /** 1 when added, +1 per update. */
  readonly version: number;
  /** Height at which it was added (genesis: 0). */
  readonly policyCreated: number;
}

/** Limits under which a farm's attached policy applies (tfchain's FarmingPolicyLimit); null = no limit. */
export interface PolicyLimits {
  /** Budget of CU (milli-units) across the farm's nodes. */
  readonly cuMilli: number | null;
  readonly suMilli: number | null;
  readonly nodeCount: number | null;
  /** Last height the attachment applies. */
  readonly end: number | null;
  /** Only certified nodes get the attached policy. */
  readonly nodeCertification: boolean;
}

export interface PolicyAttachment {
  readonly policyId: number;
  readonly limits: PolicyLimits;
}

export interface Farm {
  readonly id: number;
  readonly name: string;
  /** Account address (20 bytes) that owns the farm and votes for it. */
  readonly owner: Uint8Array;
  /** Account address (20 bytes) rewards are paid to. */
  readonly payout: Uint8Array;
  readonly certification: FarmCertification;
  readonly attachment: PolicyAttachment | null;
  /** Node ids of the farm, ascending. */
  readonly nodeIds: readonly number[];
  /** Current vote weight, sum of 2*CU + SU of its nodes, milli-units. */
  readonly weightMilli: number;
}

/** A node's uptime bookkeeping for the current period (reset when a report lands in a new period). */
export interface NodeUptime {
  /** Header time (ms) of the last report; 0 before the first for genesis nodes, the registration time for nodes added later (no credit for time before they joined). */
  readonly lastReportTime: number;
  /** Uptime (seconds since boot) the last report stated. */
  readonly lastUptime: number;
  /** Farming period the two counters below belong to. */
  readonly period: number;
  /** Seconds of uptime credited in `period`. */
  readonly creditedSeconds: number;
  /** Public traffic reported in `period`, bytes. */
  readonly nuBytes: number;
}

export interface FarmNode {
  readonly id: number;
  readonly farmId: number;
  /** ed25519 public key (32 bytes): signs the node's own txs (capacity updates, uptime reports). */
  readonly nodeKey: Uint8Array;
  readonly resources: NodeResources;
  readonly publicIps: number;
  readonly certification: NodeCertification;
  readonly units: CapacityUnits;
  readonly uptime: NodeUptime;
}

/** What one node earned in a closed period. */
export interface NodeReward {
  readonly nodeId: number;
  /** The policy that applied; null when none did (no default policy matched). */
  readonly policyId: number | null;
  readonly uptimePermille: number;
  readonly amount: BN;
}

/** A farm's payout for a closed period. */
export interface FarmPeriodReward {
  readonly farmId: number;
  readonly payout: Uint8Array;
  readonly amount: BN;
  readonly nodes: readonly NodeReward[];
}

/** A closed farming period. */
export interface PeriodSummary {
  readonly period: number;
  /** Height of the block whose end phase closed it. */
  readonly endHeight: number;
  readonly startTime: number;
  readonly endTime: number;
  /** Total minted for the period (regional base units). */
  readonly minted: BN;
  readonly nodesPaid: number;
  readonly nodesBelowUptime: number;
}

/** The open period (queries: GET /farming/...). */
export interface CurrentPeriod {
  readonly period: number;
  readonly startHeight: number;
  readonly startTime: number;
  /** Height whose end phase closes it. */
  readonly endHeight: number;
  readonly periodBlocks: number;
}
