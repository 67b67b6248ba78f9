/**
 * The state of the consensus core for one height: Algorithm 1's variables (h_p, round_p, step_p,
 * lockedValue/Round, validValue/Round, decision_p) plus what the paper keeps implicitly — the
 * messages received, validity verdicts of proposed blocks and which "for the first time" rules
 * already fired. Plain data, treated as immutable: `step` returns a new object and copies only
 * what changed.
 */
import type { Commit, RoundStep } from './messages.ts';
import type { ConsensusParams } from './step-types.ts';
import { votingThresholds, type VotingThresholds } from './quorum.ts';
import { emptyRound, type ConsensusValue, type RoundMessages } from './round-messages.ts';
import type { NextHeightMessage } from './next-height-buffer.ts';

/** The driver's verdict on a proposed block; 'pending' once `check-block` was emitted. */
export type BlockVerdict = 'pending' | 'valid' | 'invalid';

/** Rules that fire only "for the first time" in a round (Algorithm 1 lines 34, 36 and 47). */
export const ONCE_RULES = { prevoteTimeout: 'L34', polka: 'L36', precommitTimeout: 'L47' } as const;
export type OnceRule = (typeof ONCE_RULES)[keyof typeof ONCE_RULES];

export interface Decision {
  readonly round: number;
  readonly value: ConsensusValue;
  readonly commit: Commit;
}

export interface ConsensusState {
  readonly params: ConsensusParams;
  readonly thresholds: VotingThresholds;
  readonly height: number;
  /** False until `start-height` for this height: messages are stored, but no rule runs yet. */
  readonly started: boolean;
  readonly round: number;
  readonly step: RoundStep;
  readonly lockedValue: ConsensusValue | null;
  readonly lockedRound: number;
  readonly validValue: ConsensusValue | null;
  readonly validRound: number;
  /** Messages of this height, per round. */
  readonly rounds: ReadonlyMap<number, RoundMessages>;
  /** Validity of proposed blocks, by block-hash key. */
  readonly verdicts: ReadonlyMap<string, BlockVerdict>;
  /** Keys `${OnceRule}:${round}` of the rules that already fired. */
  readonly fired: ReadonlySet<string>;
  /** The round whose `build-block` is still unanswered, if any. */
  readonly awaitingBlock: number | null;
  readonly decision: Decision | null;
  /** Proposals and votes of height + 1 received early, replayed by `start-height`. */
  readonly nextHeight: readonly NextHeightMessage[];
}

/**
 * The state before `start-height` for `height` (no effects can be emitted from here). Throws
 * RangeError on an empty validator set, a non-positive power, a bad own index or a height < 1.
 */
export function initialConsensusState(params: ConsensusParams, height: number): ConsensusState {
  const thresholds = votingThresholds(params.validators);
  const own = params.ownIndex;
  if (own !== null && (!Number.isInteger(own) || own < 0 || own >= params.validators.length)) {
    throw new RangeError(`own index ${own} is not in the validator set`);
  }
  return freshHeight(params, thresholds, height, false);
}

/** Algorithm 1 lines 2-9 (and 53: the reset for a new height). */
export function freshHeight(params: ConsensusParams, thresholds: VotingThresholds, height: number, started: boolean): ConsensusState {
  if (!Number.isSafeInteger(height) || height < 1) throw new RangeError(`height must be an integer >= 1: ${height}`);
  return {
    params,
    thresholds,
    height,
    started,
    round: 0,
    step: 'propose',
    lockedValue: null,
    lockedRound: -1,
    validValue: null,
    validRound: -1,
    rounds: new Map(),
    verdicts: new Map(),
    fired: new Set(),
    awaitingBlock: null,
    decision: null,
    nextHeight: [],
  };
}

export function roundOf(s: ConsensusState, round: number): RoundMessages {
  return s.rounds.get(round) ?? emptyRound(round, s.params.validators.length);
}

export function withRound(s: ConsensusState, rm: RoundMessages): ConsensusState {
  return { ...s, rounds: new Map(s.rounds).set(rm.round, rm) };
}

export function hasFired(s: ConsensusState, rule: OnceRule, round: number): boolean {
  return s.fired.has(`${rule}:${round}`);
}

export function markFired(s: ConsensusState, rule: OnceRule, round: number): ConsensusState {
  return { ...s, fired: new Set(s.fired).add(`${rule}:${round}`) };
}

/** A value proposed at this height in any round (the decision rule may use a late proposal). */
export function knownValue(s: ConsensusState, key: string): ConsensusValue | undefined {
  for (const rm of s.rounds.values()) {
    for (const p of rm.proposals) if (p.value.key === key) return p.value;
  }
  return undefined;
}
