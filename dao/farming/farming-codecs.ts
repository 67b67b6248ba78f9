/**
 * Canonical CBOR codecs of the farming records (flat arrays, as pool-state.ts): ids and counters
 * are integers, amounts canonical amount bytes, addresses and keys byte strings, certifications
 * their names. Decoding checks every field's shape, so a corrupt record fails loudly.
 */
import { amountToBytes, readAmount } from '../../chain/amount.ts';
import { decodeStoredCbor, encodeCbor, type CborValue } from '../../chain/codec/cbor.ts';
import { readArray, readBool, readBytes, readString, readUint } from '../../chain/codec/read.ts';
import { ChainError } from '../../chain/errors.ts';
import type { ValueCodec } from '../../chain/execution/typed-store.ts';
import {
  FARM_CERTIFICATIONS,
  NODE_CERTIFICATIONS,
  type Farm,
  type FarmNode,
  type FarmPeriodReward,
  type NodeReward,
  type PeriodSummary,
  type Policy,
  type PolicyAttachment,
  type PolicyLimits,
} from './farming-types.ts';

/** The module's configuration, fixed at genesis. */
export interface FarmingConfig {
  readonly periodBlocks: number;
}

/** The next id of each kind (ids start at 1 and are never reused). */
export interface FarmingCounters {
  readonly nextFarmId: number;
  readonly nextNodeId: number;
  readonly nextPolicyId: number;
}

/** The stored part of the open period (CurrentPeriod adds what the config implies). */
export interface OpenPeriod {
  readonly period: number;
  readonly startHeight: number;
  readonly startTime: number;
}

/** One weight checkpoint: the weight after the changes of block `height`. */
export interface WeightCheckpoint {
  readonly height: number;
  readonly weight: number;
}

function oneOf<T extends string>(v: CborValue | undefined, path: string, options: readonly T[]): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
    throw new ChainError('CODEC_WRONG_TYPE', `${path}: expected one of ${options.join(', ')}`, { field: path });
  }
  return v as T;
}

function nullableUint(v: CborValue | undefined, path: string): number | null {
  return v === null ? null : readUint(v, path);
}

function cborCodec<T>(encode: (v: T) => CborValue, decode: (v: CborValue) => T): ValueCodec<T> {
  return { encode: (v) => encodeCbor(encode(v)), decode: (bytes) => decode(decodeStoredCbor(bytes)) };
}

export const configCodec = cborCodec<FarmingConfig>(
  (c) => [c.periodBlocks],
  (v) => ({ periodBlocks: readUint(readArray(v, 'config', 1)[0], 'config.periodBlocks') }),
);

export const countersCodec = cborCodec<FarmingCounters>(
  (c) => [c.nextFarmId, c.nextNodeId, c.nextPolicyId],
  (v) => {
    const a = readArray(v, 'counters', 3);
    return { nextFarmId: readUint(a[0], 'counters.nextFarmId'), nextNodeId: readUint(a[1], 'counters.nextNodeId'), nextPolicyId: readUint(a[2], 'counters.nextPolicyId') };
  },
);

export const openPeriodCodec = cborCodec<OpenPeriod>(
  (p) => [p.period, p.startHeight, p.startTime],
  (v) => {
    const a = readArray(v, 'period', 3);
    return { period: readUint(a[0], 'period.period'), startHeight: readUint(a[1], 'period.startHeight'), startTime: readUint(a[2], 'period.startTime') };
  },
);

export const checkpointCodec = cborCodec<WeightCheckpoint>(
  (c) => [c.height, c.weight],
  (v) => {
    const a = readArray(v, 'checkpoint', 2);
    return { height: readUint(a[0], 'checkpoint.height'), weight: readUint(a[1], 'checkpoint.weight') };
  },
);

export const countCodec = cborCodec<number>(
  (n) => n,
  (v) => readUint(v, 'count'),
);

export const idCodec = countCodec;

export const idListCodec = cborCodec<readonly number[]>(
  (ids) => [...ids],
  (v) => readArray(v, 'ids').map((x, i) => readUint(x, `ids[${i}]`)),
);

export function encodePolicyRecord(p: Policy): CborValue {
  return [
    p.id, p.version, p.policyCreated, p.name,
    amountToBytes(p.cu), amountToBytes(p.su), amountToBytes(p.nu), amountToBytes(p.ipv4),
    p.minimalUptime, p.policyEnd, p.immutable, p.default, p.nodeCertification, p.farmCertification,
  ];
}

export const policyCodec = cborCodec<Policy>(encodePolicyRecord, (v) => {
  const a = readArray(v, 'policy', 14);
  return {
    id: readUint(a[0], 'policy.id'),
    version: readUint(a[1], 'policy.version'),
    policyCreated: readUint(a[2], 'policy.policyCreated'),
    name: readString(a[3], 'policy.name', 64),
    cu: readAmount(a[4], 'policy.cu'),
    su: readAmount(a[5], 'policy.su'),
    nu: readAmount(a[6], 'policy.nu'),
    ipv4: readAmount(a[7], 'policy.ipv4'),
    minimalUptime: readUint(a[8], 'policy.minimalUptime', 1000),
    policyEnd: readUint(a[9], 'policy.policyEnd'),
    immutable: readBool(a[10], 'policy.immutable'),
    default: readBool(a[11], 'policy.default'),
    nodeCertification: oneOf(a[12], 'policy.nodeCertification', NODE_CERTIFICATIONS),
    farmCertification: oneOf(a[13], 'policy.farmCertification', FARM_CERTIFICATIONS),
  };
});

function encodeAttachment(a: PolicyAttachment | null): CborValue {
  if (a === null) return null;
  const l = a.limits;
  return [a.policyId, l.cuMilli, l.suMilli, l.nodeCount, l.end, l.nodeCertification];
}

function decodeAttachment(v: CborValue | undefined, path: string): PolicyAttachment | null {
  if (v === null) return null;
  const a = readArray(v, path, 6);
  const limits: PolicyLimits = {
    cuMilli: nullableUint(a[1], `${path}.cuMilli`),
    suMilli: nullableUint(a[2], `${path}.suMilli`),
    nodeCount: nullableUint(a[3], `${path}.nodeCount`),
    end: nullableUint(a[4], `${path}.end`),
    nodeCertification: readBool(a[5], `${path}.nodeCertification`),
  };
  return { policyId: readUint(a[0], `${path}.policyId`), limits };
}

export const farmCodec = cborCodec<Farm>(
  (f) => [f.id, f.name, f.owner, f.payout, f.certification, encodeAttachment(f.attachment), [...f.nodeIds], f.weightMilli],
  (v) => {
    const a = readArray(v, 'farm', 8);
    return {
      id: readUint(a[0], 'farm.id'),
      name: readString(a[1], 'farm.name', 40),
      owner: readBytes(a[2], 'farm.owner', 20),
      payout: readBytes(a[3], 'farm.payout', 20),
      certification: oneOf(a[4], 'farm.certification', FARM_CERTIFICATIONS),
      attachment: decodeAttachment(a[5], 'farm.attachment'),
      nodeIds: readArray(a[6], 'farm.nodeIds').map((x, i) => readUint(x, `farm.nodeIds[${i}]`)),
      weightMilli: readUint(a[7], 'farm.weightMilli'),
    };
  },
);

export const nodeCodec = cborCodec<FarmNode>(
  (n) => [
    n.id, n.farmId, n.nodeKey, n.resources.cru, n.resources.mru, n.resources.sru, n.resources.hru, n.publicIps, n.certification,
    n.units.cuMilli, n.units.suMilli,
    n.uptime.lastReportTime, n.uptime.lastUptime, n.uptime.period, n.uptime.creditedSeconds, n.uptime.nuBytes,
  ],
  (v) => {
    const a = readArray(v, 'node', 16);
    return {
      id: readUint(a[0], 'node.id'),
      farmId: readUint(a[1], 'node.farmId'),
      nodeKey: readBytes(a[2], 'node.nodeKey', 32),
      resources: { cru: readUint(a[3], 'node.cru'), mru: readUint(a[4], 'node.mru'), sru: readUint(a[5], 'node.sru'), hru: readUint(a[6], 'node.hru') },
      publicIps: readUint(a[7], 'node.publicIps'),
      certification: oneOf(a[8], 'node.certification', NODE_CERTIFICATIONS),
      units: { cuMilli: readUint(a[9], 'node.cuMilli'), suMilli: readUint(a[10], 'node.suMilli') },
      uptime: {
        lastReportTime: readUint(a[11], 'node.lastReportTime'),
        lastUptime: readUint(a[12], 'node.lastUptime'),
        period: readUint(a[13], 'node.period'),
        creditedSeconds: readUint(a[14], 'node.creditedSeconds'),
        nuBytes: readUint(a[15], 'node.nuBytes'),
      },
    };
  },
);

function encodeNodeReward(r: NodeReward): CborValue {
  return [r.nodeId, r.policyId, r.uptimePermille, amountToBytes(r.amount)];
}

function decodeNodeReward(v: CborValue | undefined, path: string): NodeReward {
  const a = readArray(v, path, 4);
  return {
    nodeId: readUint(a[0], `${path}.nodeId`),
    policyId: nullableUint(a[1], `${path}.policyId`),
    uptimePermille: readUint(a[2], `${path}.uptimePermille`, 1000),
    amount: readAmount(a[3], `${path}.amount`),
  };
}

export const farmRewardCodec = cborCodec<FarmPeriodReward>(
  (r) => [r.farmId, r.payout, amountToBytes(r.amount), r.nodes.map(encodeNodeReward)],
  (v) => {
    const a = readArray(v, 'reward', 4);
    return {
      farmId: readUint(a[0], 'reward.farmId'),
      payout: readBytes(a[1], 'reward.payout', 20),
      amount: readAmount(a[2], 'reward.amount'),
      nodes: readArray(a[3], 'reward.nodes').map((x, i) => decodeNodeReward(x, `reward.nodes[${i}]`)),
    };
  },
);

export const summaryCodec = cborCodec<PeriodSummary>(
  (s) => [s.period, s.endHeight, s.startTime, s.endTime, amountToBytes(s.minted), s.nodesPaid, s.nodesBelowUptime],
  (v) => {
    const a = readArray(v, 'summary', 7);
    return {
      period: readUint(a[0], 'summary.period'),
      endHeight: readUint(a[1], 'summary.endHeight'),
      startTime: readUint(a[2], 'summary.startTime'),
      endTime: readUint(a[3], 'summary.endTime'),
      minted: readAmount(a[4], 'summary.minted'),
      nodesPaid: readUint(a[5], 'summary.nodesPaid'),
      nodesBelowUptime: readUint(a[6], 'summary.nodesBelowUptime'),
    };
  },
);
