/**
 * A test harness: N consensus cores wired by a perfect in-memory network (FIFO, no loss, every
 * message to every live node including its sender) under a virtual clock. It plays the driver:
 * builds blocks on `build-block`, answers `check-block` (valid), "signs" with a dummy signature,
 * broadcasts, fires timeouts in virtual-time order when no message is in flight, and starts the
 * next height after each decision. Silent validators are crashed from the start: they receive
 * nothing and send nothing. No crypto, no I/O: a run is deterministic.
 */
import type { Block } from '../../chain/block/block.ts';
import { blockHash } from '../../chain/block/block-codec.ts';
import { initialConsensusState, type ConsensusState } from '../../chain/consensus/consensus-state.ts';
import type { Commit, DuplicateVoteEvidence } from '../../chain/consensus/messages.ts';
import { step } from '../../chain/consensus/step.ts';
import type { ConsensusEffect, ConsensusInput, ValidatorInfo } from '../../chain/consensus/step-types.ts';
import { TIMEOUTS } from './fixtures.ts';

export interface SimOptions {
  readonly validators: readonly ValidatorInfo[];
  /** Run until every live node decided heights 1..heights. */
  readonly heights: number;
  /** Indices of crashed validators. */
  readonly silent?: readonly number[];
  /** Safety net against a livelock: give up after this many delivered inputs. */
  readonly maxDeliveries?: number;
}

export interface Decided {
  readonly block: Block;
  readonly hash: Uint8Array;
  readonly commit: Commit;
}

export interface SimResult {
  /** decided[node][height - 1]; empty for silent nodes. */
  readonly decided: readonly (readonly Decided[])[];
  readonly evidence: readonly DuplicateVoteEvidence[];
  readonly deliveries: number;
  readonly virtualTimeMs: number;
  /** Highest round reached by any node at each height (index height - 1). */
  readonly maxRound: readonly number[];
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly to: number;
  readonly input: ConsensusInput;
}

const DUMMY_SIGNATURE = new Uint8Array(64);
const GENESIS_HASH = new Uint8Array(32).fill(0x47);

/** A min-heap of timers by (at, seq). */
class TimerHeap {
  private readonly items: Timer[] = [];
  get size(): number {
    return this.items.length;
  }
  push(t: Timer): void {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }
  pop(): Timer | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l]!, a[m]!)) m = l;
        if (r < a.length && before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Timer, y: Timer): boolean {
  return x.at < y.at || (x.at === y.at && x.seq < y.seq);
}

export function simulate(opts: SimOptions): SimResult {
  const n = opts.validators.length;
  const silent = new Set(opts.silent ?? []);
  const live = [...Array(n).keys()].filter((i) => !silent.has(i));
  const states: (ConsensusState | undefined)[] = [];
  const decided: Decided[][] = Array.from({ length: n }, () => []);
  const evidence: DuplicateVoteEvidence[] = [];
  const maxRound: number[] = [];
  const queue: { to: number; input: ConsensusInput }[] = [];
  let head = 0;
  const timers = new TimerHeap();
  let seq = 0;
  let now = 0;
  let deliveries = 0;
  const limit = opts.maxDeliveries ?? 5_000_000;

  const send = (to: number, input: ConsensusInput): void => {
    queue.push({ to, input });
  };
  const broadcast = (input: ConsensusInput): void => {
    for (const i of live) send(i, input);
  };

  const perform = (i: number, e: ConsensusEffect): void => {
    switch (e.kind) {
      case 'build-block': {
        const parent = decided[i]!.at(-1)?.hash ?? GENESIS_HASH;
        const block = simBlock(e.height, e.round, parent, opts.validators[i]!.publicKey);
        send(i, { kind: 'own-block', height: e.height, round: e.round, block });
        break;
      }
      case 'check-block':
        send(i, { kind: 'block-checked', height: e.height, blockHash: e.blockHash, valid: true });
        break;
      case 'sign-proposal':
        broadcast({ kind: 'proposal', proposal: { ...e.proposal, signature: DUMMY_SIGNATURE } });
        break;
      case 'sign-vote':
        broadcast({ kind: 'vote', vote: { ...e.vote, signature: DUMMY_SIGNATURE } });
        break;
      case 'schedule-timeout':
        timers.push({ at: now + e.durationMs, seq: seq++, to: i, input: { kind: 'timeout', height: e.height, round: e.round, step: e.step } });
        break;
      case 'decide':
        decided[i]!.push({ block: e.block, hash: blockHash(e.block.header), commit: e.commit });
        if (e.height < opts.heights) send(i, { kind: 'start-height', height: e.height + 1 });
        break;
      case 'evidence':
        evidence.push(e.evidence);
        break;
    }
  };

  const deliver = (to: number, input: ConsensusInput): void => {
    const s = states[to]!;
    const r = step(s, input);
    states[to] = r.state;
    deliveries++;
    const h = r.state.height;
    maxRound[h - 1] = Math.max(maxRound[h - 1] ?? 0, r.state.round);
    for (const e of r.effects) perform(to, e);
  };

  for (const i of live) {
    states[i] = initialConsensusState({ validators: opts.validators, ownIndex: i, timeouts: TIMEOUTS }, 1);
    send(i, { kind: 'start-height', height: 1 });
  }
  const done = (): boolean => live.every((i) => decided[i]!.length >= opts.heights);
  while (!done()) {
    if (deliveries > limit) throw new Error(`no progress after ${deliveries} deliveries`);
    if (head < queue.length) {
      const m = queue[head++]!;
      deliver(m.to, m.input);
      if (head > 65536) {
        queue.splice(0, head);
        head = 0;
      }
      continue;
    }
    const t = timers.pop();
    if (t === undefined) throw new Error('stuck: no message in flight and no timer set');
    now = t.at;
    deliver(t.to, t.input);
  }
  return { decided, evidence, deliveries, virtualTimeMs: now, maxRound };
}

function simBlock(height: number, round: number, parentHash: Uint8Array, proposer: Uint8Array): Block {
  return {
    header: {
      version: 1,
      chainId: 'sim-chain',
      height,
      time: height * 1000 + round,
      parentHash,
      stateRoot: new Uint8Array(32),
      txsHash: new Uint8Array(32),
      lastResultsHash: new Uint8Array(32),
      proposer,
      lastCommitHash: new Uint8Array(32),
      evidenceHash: new Uint8Array(32),
      validatorsHash: new Uint8Array(32),
    },
    txs: [],
    lastCommit: null,
    evidence: [],
  };
}
