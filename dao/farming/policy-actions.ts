/**
 * The farming changes only the DAO makes (proposal actions): add, update, attach and detach
 * policies, certify farms and nodes. Each checks everything before it writes, so a failure (a
 * ChainError with its DAO_ code) changes nothing, and emits its event through the caller's `emit`
 * (names policy-added, policy-updated, policy-attached, policy-detached, farm-certified,
 * node-certified; the module part is the caller's).
 */
import { ChainError } from '../../chain/errors.ts';
import type { Emit } from '../../chain/execution/module.ts';
import type { StateWriter } from '../../chain/execution/state-access.ts';
import { getCounters, putCounters, putFarm, putNode, putPolicy, requireFarm, requireNode, requirePolicy } from './farming-state.ts';
import { FARM_CERTIFICATIONS, NODE_CERTIFICATIONS, type FarmCertification, type NodeCertification, type PolicyFields, type PolicyLimits } from './farming-types.ts';

export const MAX_POLICY_NAME = 64;
const POLICY_NAME_RE = /^[A-Za-z0-9_.-]+$/;

function badPolicy(field: string, message: string): ChainError {
  return new ChainError('DAO_BAD_POLICY', `policy.${field}: ${message}`, { field: `policy.${field}` });
}

/** The checks every policy passes, whoever writes it (genesis, add, update). */
export function checkPolicyFields(f: PolicyFields, height: number): void {
  if (f.name.length < 1 || f.name.length > MAX_POLICY_NAME || !POLICY_NAME_RE.test(f.name)) {
    throw new ChainError('DAO_BAD_NAME', `policy.name: 1..${MAX_POLICY_NAME} characters of A-Z a-z 0-9 _ - .`, { field: 'policy.name' });
  }
  if (!Number.isSafeInteger(f.minimalUptime) || f.minimalUptime < 0 || f.minimalUptime > 1000) throw badPolicy('minimalUptime', 'permille, 0..1000');
  if (!Number.isSafeInteger(f.policyEnd) || f.policyEnd < 0) throw badPolicy('policyEnd', 'a height, or 0 for no end');
  if (f.policyEnd !== 0 && f.policyEnd < height) throw badPolicy('policyEnd', `height ${f.policyEnd} is already past (now ${height})`);
  if (!NODE_CERTIFICATIONS.includes(f.nodeCertification)) throw badPolicy('nodeCertification', `one of ${NODE_CERTIFICATIONS.join(', ')}`);
  if (!FARM_CERTIFICATIONS.includes(f.farmCertification)) throw badPolicy('farmCertification', `one of ${FARM_CERTIFICATIONS.join(', ')}`);
}

function policyEvent(id: number, version: number, f: PolicyFields) {
  return { policyId: id, version, name: f.name, cu: f.cu.toString(), su: f.su.toString(), nu: f.nu.toString(), ipv4: f.ipv4.toString(), minimalUptime: f.minimalUptime, policyEnd: f.policyEnd };
}

/** Adds a policy (version 1, created at `height`); returns its id. */
export async function addPolicy(state: StateWriter, fields: PolicyFields, height: number, emit: Emit): Promise<number> {
  checkPolicyFields(fields, height);
  const counters = await getCounters(state);
  const id = counters.nextPolicyId;
  putPolicy(state, { ...fields, id, version: 1, policyCreated: height });
  putCounters(state, { ...counters, nextPolicyId: id + 1 });
  emit('policy-added', policyEvent(id, 1, fields));
  return id;
}

/** Replaces a mutable policy's fields (version + 1, policyCreated kept). */
export async function updatePolicy(state: StateWriter, id: number, fields: PolicyFields, height: number, emit: Emit): Promise<void> {
  const old = await requirePolicy(state, id);
  if (old.immutable) throw new ChainError('DAO_POLICY_IMMUTABLE', `farming policy ${id} is immutable`, { policyId: id });
  checkPolicyFields(fields, height);
  const version = old.version + 1;
  putPolicy(state, { ...fields, id, version, policyCreated: old.policyCreated });
  emit('policy-updated', policyEvent(id, version, fields));
}

function checkLimits(l: PolicyLimits, height: number): void {
  for (const [name, v] of [['cuMilli', l.cuMilli], ['suMilli', l.suMilli], ['nodeCount', l.nodeCount], ['end', l.end]] as const) {
    if (v !== null && (!Number.isSafeInteger(v) || v < 0)) throw new ChainError('DAO_BAD_LIMITS', `limits.${name}: a non-negative integer or null`, { field: `limits.${name}` });
  }
  if (l.end !== null && l.end < height) throw new ChainError('DAO_BAD_LIMITS', `limits.end: height ${l.end} is already past (now ${height})`, { field: 'limits.end' });
}

/** Attaches a policy to a farm under `limits` (replacing any attachment). */
export async function attachPolicy(state: StateWriter, farmId: number, policyId: number, limits: PolicyLimits, height: number, emit: Emit): Promise<void> {
  const farm = await requireFarm(state, farmId);
  const policy = await requirePolicy(state, policyId);
  if (policy.policyEnd !== 0 && policy.policyEnd < height) {
    throw new ChainError('DAO_POLICY_EXPIRED', `farming policy ${policyId} ended at height ${policy.policyEnd}`, { policyId, policyEnd: policy.policyEnd });
  }
  checkLimits(limits, height);
  putFarm(state, { ...farm, attachment: { policyId, limits } });
  // Events carry no null: an absent limit is an absent field.
  const set = Object.entries({ cuMilli: limits.cuMilli, suMilli: limits.suMilli, nodeCount: limits.nodeCount, end: limits.end }).filter((e): e is [string, number] => e[1] !== null);
  emit('policy-attached', { farmId, policyId, ...Object.fromEntries(set), nodeCertification: limits.nodeCertification });
}

/** Removes a farm's attached policy (its nodes fall back to the default policies). */
export async function detachPolicy(state: StateWriter, farmId: number, emit: Emit): Promise<void> {
  const farm = await requireFarm(state, farmId);
  putFarm(state, { ...farm, attachment: null });
  emit('policy-detached', { farmId, policyId: farm.attachment?.policyId ?? 0 });
}

export async function setFarmCertification(state: StateWriter, farmId: number, certification: FarmCertification, emit: Emit): Promise<void> {
  const farm = await requireFarm(state, farmId);
  if (!FARM_CERTIFICATIONS.includes(certification)) throw new ChainError('DAO_BAD_PROPOSAL', `certification: one of ${FARM_CERTIFICATIONS.join(', ')}`);
  putFarm(state, { ...farm, certification });
  emit('farm-certified', { farmId, certification });
}

export async function setNodeCertification(state: StateWriter, nodeId: number, certification: NodeCertification, emit: Emit): Promise<void> {
  const node = await requireNode(state, nodeId);
  if (!NODE_CERTIFICATIONS.includes(certification)) throw new ChainError('DAO_BAD_PROPOSAL', `certification: one of ${NODE_CERTIFICATIONS.join(', ')}`);
  putNode(state, { ...node, certification });
  emit('node-certified', { nodeId, certification });
}
