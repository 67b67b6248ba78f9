/**
 * The genesis section "farming" and the registry it creates (layout in README.md):
 *
 *   "farming": { "periodBlocks": 120, "policies": [ {...} ], "farms": [ { ..., "nodes": [ {...} ] } ] }
 *
 * Strict: unknown fields are GENESIS_UNKNOWN_FIELD, bad values GENESIS_INVALID_FIELD (amounts
 * GENESIS_INVALID_AMOUNT, addresses GENESIS_INVALID_ADDRESS, repeated farm names or node keys
 * GENESIS_DUPLICATE_VALUE), each with the exact path ("farming.farms[0].nodes[1].mru"). Policies
 * get ids 1.., farms 1.., nodes 1.. in order of appearance; everything is at height 0.
 */
import type BN from 'bn.js';
import { toHex } from '../../chain/codec/bytes.ts';
import { decodeAddress, encodeAddress } from '../../chain/crypto/addresses.ts';
import { ChainError } from '../../chain/errors.ts';
import type { GenesisContext } from '../../chain/execution/module.ts';
import { fieldPath, IssueList } from '../../genesis/genesis-issue.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { UniqueCheck } from '../../genesis/unique-check.ts';
import { amountString, hexBytes, integerIn, ObjectReader, typeName, type Reader, bech32Address } from '../../genesis/value-readers.ts';
import { capacityUnits, voteWeightMilli } from './capacity-units.ts';
import { MAX_CORES, MAX_FARM_NAME, MAX_PUBLIC_IPS, MAX_RESOURCE_BYTES } from './farming-params.ts';
import { putConfig, putCounters, putFarm, putFarmName, putNode, putNodeKey, putOpenPeriod, putPolicy } from './farming-state.ts';
import {
  FARM_CERTIFICATIONS,
  NODE_CERTIFICATIONS,
  type FarmCertification,
  type NodeCertification,
  type NodeResources,
  type PolicyFields,
  type PolicyLimits,
} from './farming-types.ts';
import { MAX_POLICY_NAME } from './policy-actions.ts';
import { recordFarmWeight } from './weight-history.ts';

export interface FarmingGenesisNode {
  readonly nodeKey: Uint8Array;
  readonly resources: NodeResources;
  readonly publicIps: number;
  readonly certification: NodeCertification;
}

export interface FarmingGenesisFarm {
  readonly name: string;
  /** bech32m addresses; the prefix is checked against the chain's at initGenesis. */
  readonly owner: string;
  readonly payout: string | undefined;
  readonly certification: FarmCertification;
  readonly policy: { readonly policyId: number; readonly limits: PolicyLimits } | undefined;
  readonly nodes: readonly FarmingGenesisNode[];
}

export interface FarmingGenesis {
  readonly periodBlocks: number;
  readonly policies: readonly PolicyFields[];
  readonly farms: readonly FarmingGenesisFarm[];
}

const MAX_HEIGHT = Number.MAX_SAFE_INTEGER;

const boolean: Reader<boolean> = (value, field, issues) => {
  if (typeof value === 'boolean') return value;
  issues.add('GENESIS_INVALID_FIELD', field, `must be true or false, got ${typeName(value)}`);
  return undefined;
};

function oneOf<T extends string>(options: readonly T[]): Reader<T> {
  return (value, field, issues) => {
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T;
    issues.add('GENESIS_INVALID_FIELD', field, `must be one of ${options.join(', ')}, got ${typeName(value)}`);
    return undefined;
  };
}

function name(max: number): Reader<string> {
  return (value, field, issues) => {
    if (typeof value === 'string' && value.length >= 1 && value.length <= max && /^[A-Za-z0-9_.-]+$/.test(value)) return value;
    issues.add('GENESIS_INVALID_FIELD', field, `must be 1..${max} characters of A-Z a-z 0-9 _ - ., got ${typeName(value)}`);
    return undefined;
  };
}


/** A JSON array read item by item; undefined (with an issue) unless it is an array. */
function arrayOf<T>(read: Reader<T>): Reader<T[]> {
  return (value, field, issues) => {
    if (!Array.isArray(value)) {
      issues.add('GENESIS_INVALID_FIELD', field, `must be an array, got ${typeName(value)}`);
      return undefined;
    }
    const out: T[] = [];
    value.forEach((item: unknown, i) => {
      const v = read(item, fieldPath(field, i), issues);
      if (v !== undefined) out.push(v);
    });
    return out.length === value.length ? out : undefined;
  };
}

const POLICY_FIELDS = ['name', 'cu', 'su', 'nu', 'ipv4', 'minimalUptime', 'policyEnd', 'immutable', 'default', 'nodeCertification', 'farmCertification'];

const policy: Reader<PolicyFields> = (value, field, issues) => {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const p = {
    name: r.required('name', name(MAX_POLICY_NAME)),
    cu: r.required('cu', amountString),
    su: r.required('su', amountString),
    nu: r.required('nu', amountString),
    ipv4: r.required('ipv4', amountString),
    minimalUptime: r.required('minimalUptime', integerIn(0, 1000)),
    policyEnd: r.required('policyEnd', integerIn(0, MAX_HEIGHT)),
    immutable: r.required('immutable', boolean),
    default: r.required('default', boolean),
    nodeCertification: r.required('nodeCertification', oneOf(NODE_CERTIFICATIONS)),
    farmCertification: r.required('farmCertification', oneOf(FARM_CERTIFICATIONS)),
  };
  r.rejectUnknown(POLICY_FIELDS);
  return Object.values(p).some((v) => v === undefined) ? undefined : (p as { [K in keyof PolicyFields]: PolicyFields[K] });
};

function attachment(policyCount: number): Reader<{ policyId: number; limits: PolicyLimits }> {
  return (value, field, issues) => {
    const r = ObjectReader.open(value, field, issues);
    if (r === undefined) return undefined;
    const policyId = r.required('policyId', integerIn(1, Math.max(1, policyCount)));
    if (policyCount === 0 && policyId !== undefined) issues.add('GENESIS_INVALID_FIELD', r.path('policyId'), 'no policy is defined');
    const limit = (key: string) => r.optional(key, integerIn(0, MAX_HEIGHT)) ?? null;
    const limits: PolicyLimits = {
      cuMilli: limit('cuMilli'),
      suMilli: limit('suMilli'),
      nodeCount: limit('nodeCount'),
      end: limit('end'),
      nodeCertification: r.optional('nodeCertification', boolean) ?? false,
    };
    r.rejectUnknown(['policyId', 'cuMilli', 'suMilli', 'nodeCount', 'end', 'nodeCertification']);
    return policyId === undefined || policyCount === 0 ? undefined : { policyId, limits };
  };
}

function node(keys: UniqueCheck): Reader<FarmingGenesisNode> {
  return (value, field, issues) => {
    const r = ObjectReader.open(value, field, issues);
    if (r === undefined) return undefined;
    const nodeKey = r.required('nodeKey', hexBytes(32));
    if (nodeKey !== undefined) keys.check(toHex(nodeKey), r.path('nodeKey'));
    const cru = r.required('cru', integerIn(1, MAX_CORES));
    const mru = r.required('mru', integerIn(0, MAX_RESOURCE_BYTES));
    const sru = r.required('sru', integerIn(0, MAX_RESOURCE_BYTES));
    const hru = r.required('hru', integerIn(0, MAX_RESOURCE_BYTES));
    const publicIps = r.optional('publicIps', integerIn(0, MAX_PUBLIC_IPS)) ?? 0;
    const certification = r.optional('certification', oneOf(NODE_CERTIFICATIONS)) ?? 'diy';
    r.rejectUnknown(['nodeKey', 'cru', 'mru', 'sru', 'hru', 'publicIps', 'certification']);
    if (nodeKey === undefined || cru === undefined || mru === undefined || sru === undefined || hru === undefined) return undefined;
    return { nodeKey, resources: { cru, mru, sru, hru }, publicIps, certification };
  };
}

function farm(policyCount: number, names: UniqueCheck, keys: UniqueCheck): Reader<FarmingGenesisFarm> {
  return (value, field, issues) => {
    const r = ObjectReader.open(value, field, issues);
    if (r === undefined) return undefined;
    const farmName = r.required('name', name(MAX_FARM_NAME));
    if (farmName !== undefined) names.check(farmName, r.path('name'));
    const owner = r.required('owner', bech32Address);
    const payout = r.optional('payout', bech32Address);
    const certification = r.optional('certification', oneOf(FARM_CERTIFICATIONS)) ?? 'notCertified';
    const attached = r.optional('policy', attachment(policyCount));
    const nodes = r.required('nodes', arrayOf(node(keys)));
    r.rejectUnknown(['name', 'owner', 'payout', 'certification', 'policy', 'nodes']);
    if (farmName === undefined || owner === undefined || nodes === undefined) return undefined;
    if (r.has('payout') && payout === undefined) return undefined;
    if (r.has('policy') && attached === undefined) return undefined;
    return { name: farmName, owner, payout, certification, policy: attached, nodes };
  };
}

/** The SectionParser of "farming": strict, every defect with its exact field. */
export function parseFarmingSection(value: unknown, field: string): FarmingGenesis {
  const issues = new IssueList();
  const r = ObjectReader.open(value, field, issues);
  let parsed: FarmingGenesis | undefined;
  if (r !== undefined) {
    const periodBlocks = r.required('periodBlocks', integerIn(1, 0xffff_ffff));
    const policies = r.optional('policies', arrayOf(policy));
    const policyCount = Array.isArray(r.object['policies']) ? (r.object['policies'] as unknown[]).length : 0;
    const farms = r.optional('farms', arrayOf(farm(policyCount, new UniqueCheck('farm name', issues), new UniqueCheck('node key', issues))));
    r.rejectUnknown(['periodBlocks', 'policies', 'farms']);
    if (periodBlocks !== undefined) parsed = { periodBlocks, policies: policies ?? [], farms: farms ?? [] };
  }
  const first = issues.items[0];
  if (first !== undefined) throw new ChainError(first.code, `${first.field}: ${first.message}`, { field: first.field, issues: issues.items });
  if (parsed === undefined) throw new ChainError('GENESIS_INVALID_FIELD', `${field}: invalid farming section`, { field });
  return parsed;
}

/** The parsed "farming" section of a genesis, or undefined when it has none. */
export function farmingSectionOf(genesis: Genesis): FarmingGenesis | undefined {
  return genesis.app['farming'] as FarmingGenesis | undefined;
}

function addressBytes(genesis: Genesis, value: string, field: string): Uint8Array {
  try {
    return decodeAddress(value, genesis.addressPrefix);
  } catch (e) {
    throw new ChainError('GENESIS_INVALID_ADDRESS', `${field}: ${e instanceof Error ? e.message : String(e)}`, { field });
  }
}

/** Writes the registry of a genesis that has a "farming" section; period 0 opens at genesis time. */
export async function initFarmingGenesis(ctx: GenesisContext, section: FarmingGenesis): Promise<void> {
  const { genesis, state } = ctx;
  const hrp = genesis.addressPrefix;
  putConfig(state, { periodBlocks: section.periodBlocks });
  putOpenPeriod(state, { period: 0, startHeight: 1, startTime: genesis.genesisTime });
  section.policies.forEach((p, i) => {
    putPolicy(state, { ...p, id: i + 1, version: 1, policyCreated: 0 });
    ctx.emit('policy-added', { policyId: i + 1, version: 1, name: p.name, cu: amountText(p.cu), su: amountText(p.su), nu: amountText(p.nu), ipv4: amountText(p.ipv4), minimalUptime: p.minimalUptime, policyEnd: p.policyEnd });
  });
  let nextNodeId = 1;
  for (const [i, f] of section.farms.entries()) {
    const farmId = i + 1;
    const owner = addressBytes(genesis, f.owner, `farming.farms[${i}].owner`);
    const payout = f.payout === undefined ? owner : addressBytes(genesis, f.payout, `farming.farms[${i}].payout`);
    const nodeIds: number[] = [];
    let weightMilli = 0;
    for (const n of f.nodes) {
      const id = nextNodeId++;
      const units = capacityUnits(n.resources);
      weightMilli += voteWeightMilli(units);
      nodeIds.push(id);
      const uptime = { lastReportTime: 0, lastUptime: 0, period: 0, creditedSeconds: 0, nuBytes: 0 };
      putNode(state, { id, farmId, nodeKey: n.nodeKey, resources: n.resources, publicIps: n.publicIps, certification: n.certification, units, uptime });
      putNodeKey(state, n.nodeKey, id);
    }
    const attachment = f.policy === undefined ? null : { policyId: f.policy.policyId, limits: f.policy.limits };
    putFarm(state, { id: farmId, name: f.name, owner, payout, certification: f.certification, attachment, nodeIds, weightMilli });
    putFarmName(state, f.name, farmId);
    await recordFarmWeight(state, farmId, 0, weightMilli, 0);
    ctx.emit('farm-created', { farmId, name: f.name, owner: encodeAddress(hrp, owner), payout: encodeAddress(hrp, payout), nodes: nodeIds.length });
  }
  putCounters(state, { nextFarmId: section.farms.length + 1, nextNodeId, nextPolicyId: section.policies.length + 1 });
}

function amountText(v: BN): string {
  return v.toString(10);
}
