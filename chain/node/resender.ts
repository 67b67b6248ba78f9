/**
 * Re-sending (found by the fault scenarios, test/scenarios/fault-crash.test.ts): the network is best
 * effort and nothing below retransmits, so votes lost while a node was down or cut off were lost for
 * good, and the core can wait forever (2f+1 prevotes "of any value" start the prevote timeout; with
 * 66 of 99 heard nobody ever times out). So when the node's (height, round, step) has not moved for
 * RESEND_FIRST_MS it broadcasts again its own signed messages of the current height, then again
 * after twice the wait, up to RESEND_MAX_MS. All rounds, not just the current one: a node locked in
 * an old round only accepts a re-proposal once it has that round's polka, and nobody would send
 * those prevotes again otherwise (the randomized campaign found heights stuck for good that way).
 * With them it relays the polka of its valid round (the prevotes for its valid value, other
 * validators' included): that polka may hold a vote of a validator that equivocated or went away,
 * which only we heard, and the paper's liveness rests on correct nodes relaying what they received.
 * In a live network the step moves well within RESEND_FIRST_MS, so nothing is re-sent.
 */
import type { ConsensusState } from '../consensus/consensus-state.ts';
import type { ConsensusInput } from '../consensus/step-types.ts';
import { votesFor } from '../consensus/vote-set.ts';
import type { Network } from '../ports/network.ts';
import type { CancelTimer, Timers } from '../ports/timers.ts';
import type { NodeMessage } from './node-messages.ts';

export const RESEND_FIRST_MS = 2_000;
export const RESEND_MAX_MS = 16_000;

export interface ResenderDeps {
  readonly timers: Timers;
  readonly network: Network<NodeMessage>;
  /** This validator's index; null for a full node, which has nothing of its own to re-send. */
  readonly ownIndex: number | null;
  /** The driver tracks the timer, so it cancels it with the others on a commit or stop. */
  track(cancel: CancelTimer): void;
  untrack(cancel: CancelTimer): void;
  /** Queues a re-send in the driver's input queue (it runs in order, like every input). */
  request(): void;
  /** False once the node is stopped. */
  active(): boolean;
}

export class Resender {
  /** Our own signed proposals and votes of the current height (what is re-sent). */
  private own: NodeMessage[] = [];
  private progressKey = '';
  private delay = RESEND_FIRST_MS;
  private cancel: CancelTimer | undefined = undefined;

  constructor(private readonly d: ResenderDeps) {}

  /** After each input: keep our own messages of the height, and restart the wait when the step moved. */
  note(input: ConsensusInput, s: ConsensusState): void {
    const own = this.d.ownIndex;
    if (input.kind === 'start-height') this.own = this.own.filter((m) => messageHeight(m) >= s.height);
    else if (input.kind === 'vote' && input.vote.validator === own && input.vote.height === s.height) this.own.push({ kind: 'vote', vote: input.vote });
    else if (input.kind === 'proposal' && input.proposal.proposer === own && input.proposal.height === s.height) this.own.push({ kind: 'proposal', proposal: input.proposal });
    const key = `${s.height}/${s.round}/${s.step}`;
    if (key === this.progressKey) return;
    this.progressKey = key;
    this.delay = RESEND_FIRST_MS;
    this.arm();
  }

  /** The wait is over (the queued re-send came up): re-send, unless decided or still busy. */
  fire(s: ConsensusState, busy: boolean): void {
    // Decided (waiting for the next height) or still working through its queue: not stuck. Under
    // load (a big block being stored by 99 validators of one process) re-sending would only add to it.
    if (s.decision !== null || busy) return this.arm();
    const { height, validRound, validValue, rounds } = s;
    for (const m of this.own) if (messageHeight(m) === height) this.d.network.broadcast(m);
    const polka = validValue === null ? undefined : rounds.get(validRound);
    if (polka !== undefined && validValue !== null) {
      for (const vote of votesFor(polka.prevotes, validValue.blockHash)) if (vote.validator !== this.d.ownIndex) this.d.network.broadcast({ kind: 'vote', vote });
    }
    this.delay = Math.min(this.delay * 2, RESEND_MAX_MS);
    this.arm();
  }

  private arm(): void {
    if (this.d.ownIndex === null || !this.d.active()) return;
    if (this.cancel !== undefined) {
      this.cancel();
      this.d.untrack(this.cancel);
    }
    const cancel = this.d.timers.schedule(this.delay, () => {
      this.d.untrack(cancel);
      this.cancel = undefined;
      this.d.request();
    });
    this.cancel = cancel;
    this.d.track(cancel);
  }
}

function messageHeight(m: NodeMessage): number {
  return m.kind === 'vote' ? m.vote.height : m.kind === 'proposal' ? m.proposal.height : -1;
}
