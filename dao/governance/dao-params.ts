/**
 * The params of the DAO commands and of proposal actions (CBOR arrays), with their encoders for the
 * SDK and strict stateless decoders. Portable: no node:* import.
 *
 *   propose  [title, description, votingPeriod, deposit, actions]
 *   vote     [proposalId, farmId, choice]          choice "yes" | "no" | "abstain" | "veto"
 *
 * An action is [kind, ...args]:
 *   ["add-policy", policy]                    policy = [name, cu, su, nu, ipv4, minimalUptime, policyEnd,
 *   ["update-policy", policyId, policy]                 immutable, default, nodeCertification, farmCertification]
 *   ["attach-policy", farmId, policyId, limits]   limits = [cuMilli|null, suMilli|null, nodeCount|null, end|null, nodeCertification]
 *   ["detach-policy", farmId]
 *   ["set-farm-certification", farmId, "notCertified" | "gold"]
 *   ["set-node-certification", nodeId, "diy" | "certified"]
 *   ["set-pool-fee", feeBps]
 *   ["set-dao-params", [minDeposit, minVotingPeriod, maxVotingPeriod, quorum, threshold, veto]]
 *   ["treasury-spend", to (20 bytes), asset, amount]
 * Amounts are canonical amount bytes. A proposal with no action is text only.
 */
import { amountToBytes, readAmount } from '../../chain/amount.ts';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { readArray, readBool, readBytes, readString, readUint } from '../../chain/codec/read.ts';
import { ChainError } from '../../chain/errors.ts';
import { ASSET_IDS, type AssetId } from '../../genesis/genesis-types.ts';
import { FARM_CERTIFICATIONS, NODE_CERTIFICATIONS, type PolicyFields, type PolicyLimits } from '../farming/farming-types.ts';
import { VOTE_CHOICES, type DaoParams, type ProposalAction, type VoteChoice } from './dao-types.ts';
import type BN from 'bn.js';

export const DAO_COMMANDS = { propose: 'propose', vote: 'vote' } as const;
export const MAX_TITLE = 128;
export const MAX_DESCRIPTION = 4096;
export const MAX_ACTIONS = 16;
const MAX_POLICY_NAME = 64;
const POLICY_NAME_RE = /^[A-Za-z0-9_.-]+$/;

export interface ProposeParams {
  readonly title: string;
  readonly description: string;
  /** Blocks from the creation height to the end height. */
  readonly votingPeriod: number;
  readonly deposit: BN;
  readonly actions: readonly ProposalAction[];
}

export interface VoteParams {
  readonly proposalId: number;
  readonly farmId: number;
  readonly choice: VoteChoice;
}

const nullable = (v: number | null): CborValue => v;

export function encodePolicyFields(p: PolicyFields): CborValue {
  return [p.name, amountToBytes(p.cu), amountToBytes(p.su), amountToBytes(p.nu), amountToBytes(p.ipv4), p.minimalUptime, p.policyEnd, p.immutable, p.default, p.nodeCertification, p.farmCertification];
}

export function encodeLimits(l: PolicyLimits): CborValue {
  return [nullable(l.cuMilli), nullable(l.suMilli), nullable(l.nodeCount), nullable(l.end), l.nodeCertification];
}

export function encodeDaoParams(p: DaoParams): CborValue {
  return [amountToBytes(p.minDeposit), p.minVotingPeriod, p.maxVotingPeriod, p.quorum, p.threshold, p.veto];
}

export function encodeAction(a: ProposalAction): CborValue {
  switch (a.kind) {
    case 'add-policy':
      return [a.kind, encodePolicyFields(a.policy)];
    case 'update-policy':
      return [a.kind, a.policyId, encodePolicyFields(a.policy)];
    case 'attach-policy':
      return [a.kind, a.farmId, a.policyId, encodeLimits(a.limits)];
    case 'detach-policy':
      return [a.kind, a.farmId];
    case 'set-farm-certification':
      return [a.kind, a.farmId, a.certification];
    case 'set-node-certification':
      return [a.kind, a.nodeId, a.certification];
    case 'set-pool-fee':
      return [a.kind, a.feeBps];
    case 'set-dao-params':
      return [a.kind, encodeDaoParams(a.params)];
    case 'treasury-spend':
      return [a.kind, a.to, a.asset, amountToBytes(a.amount)];
  }
}

export function encodePropose(p: ProposeParams): CborValue {
  return [p.title, p.description, p.votingPeriod, amountToBytes(p.deposit), p.actions.map(encodeAction)];
}

export function encodeVote(p: VoteParams): CborValue {
  return [p.proposalId, p.farmId, p.choice];
}

function bad(path: string, why: string): ChainError {
  return new ChainError('DAO_BAD_PROPOSAL', `${path}: ${why}`, { field: path });
}

function readId(v: CborValue | undefined, path: string): number {
  const id = readUint(v, path, 0xffff_ffff);
  if (id === 0) throw new ChainError('CODEC_WRONG_TYPE', `${path}: ids start at 1`, { field: path });
  return id;
}

function readOneOf<T extends string>(v: CborValue | undefined, path: string, options: readonly T[], code: 'DAO_BAD_POLICY' | 'DAO_BAD_VOTE' | 'DAO_BAD_PROPOSAL'): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
    throw new ChainError(code, `${path}: one of ${options.join(', ')}`, { field: path });
  }
  return v as T;
}

function readNullableUint(v: CborValue | undefined, path: string): number | null {
  return v === null ? null : readUint(v, path, 0xffff_ffff_ffff);
}

/** Policy fields, checked statelessly (DAO_BAD_NAME, DAO_BAD_POLICY). `policyEnd` against the height is checked at execution. */
export function decodePolicyFields(v: CborValue | undefined, path: string): PolicyFields {
  const a = readArray(v, path, 11);
  const name = readString(a[0], `${path}.name`, MAX_POLICY_NAME);
  if (name.length === 0 || !POLICY_NAME_RE.test(name)) {
    throw new ChainError('DAO_BAD_NAME', `${path}.name: 1..${MAX_POLICY_NAME} characters of A-Z a-z 0-9 _ - .`, { field: `${path}.name` });
  }
  const minimalUptime = a[5];
  if (typeof minimalUptime !== 'number' || !Number.isSafeInteger(minimalUptime) || minimalUptime < 0 || minimalUptime > 1000) {
    throw new ChainError('DAO_BAD_POLICY', `${path}.minimalUptime: permille, an integer in [0, 1000]`, { field: `${path}.minimalUptime` });
  }
  return {
    name,
    cu: readAmount(a[1], `${path}.cu`),
    su: readAmount(a[2], `${path}.su`),
    nu: readAmount(a[3], `${path}.nu`),
    ipv4: readAmount(a[4], `${path}.ipv4`),
    minimalUptime,
    policyEnd: readUint(a[6], `${path}.policyEnd`, 0xffff_ffff_ffff),
    immutable: readBool(a[7], `${path}.immutable`),
    default: readBool(a[8], `${path}.default`),
    nodeCertification: readOneOf(a[9], `${path}.nodeCertification`, NODE_CERTIFICATIONS, 'DAO_BAD_POLICY'),
    farmCertification: readOneOf(a[10], `${path}.farmCertification`, FARM_CERTIFICATIONS, 'DAO_BAD_POLICY'),
  };
}

export function decodeLimits(v: CborValue | undefined, path: string): PolicyLimits {
  const a = readArray(v, path, 5);
  return {
    cuMilli: readNullableUint(a[0], `${path}.cuMilli`),
    suMilli: readNullableUint(a[1], `${path}.suMilli`),
    nodeCount: readNullableUint(a[2], `${path}.nodeCount`),
    end: readNullableUint(a[3], `${path}.end`),
    nodeCertification: readBool(a[4], `${path}.nodeCertification`),
  };
}

/** DAO parameters as a proposal sets them; ranges and floors are checked at execution (DAO_BAD_PARAMS, DAO_BELOW_FLOOR). */
export function decodeDaoParams(v: CborValue | undefined, path: string): DaoParams {
  const a = readArray(v, path, 6);
  return {
    minDeposit: readAmount(a[0], `${path}.minDeposit`),
    minVotingPeriod: readUint(a[1], `${path}.minVotingPeriod`),
    maxVotingPeriod: readUint(a[2], `${path}.maxVotingPeriod`),
    quorum: readUint(a[3], `${path}.quorum`),
    threshold: readUint(a[4], `${path}.threshold`),
    veto: readUint(a[5], `${path}.veto`),
  };
}

function readAsset(v: CborValue | undefined, path: string): AssetId {
  const s = readString(v, path, 16);
  if (!(ASSET_IDS as readonly string[]).includes(s)) throw new ChainError('LEDGER_UNKNOWN_ASSET', `${path}: unknown asset ${JSON.stringify(s)} (TFT or REGIONAL)`, { field: path });
  return s as AssetId;
}

export function decodeAction(v: CborValue | undefined, path: string): ProposalAction {
  const a = readArray(v, path);
  const kind = a[0];
  const arity = (n: number) => {
    if (a.length !== n) throw bad(path, `action ${String(kind)} takes ${n - 1} arguments`);
  };
  switch (kind) {
    case 'add-policy':
      arity(2);
      return { kind, policy: decodePolicyFields(a[1], `${path}.policy`) };
    case 'update-policy':
      arity(3);
      return { kind, policyId: readId(a[1], `${path}.policyId`), policy: decodePolicyFields(a[2], `${path}.policy`) };
    case 'attach-policy':
      arity(4);
      return { kind, farmId: readId(a[1], `${path}.farmId`), policyId: readId(a[2], `${path}.policyId`), limits: decodeLimits(a[3], `${path}.limits`) };
    case 'detach-policy':
      arity(2);
      return { kind, farmId: readId(a[1], `${path}.farmId`) };
    case 'set-farm-certification':
      arity(3);
      return { kind, farmId: readId(a[1], `${path}.farmId`), certification: readOneOf(a[2], `${path}.certification`, FARM_CERTIFICATIONS, 'DAO_BAD_PROPOSAL') };
    case 'set-node-certification':
      arity(3);
      return { kind, nodeId: readId(a[1], `${path}.nodeId`), certification: readOneOf(a[2], `${path}.certification`, NODE_CERTIFICATIONS, 'DAO_BAD_PROPOSAL') };
    case 'set-pool-fee':
      arity(2);
      return { kind, feeBps: readUint(a[1], `${path}.feeBps`, 0xffff) };
    case 'set-dao-params':
      arity(2);
      return { kind, params: decodeDaoParams(a[1], `${path}.params`) };
    case 'treasury-spend': {
      arity(4);
      const amount = readAmount(a[3], `${path}.amount`);
      if (amount.isZero()) throw bad(`${path}.amount`, 'at least 1 base unit');
      return { kind, to: readBytes(a[1], `${path}.to`, 20), asset: readAsset(a[2], `${path}.asset`), amount };
    }
    default:
      throw bad(path, `unknown action ${JSON.stringify(kind)}`);
  }
}

export function decodePropose(v: CborValue): ProposeParams {
  const a = readArray(v, 'params', 5);
  const title = readString(a[0], 'params.title', MAX_TITLE);
  if (title.trim().length === 0) throw bad('params.title', `1..${MAX_TITLE} characters, not blank`);
  const description = readString(a[1], 'params.description', MAX_DESCRIPTION);
  const actions = readArray(a[4], 'params.actions');
  if (actions.length > MAX_ACTIONS) throw bad('params.actions', `at most ${MAX_ACTIONS} actions`);
  return {
    title,
    description,
    votingPeriod: readUint(a[2], 'params.votingPeriod', 0xffff_ffff),
    deposit: readAmount(a[3], 'params.deposit'),
    actions: actions.map((x, i) => decodeAction(x, `params.actions[${i}]`)),
  };
}

export function decodeVote(v: CborValue): VoteParams {
  const a = readArray(v, 'params', 3);
  return { proposalId: readId(a[0], 'params.proposalId'), farmId: readId(a[1], 'params.farmId'), choice: readOneOf(a[2], 'params.choice', VOTE_CHOICES, 'DAO_BAD_VOTE') };
}
