/** Scripted-input helpers for the consensus core tests: validator sets, blocks, messages, runs. */
import { blockHash } from '../../chain/block/block-codec.ts';
import type { Block } from '../../chain/block/block.ts';
import type { ConsensusTimeouts } from '../../genesis/genesis-types.ts';
import { initialConsensusState, type ConsensusState } from '../../chain/consensus/consensus-state.ts';
import type { SignedProposal, SignedVote, Vote, VoteType } from '../../chain/consensus/messages.ts';
import { proposerFor } from '../../chain/consensus/proposer.ts';
import { step } from '../../chain/consensus/step.ts';
import type { ConsensusEffect, ConsensusInput, ConsensusParams, ValidatorInfo } from '../../chain/consensus/step-types.ts';

export const TIMEOUTS: ConsensusTimeouts = {
  proposeMs: 30,
  proposeDeltaMs: 10,
  prevoteMs: 20,
  prevoteDeltaMs: 5,
  precommitMs: 25,
  precommitDeltaMs: 7,
  commitMs: 10,
};

export function makeValidators(n: number, powers?: readonly number[]): ValidatorInfo[] {
  return Array.from({ length: n }, (_, i) => ({ publicKey: new Uint8Array(32).fill(i + 1), power: powers?.[i] ?? 1 }));
}

/** One validator set per size, shared, so the proposer memo is reused across tests. */
const sets = new Map<number, ValidatorInfo[]>();
export function equalValidators(n: number): ValidatorInfo[] {
  let v = sets.get(n);
  if (v === undefined) {
    v = makeValidators(n);
    sets.set(n, v);
  }
  return v;
}

export function makeParams(n: number, ownIndex: number | null, validators: readonly ValidatorInfo[] = equalValidators(n)): ConsensusParams {
  return { validators, ownIndex, timeouts: TIMEOUTS };
}

/** A block of `height`; `tag` makes different blocks of one height (different hashes). */
export function makeBlock(height: number, tag = 0, proposerKey: Uint8Array = new Uint8Array(32)): Block {
  return {
    header: {
      version: 1,
      chainId: 'test-chain',
      height,
      time: 1_000_000 + height * 1000 + tag,
      parentHash: new Uint8Array(32),
      stateRoot: new Uint8Array(32),
      txsHash: new Uint8Array(32),
      lastResultsHash: new Uint8Array(32),
      proposer: proposerKey,
      lastCommitHash: new Uint8Array(32),
      evidenceHash: new Uint8Array(32),
      validatorsHash: new Uint8Array(32),
    },
    txs: [],
    lastCommit: null,
    evidence: [],
  };
}

export const hashOf = (b: Block): Uint8Array => blockHash(b.header);

export const SIG = new Uint8Array(64).fill(7);

export function signedProposal(validators: readonly ValidatorInfo[], height: number, round: number, block: Block, validRound = -1, proposer = proposerFor(validators, height, round)): SignedProposal {
  return { height, round, validRound, block, blockHash: hashOf(block), proposer, signature: SIG };
}

export function proposalInput(validators: readonly ValidatorInfo[], height: number, round: number, block: Block, validRound = -1, proposer?: number): ConsensusInput {
  return { kind: 'proposal', proposal: signedProposal(validators, height, round, block, validRound, proposer) };
}

export function signedVote(type: VoteType, height: number, round: number, hash: Uint8Array | null, validator: number, sigByte = 7): SignedVote {
  return { type, height, round, blockHash: hash, validator, signature: new Uint8Array(64).fill(sigByte) };
}

export function voteInput(type: VoteType, height: number, round: number, hash: Uint8Array | null, validator: number): ConsensusInput {
  return { kind: 'vote', vote: signedVote(type, height, round, hash, validator) };
}

/** Votes of several validators for one value. */
export function votes(type: VoteType, height: number, round: number, hash: Uint8Array | null, validators: readonly number[]): ConsensusInput[] {
  return validators.map((i) => voteInput(type, height, round, hash, i));
}

export const checked = (height: number, block: Block, valid = true): ConsensusInput => ({ kind: 'block-checked', height, blockHash: hashOf(block), valid });
export const timeout = (height: number, round: number, s: 'propose' | 'prevote' | 'precommit'): ConsensusInput => ({ kind: 'timeout', height, round, step: s });

export interface Run {
  readonly state: ConsensusState;
  readonly effects: ConsensusEffect[];
}

/** Feeds inputs in order; collects every effect. */
export function run(state: ConsensusState, inputs: readonly ConsensusInput[]): Run {
  let s = state;
  const effects: ConsensusEffect[] = [];
  for (const input of inputs) {
    const r = step(s, input);
    s = r.state;
    effects.push(...r.effects);
  }
  return { state: s, effects };
}

/** A node of an n-validator set (own index or null), started at `height`. */
export function startedNode(n: number, ownIndex: number | null, height = 1, validators?: readonly ValidatorInfo[]): Run {
  return run(initialConsensusState(makeParams(n, ownIndex, validators), height), [{ kind: 'start-height', height }]);
}

export function signedVotesIn(effects: readonly ConsensusEffect[]): Vote[] {
  return effects.flatMap((e) => (e.kind === 'sign-vote' ? [e.vote] : []));
}

export function kindsOf(effects: readonly ConsensusEffect[]): string[] {
  return effects.map((e) => e.kind);
}

export function ofKind<K extends ConsensusEffect['kind']>(effects: readonly ConsensusEffect[], kind: K): Extract<ConsensusEffect, { kind: K }>[] {
  return effects.filter((e): e is Extract<ConsensusEffect, { kind: K }> => e.kind === kind);
}
