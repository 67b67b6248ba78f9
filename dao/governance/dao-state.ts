/**
 * The DAO's state under store prefix 0x04:
 *   0x04 0x00                       config: params and the floors genesis fixed
 *   0x04 0x01                       next proposal id
 *   0x04 0x02 || u32 id             proposal
 *   0x04 0x03 || u32 id || u32 farm a farm's vote on a proposal
 *   0x04 0x04 || u64 height         ids of the proposals that close at that height
 * Values are canonical CBOR arrays; amounts canonical amount bytes.
 */
import { amountToBytes, readAmount } from '../../chain/amount.ts';
import { decodeStoredCbor, encodeCbor, type CborValue } from '../../chain/codec/cbor.ts';
import { readArray, readBytes, readString, readUint } from '../../chain/codec/read.ts';
import { ChainError } from '../../chain/errors.ts';
import type { StateReader, StateWriter } from '../../chain/execution/state-access.ts';
import { TypedStore, type ValueCodec } from '../../chain/execution/typed-store.ts';
import { decodeAction, decodeDaoParams, encodeAction, encodeDaoParams, MAX_DESCRIPTION, MAX_TITLE } from './dao-params.ts';
import { DAO_STORE_PREFIX, PROPOSAL_STATUSES, VOTE_CHOICES, type DaoFloors, type DaoParams, type Proposal, type ProposalStatus, type Vote, type VoteChoice } from './dao-types.ts';

export interface DaoConfig {
  readonly params: DaoParams;
  readonly floors: DaoFloors;
}

function oneOf<T extends string>(v: CborValue | undefined, path: string, options: readonly T[]): T {
  const s = readString(v, path, 32);
  if (!(options as readonly string[]).includes(s)) throw new ChainError('CODEC_WRONG_TYPE', `${path}: unknown value ${JSON.stringify(s)}`, { field: path });
  return s as T;
}

const configCodec: ValueCodec<DaoConfig> = {
  encode: (c) => encodeCbor([encodeDaoParams(c.params), [amountToBytes(c.floors.minDeposit), c.floors.minVotingPeriod, c.floors.quorum, c.floors.threshold]]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'daoConfig', 2);
    const f = readArray(a[1], 'daoConfig.floors', 4);
    return {
      params: decodeDaoParams(a[0], 'daoConfig.params'),
      floors: { minDeposit: readAmount(f[0], 'floors.minDeposit'), minVotingPeriod: readUint(f[1], 'floors.minVotingPeriod'), quorum: readUint(f[2], 'floors.quorum'), threshold: readUint(f[3], 'floors.threshold') },
    };
  },
};

const uintCodec: ValueCodec<number> = {
  encode: (n) => encodeCbor(n),
  decode: (bytes) => readUint(decodeStoredCbor(bytes), 'counter'),
};

const idsCodec: ValueCodec<readonly number[]> = {
  encode: (ids) => encodeCbor([...ids]),
  decode: (bytes) => readArray(decodeStoredCbor(bytes), 'ids').map((v, i) => readUint(v, `ids[${i}]`)),
};

const proposalCodec: ValueCodec<Omit<Proposal, 'id'>> = {
  encode: (p) =>
    encodeCbor([
      p.proposer,
      p.title,
      p.description,
      p.actions.map(encodeAction),
      amountToBytes(p.deposit),
      p.createdHeight,
      p.endHeight,
      p.totalWeight,
      [p.tally.yes, p.tally.no, p.tally.abstain, p.tally.veto],
      p.voters,
      p.status,
      p.failCode,
      p.failedAction,
    ]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'proposal', 13);
    const t = readArray(a[8], 'proposal.tally', 4);
    return {
      proposer: readBytes(a[0], 'proposal.proposer', 20),
      title: readString(a[1], 'proposal.title', MAX_TITLE),
      description: readString(a[2], 'proposal.description', MAX_DESCRIPTION),
      actions: readArray(a[3], 'proposal.actions').map((x, i) => decodeAction(x, `proposal.actions[${i}]`)),
      deposit: readAmount(a[4], 'proposal.deposit'),
      createdHeight: readUint(a[5], 'proposal.createdHeight'),
      endHeight: readUint(a[6], 'proposal.endHeight'),
      totalWeight: readUint(a[7], 'proposal.totalWeight'),
      tally: { yes: readUint(t[0], 'tally.yes'), no: readUint(t[1], 'tally.no'), abstain: readUint(t[2], 'tally.abstain'), veto: readUint(t[3], 'tally.veto') },
      voters: readUint(a[9], 'proposal.voters'),
      status: oneOf<ProposalStatus>(a[10], 'proposal.status', PROPOSAL_STATUSES),
      failCode: a[11] === null ? null : readString(a[11], 'proposal.failCode', 64),
      failedAction: a[12] === null ? null : readUint(a[12], 'proposal.failedAction'),
    };
  },
};

const voteCodec: ValueCodec<Vote> = {
  encode: (v) => encodeCbor([v.choice, v.weight]),
  decode: (bytes) => {
    const a = readArray(decodeStoredCbor(bytes), 'vote', 2);
    return { choice: oneOf<VoteChoice>(a[0], 'vote.choice', VOTE_CHOICES), weight: readUint(a[1], 'vote.weight') };
  },
};

const CONFIG = new TypedStore(DAO_STORE_PREFIX, 0x00, configCodec);
const NEXT_ID = new TypedStore(DAO_STORE_PREFIX, 0x01, uintCodec);
const PROPOSALS = new TypedStore(DAO_STORE_PREFIX, 0x02, proposalCodec);
const VOTES = new TypedStore(DAO_STORE_PREFIX, 0x03, voteCodec);
const ENDINGS = new TypedStore(DAO_STORE_PREFIX, 0x04, idsCodec);

const NO_KEY = new Uint8Array(0);

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n);
  return b;
}

function u64(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
}

export async function readConfig(state: StateReader): Promise<DaoConfig | undefined> {
  return CONFIG.get(state, NO_KEY);
}

/** The config; the DAO module is only registered on chains that have one. */
export async function requireConfig(state: StateReader): Promise<DaoConfig> {
  const c = await CONFIG.get(state, NO_KEY);
  if (c === undefined) throw new Error('the DAO has no config: its genesis section was not applied');
  return c;
}

export function putConfig(state: StateWriter, config: DaoConfig): void {
  CONFIG.set(state, NO_KEY, config);
}

/** The id the next proposal gets (ids start at 1). */
export async function nextProposalId(state: StateReader): Promise<number> {
  return (await NEXT_ID.get(state, NO_KEY)) ?? 1;
}

export function putNextProposalId(state: StateWriter, id: number): void {
  NEXT_ID.set(state, NO_KEY, id);
}

export async function getProposal(state: StateReader, id: number): Promise<Proposal | undefined> {
  const p = await PROPOSALS.get(state, u32(id));
  return p === undefined ? undefined : { id, ...p };
}

export function putProposal(state: StateWriter, p: Proposal): void {
  const { id, ...rest } = p;
  PROPOSALS.set(state, u32(id), rest);
}

export async function getVote(state: StateReader, proposalId: number, farmId: number): Promise<Vote | undefined> {
  return VOTES.get(state, new Uint8Array([...u32(proposalId), ...u32(farmId)]));
}

export function putVote(state: StateWriter, proposalId: number, farmId: number, vote: Vote): void {
  VOTES.set(state, new Uint8Array([...u32(proposalId), ...u32(farmId)]), vote);
}

export async function proposalsEndingAt(state: StateReader, height: number): Promise<readonly number[]> {
  return (await ENDINGS.get(state, u64(height))) ?? [];
}

export function putEndings(state: StateWriter, height: number, ids: readonly number[]): void {
  if (ids.length === 0) ENDINGS.delete(state, u64(height));
  else ENDINGS.set(state, u64(height), ids);
}

/** Records that proposal `id` closes at `height` (ids stay ascending: proposals are created in id order). */
export async function addEnding(state: StateWriter, height: number, id: number): Promise<void> {
  putEndings(state, height, [...(await proposalsEndingAt(state, height)), id]);
}
