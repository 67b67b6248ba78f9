/**
 * The JSON form of proposal actions (rpc/api/dao-schemas.ts `ActionJson`), both ways: the RPC
 * answers with it, the CLI reads it from files, SDK users write it by hand. Browser-safe.
 *
 *   { "kind": "add-policy", "policy": { name, cu, su, nu, ipv4, minimalUptime, policyEnd, immutable,
 *                                       default, nodeCertification, farmCertification } }
 *   { "kind": "update-policy", "policyId", "policy": {...} }
 *   { "kind": "attach-policy", "farmId", "policyId", "limits": { cuMilli, suMilli, nodeCount, end, nodeCertification } }
 *   { "kind": "detach-policy", "farmId" }
 *   { "kind": "set-farm-certification", "farmId", "certification": "notCertified" | "gold" }
 *   { "kind": "set-node-certification", "nodeId", "certification": "diy" | "certified" }
 *   { "kind": "set-pool-fee", "feeBps" }
 *   { "kind": "set-dao-params", "params": { minDeposit, minVotingPeriod, maxVotingPeriod, quorum, threshold, veto } }
 *   { "kind": "treasury-spend", "to": bech32m, "asset": "TFT" | "REGIONAL", "amount" }
 *
 * Amounts are decimal strings of base units; ids positive integers; shares permille integers. On
 * input the `limits` fields are optional (null, and false for nodeCertification); every other field
 * is required and no unknown field is accepted. `actionFromJson` then runs the chain's own
 * stateless checks (the decoder of dao/governance/dao-params.ts over the encoded action), so an
 * action it accepts is one the chain decodes; malformed input is a ChainError naming the field
 * (DAO_BAD_PROPOSAL, or the chain's code: DAO_BAD_NAME, DAO_BAD_POLICY, CRYPTO_BAD_ADDRESS, ...).
 */
import BN from 'bn.js';
import { formatBaseUnits, MAX_AMOUNT, parseBaseUnits } from '../../chain/amount.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { ChainError } from '../../chain/errors.ts';
import { FARM_CERTIFICATIONS, NODE_CERTIFICATIONS, type PolicyFields, type PolicyLimits } from '../../dao/farming/farming-types.ts';
import { decodeAction, encodeAction } from '../../dao/governance/dao-params.ts';
import type { DaoParams, ProposalAction } from '../../dao/governance/dao-types.ts';
import type { ActionJson, DaoParamsJson, LimitsJson, PolicyJson } from '../api/dao-schemas.ts';
import { addressBytes } from './build-tx.ts';

export type { ActionJson, DaoParamsJson, LimitsJson, PolicyJson };

/** Input form of an action: `limits` fields may be left out (null / false). */
export type ActionJsonInput = Exclude<ActionJson, { kind: 'attach-policy' }> | { kind: 'attach-policy'; farmId: number; policyId: number; limits?: Partial<LimitsJson> };

export const ACTION_KINDS = [
  'add-policy',
  'update-policy',
  'attach-policy',
  'detach-policy',
  'set-farm-certification',
  'set-node-certification',
  'set-pool-fee',
  'set-dao-params',
  'treasury-spend',
] as const;

/** n thousandths as a decimal string: 334 -> "0.334", 1500 -> "1.5", 1000 -> "1". Permille shares and milli-unit weights. */
export function thousandths(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`thousandths: not a non-negative integer: ${n}`);
  const whole = Math.floor(n / 1000);
  const frac = String(n % 1000).padStart(3, '0').replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

// ---------------------------------------------------------------- to JSON

export function policyToJson(p: PolicyFields): PolicyJson {
  return {
    name: p.name,
    cu: formatBaseUnits(p.cu),
    su: formatBaseUnits(p.su),
    nu: formatBaseUnits(p.nu),
    ipv4: formatBaseUnits(p.ipv4),
    minimalUptime: p.minimalUptime,
    policyEnd: p.policyEnd,
    immutable: p.immutable,
    default: p.default,
    nodeCertification: p.nodeCertification,
    farmCertification: p.farmCertification,
  };
}

export function limitsToJson(l: PolicyLimits): LimitsJson {
  return { cuMilli: l.cuMilli, suMilli: l.suMilli, nodeCount: l.nodeCount, end: l.end, nodeCertification: l.nodeCertification };
}

export function daoParamsToJson(p: DaoParams): DaoParamsJson {
  return {
    minDeposit: formatBaseUnits(p.minDeposit),
    minVotingPeriod: p.minVotingPeriod,
    maxVotingPeriod: p.maxVotingPeriod,
    quorum: p.quorum,
    threshold: p.threshold,
    veto: p.veto,
  };
}

/** A typed action as JSON; `addressPrefix` spells the treasury-spend recipient. */
export function actionToJson(a: ProposalAction, addressPrefix: string): ActionJson {
  switch (a.kind) {
    case 'add-policy':
      return { kind: a.kind, policy: policyToJson(a.policy) };
    case 'update-policy':
      return { kind: a.kind, policyId: a.policyId, policy: policyToJson(a.policy) };
    case 'attach-policy':
      return { kind: a.kind, farmId: a.farmId, policyId: a.policyId, limits: limitsToJson(a.limits) };
    case 'detach-policy':
      return { kind: a.kind, farmId: a.farmId };
    case 'set-farm-certification':
      return { kind: a.kind, farmId: a.farmId, certification: a.certification };
    case 'set-node-certification':
      return { kind: a.kind, nodeId: a.nodeId, certification: a.certification };
    case 'set-pool-fee':
      return { kind: a.kind, feeBps: a.feeBps };
    case 'set-dao-params':
      return { kind: a.kind, params: daoParamsToJson(a.params) };
    case 'treasury-spend':
      return { kind: a.kind, to: encodeAddress(addressPrefix, a.to), asset: a.asset, amount: formatBaseUnits(a.amount) };
  }
}

// ---------------------------------------------------------------- from JSON

const bad = (path: string, why: string): ChainError => new ChainError('DAO_BAD_PROPOSAL', `${path}: ${why}`, { field: path });

function object(v: unknown, path: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(path, 'must be a JSON object');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!required.includes(k) && !optional.includes(k)) throw bad(`${path}.${k}`, `unknown field (expected ${[...required, ...optional].join(', ')})`);
  }
  for (const k of required) if (!Object.prototype.hasOwnProperty.call(o, k) || o[k] === undefined) throw bad(`${path}.${k}`, 'missing');
  return o;
}

function integer(v: unknown, path: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) throw bad(path, `must be an integer from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return v;
}

const MAX_U32 = 0xffff_ffff;
const MAX_U48 = 0xffff_ffff_ffff;
const id = (v: unknown, path: string): number => integer(v, path, 1, MAX_U32);

function nullableInteger(v: unknown, path: string): number | null {
  return v === null || v === undefined ? null : integer(v, path, 0, MAX_U48);
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw bad(path, `must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

function text(v: unknown, path: string): string {
  if (typeof v !== 'string') throw bad(path, `must be a string, got ${JSON.stringify(v)}`);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) throw bad(path, `must be one of ${options.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

function amount(v: unknown, path: string): BN {
  const parsed = typeof v === 'string' ? parseBaseUnits(v) : undefined;
  if (parsed === undefined || parsed.gt(MAX_AMOUNT)) throw bad(path, `must be a decimal string of base units (e.g. "25000000"), got ${JSON.stringify(v)}`);
  return parsed;
}

const POLICY_FIELDS = ['name', 'cu', 'su', 'nu', 'ipv4', 'minimalUptime', 'policyEnd', 'immutable', 'default', 'nodeCertification', 'farmCertification'] as const;

export function policyFromJson(v: unknown, path = 'policy'): PolicyFields {
  const o = object(v, path, POLICY_FIELDS);
  return {
    name: text(o['name'], `${path}.name`),
    cu: amount(o['cu'], `${path}.cu`),
    su: amount(o['su'], `${path}.su`),
    nu: amount(o['nu'], `${path}.nu`),
    ipv4: amount(o['ipv4'], `${path}.ipv4`),
    minimalUptime: integer(o['minimalUptime'], `${path}.minimalUptime`, 0, 1000),
    policyEnd: integer(o['policyEnd'], `${path}.policyEnd`, 0, MAX_U48),
    immutable: bool(o['immutable'], `${path}.immutable`),
    default: bool(o['default'], `${path}.default`),
    nodeCertification: oneOf(o['nodeCertification'], `${path}.nodeCertification`, NODE_CERTIFICATIONS),
    farmCertification: oneOf(o['farmCertification'], `${path}.farmCertification`, FARM_CERTIFICATIONS),
  };
}

/** Limits; every field optional (null = no limit; nodeCertification false). */
export function limitsFromJson(v: unknown, path = 'limits'): PolicyLimits {
  const o = v === undefined ? {} : object(v, path, [], ['cuMilli', 'suMilli', 'nodeCount', 'end', 'nodeCertification']);
  return {
    cuMilli: nullableInteger(o['cuMilli'], `${path}.cuMilli`),
    suMilli: nullableInteger(o['suMilli'], `${path}.suMilli`),
    nodeCount: nullableInteger(o['nodeCount'], `${path}.nodeCount`),
    end: nullableInteger(o['end'], `${path}.end`),
    nodeCertification: o['nodeCertification'] === undefined ? false : bool(o['nodeCertification'], `${path}.nodeCertification`),
  };
}

export function daoParamsFromJson(v: unknown, path = 'params'): DaoParams {
  const o = object(v, path, ['minDeposit', 'minVotingPeriod', 'maxVotingPeriod', 'quorum', 'threshold', 'veto']);
  return {
    minDeposit: amount(o['minDeposit'], `${path}.minDeposit`),
    minVotingPeriod: integer(o['minVotingPeriod'], `${path}.minVotingPeriod`, 0, MAX_U32),
    maxVotingPeriod: integer(o['maxVotingPeriod'], `${path}.maxVotingPeriod`, 0, MAX_U32),
    quorum: integer(o['quorum'], `${path}.quorum`, 0, 1000),
    threshold: integer(o['threshold'], `${path}.threshold`, 0, 1000),
    veto: integer(o['veto'], `${path}.veto`, 0, 1000),
  };
}

function recipient(address: string, addressPrefix: string | undefined, path: string): Uint8Array {
  try {
    return addressBytes(address, addressPrefix);
  } catch (e) {
    if (e instanceof ChainError) throw new ChainError(e.code, `${path}: ${e.message}`, { field: path });
    throw e;
  }
}

function shape(v: unknown, path: string, addressPrefix: string | undefined): ProposalAction {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(path, 'an action must be a JSON object with a "kind"');
  const kind = (v as Record<string, unknown>)['kind'];
  const k = (fields: readonly string[], optional: readonly string[] = []) => object(v, path, ['kind', ...fields], optional);
  switch (kind) {
    case 'add-policy':
      return { kind, policy: policyFromJson(k(['policy'])['policy'], `${path}.policy`) };
    case 'update-policy': {
      const o = k(['policyId', 'policy']);
      return { kind, policyId: id(o['policyId'], `${path}.policyId`), policy: policyFromJson(o['policy'], `${path}.policy`) };
    }
    case 'attach-policy': {
      const o = k(['farmId', 'policyId'], ['limits']);
      return { kind, farmId: id(o['farmId'], `${path}.farmId`), policyId: id(o['policyId'], `${path}.policyId`), limits: limitsFromJson(o['limits'], `${path}.limits`) };
    }
    case 'detach-policy':
      return { kind, farmId: id(k(['farmId'])['farmId'], `${path}.farmId`) };
    case 'set-farm-certification': {
      const o = k(['farmId', 'certification']);
      return { kind, farmId: id(o['farmId'], `${path}.farmId`), certification: oneOf(o['certification'], `${path}.certification`, FARM_CERTIFICATIONS) };
    }
    case 'set-node-certification': {
      const o = k(['nodeId', 'certification']);
      return { kind, nodeId: id(o['nodeId'], `${path}.nodeId`), certification: oneOf(o['certification'], `${path}.certification`, NODE_CERTIFICATIONS) };
    }
    case 'set-pool-fee':
      return { kind, feeBps: integer(k(['feeBps'])['feeBps'], `${path}.feeBps`, 0, 0xffff) };
    case 'set-dao-params':
      return { kind, params: daoParamsFromJson(k(['params'])['params'], `${path}.params`) };
    case 'treasury-spend': {
      const o = k(['to', 'asset', 'amount']);
      const to = text(o['to'], `${path}.to`);
      const asset = oneOf(o['asset'], `${path}.asset`, ['TFT', 'REGIONAL'] as const);
      const value = amount(o['amount'], `${path}.amount`);
      if (value.isZero()) throw bad(`${path}.amount`, 'at least 1 base unit');
      return { kind, to: recipient(to, addressPrefix, `${path}.to`), asset, amount: value };
    }
    default:
      throw bad(`${path}.kind`, `unknown action kind ${JSON.stringify(kind)} (one of ${ACTION_KINDS.join(', ')})`);
  }
}

/** The chain's own stateless checks of an action (names, ranges, certifications): what it decodes is what it accepts. */
export function checkAction(a: ProposalAction, path = 'action'): ProposalAction {
  return decodeAction(encodeAction(a), path);
}

/**
 * An action from its JSON form. `addressPrefix`: the chain's (treasury-spend `to` must carry it);
 * without it any valid bech32m prefix is accepted.
 */
export function actionFromJson(v: unknown, addressPrefix?: string, path = 'action'): ProposalAction {
  return checkAction(shape(v, path, addressPrefix), path);
}

/** A JSON array of actions, or a single action object. */
export function actionsFromJson(v: unknown, addressPrefix?: string, path = 'actions'): ProposalAction[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((a, i) => actionFromJson(a, addressPrefix, Array.isArray(v) ? `${path}[${i}]` : path));
}

/** Whether `a` is the typed form (BN amounts, address bytes) rather than JSON; the forms of the other kinds coincide. */
function isTyped(a: ProposalAction | ActionJsonInput): a is ProposalAction {
  switch (a.kind) {
    case 'add-policy':
    case 'update-policy':
      return BN.isBN((a.policy as { cu?: unknown } | undefined)?.cu);
    case 'set-dao-params':
      return BN.isBN((a.params as { minDeposit?: unknown } | undefined)?.minDeposit);
    case 'treasury-spend':
      return (a as { to?: unknown }).to instanceof Uint8Array;
    default:
      return false;
  }
}

/** A typed or a JSON action, checked as the chain checks it. */
export function toAction(a: ProposalAction | ActionJsonInput, addressPrefix?: string, path = 'action'): ProposalAction {
  return isTyped(a) ? checkAction(a, path) : actionFromJson(a, addressPrefix, path);
}
