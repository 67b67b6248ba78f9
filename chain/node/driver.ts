/**
 * The node driver: the only place where consensus meets I/O. One input queue, processed strictly
 * in order: each input is written to the WAL, stepped through the pure core, and the core's effects
 * are performed (sign after the signer persisted its position, broadcast, schedule timeouts, check
 * or build blocks, store decided blocks). Network messages are verified (signatures through the
 * shared verifier) when their turn comes, so the order of inputs is the order of arrival.
 */
import { bytesEqual } from '../codec/bytes.ts';
import { isChainError } from '../errors.ts';
import type { Block } from '../block/block.ts';
import { blockHash } from '../block/block-codec.ts';
import { applyBlock } from '../execution/apply-block.ts';
import type { Commit, Proposal, Vote } from '../consensus/messages.ts';
import { initialConsensusState, type ConsensusState } from '../consensus/consensus-state.ts';
import { step } from '../consensus/step.ts';
import type { ConsensusEffect, ConsensusInput } from '../consensus/step-types.ts';
import { verifyCommit } from '../consensus/verify-commit.ts';
import { fullCommit } from '../consensus/full-commit.ts';
import { BlockStore } from '../block/block-store.ts';
import type { CancelTimer } from '../ports/timers.ts';
import type { NodeMessage } from './node-messages.ts';
import { buildProposalBlock, isValidProposedBlock } from './proposal-blocks.ts';
import { Resender } from './resender.ts';
import { BlockServer } from './block-server.ts';
import { TxGossip } from './tx-gossip.ts';
import { ProposalBudget } from './proposal-budget.ts';
import { SignedMessageChecks } from './signed-message-checks.ts';
import { EvidencePool } from './evidence-pool.ts';
import { decodeWalInput, encodeWalInput } from './wal-records.ts';
import type { CommittedBlock, DriverDeps, DriverEvent } from './driver-types.ts';
import { staleAfterJump, type QueueItem } from './driver-queue.ts';
import { sendOwnProposal, sendOwnVote, type OwnMessageDeps } from './own-messages.ts';

export type { CatchUp, CommittedBlock, DriverDeps, DriverEvent } from './driver-types.ts';

export class ConsensusDriver {
  private state: ConsensusState;
  private readonly queue: QueueItem[] = [];
  private pumping = false;
  private stopped = false;
  private readonly timers = new Set<CancelTimer>();
  private readonly listeners: Array<(c: CommittedBlock) => void> = [];
  private readonly eventListeners: Array<(e: DriverEvent) => void> = [];
  private syncRequested = -1;
  private catchUpQueued = false;
  /** True while blocks are downloaded and applied instead of consensus running. */
  syncing = false;
  /** The block committed last, announced to listeners at the end of the commit pause. */
  private lastCommitted: CommittedBlock | undefined = undefined;
  private readonly resender: Resender;
  private readonly blockServer: BlockServer;
  private readonly gossip: TxGossip;
  private readonly evidence: EvidencePool;
  /** How many txs our proposals take (proposal-budget.ts). */
  private readonly budget: ProposalBudget;
  /** The mempool's rebase on our latest block (see commitBlock), and how many are running. */
  private poolRebase: Promise<void> = Promise.resolve();
  private rebasing = 0;
  /** Per peer found behind us: when we last sent it blocks. */
  /** Errors the pump met (bugs or I/O faults); the node stops processing after one. */
  fault: unknown = undefined;

  /** Signature checks of peers' votes and proposals, shared with the process (signed-message-checks.ts). */
  private readonly checks: SignedMessageChecks;

  constructor(private readonly d: DriverDeps) {
    this.checks = new SignedMessageChecks(d.ctx.chainId, d.ctx.validatorsHash, d.params.validators.map((v) => v.publicKey), d.ctx.verifier);
    // Half the propose timeout for building: the block must still travel before the others' timeout.
    this.budget = new ProposalBudget(d.params.timeouts.proposeMs / 2);
    this.blockServer = new BlockServer(d.store, d.network, d.clock);
    this.gossip = new TxGossip(d.mempool, d.network, d.timers);
    this.evidence = new EvidencePool(d);
    this.resender = new Resender({
      timers: d.timers,
      network: d.network,
      ownIndex: d.signer === null ? null : d.params.ownIndex,
      track: (cancel) => this.timers.add(cancel),
      untrack: (cancel) => this.timers.delete(cancel),
      request: () => this.push({ kind: 'resend' }),
      active: () => !this.stopped,
    });
    this.state = initialConsensusState(d.params, d.store.tip().height + 1);
    d.network.onMessage((message, from) => this.push({ kind: 'net', message, from }));
  }

  get height(): number {
    return this.state.height;
  }

  get round(): number {
    return this.state.round;
  }

  /** True when nothing is queued or being processed (the simulator waits for this). */
  get idle(): boolean {
    return !this.pumping && this.queue.length === 0 && this.gossip.idle && this.rebasing === 0;
  }

  onEvent(listener: (e: DriverEvent) => void): void {
    this.eventListeners.push(listener);
  }

  private emitEvent(e: DriverEvent): void {
    for (const l of this.eventListeners) l(e);
  }

  /** Called once per committed block, at the end of the commit pause, with the fullest commit seen. */
  onCommit(listener: (c: CommittedBlock) => void): void {
    this.listeners.push(listener);
  }

  /** Starts the current height, replaying this height's WAL records first (after a restart). */
  async start(): Promise<void> {
    const height = this.state.height;
    const replay = this.d.wal.height === height ? await this.d.wal.readAll() : [];
    if (this.d.wal.height !== height) await this.d.wal.rotate(height);
    if (replay.length > 0) this.d.logger.info('replaying the WAL', { height, records: replay.length });
    const inputs = replay.map(decodeWalInput);
    if (!inputs.some((i) => i.kind === 'start-height')) this.push({ kind: 'input', input: { kind: 'start-height', height }, logged: false });
    for (const input of inputs) this.push({ kind: 'input', input, logged: true });
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimers();
    this.gossip.stop();
    this.queue.length = 0;
  }

  /** A tx from a client: admitted to the mempool (or the ChainError that says why not) and gossiped. */
  submitTx(bytes: Uint8Array): Promise<Uint8Array> {
    return this.gossip.submit(bytes);
  }

  private push(item: QueueItem): void {
    if (this.stopped) return;
    this.queue.push(item);
    if (!this.pumping) void this.pump();
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const item = this.queue.shift()!;
        if (item.kind === 'net') await this.receive(item.message, item.from);
        else if (item.kind === 'next-height') await this.nextHeight(item.height);
        else if (item.kind === 'resend') this.resender.fire(this.state, this.queue.length > 0);
        else if (item.kind === 'catch-up') await this.catchUp();
        else await this.process(item.input, item.logged);
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.pumping = false;
    }
  }

  private fail(e: unknown): void {
    this.fault = e;
    this.d.logger.error('the node stopped on an unexpected error', { error: e instanceof Error ? e.stack : String(e) });
    this.stop();
  }

  private async process(input: ConsensusInput, logged: boolean): Promise<void> {
    if (!logged) await this.d.wal.append(encodeWalInput(input));
    const { state, effects } = step(this.state, input);
    this.state = state;
    this.resender.note(input, this.state);
    for (const effect of effects) await this.perform(effect);
  }

  // ---- messages from peers -------------------------------------------------------------------

  private async receive(m: NodeMessage, from: number): Promise<void> {
    switch (m.kind) {
      case 'vote': {
        const v = m.vote;
        if (v.height < this.state.height) return this.blockServer.helpBehind(from, v.height);
        if (v.height > this.state.height + 1) return this.requestSync(from);
        if (!(await this.checks.vote(v))) return;
        return this.process({ kind: 'vote', vote: v }, false);
      }
      case 'proposal': {
        const p = m.proposal;
        if (p.height < this.state.height) return this.blockServer.helpBehind(from, p.height);
        if (p.height > this.state.height + 1) return this.requestSync(from);
        if (!(await this.checks.proposal(p))) return;
        return this.process({ kind: 'proposal', proposal: p }, false);
      }
      case 'evidence':
        return this.evidence.add(m.evidence, false);
      case 'txs':
        void this.gossip.receive(m);
        return;
      case 'sync-request':
        return this.blockServer.answer(m.height, from);
      case 'sync-block':
        return this.applySynced(m.block, m.commit);
    }
  }

  // ---- effects -------------------------------------------------------------------------------

  private async perform(e: ConsensusEffect): Promise<void> {
    switch (e.kind) {
      case 'schedule-timeout': {
        const cancel = this.d.timers.schedule(e.durationMs, () => {
          this.timers.delete(cancel);
          this.push({ kind: 'input', input: { kind: 'timeout', height: e.height, round: e.round, step: e.step }, logged: false });
        });
        this.timers.add(cancel);
        return;
      }
      case 'build-block': {
        await this.poolRebase;
        const started = this.d.clock.now();
        const block = await buildProposalBlock(this.d, this.evidence.pendingEvidence(), this.budget.maxTxs(this.d.ctx.limits.maxBlockTxs));
        this.budget.note(block.txs.length, this.d.clock.now() - started);
        return this.enqueueFront({ kind: 'own-block', height: e.height, round: e.round, block });
      }
      case 'check-block': {
        const started = this.d.clock.now();
        const valid = await isValidProposedBlock(this.d, e.block, this.evidence.committed);
        // Our own proposal was executed when we built it (the memo answers): nothing to learn.
        if (!this.isOwn(e.block)) this.budget.note(e.block.txs.length, this.d.clock.now() - started);
        return this.enqueueFront({ kind: 'block-checked', height: e.height, blockHash: e.blockHash, valid });
      }
      case 'sign-proposal':
        return this.signProposal(e.proposal);
      case 'sign-vote':
        return this.signVote(e.vote);
      case 'decide':
        return this.decide(e.height, e.round, e.block, e.commit);
      case 'evidence':
        return this.evidence.add(e.evidence, true);
    }
  }

  /** Inputs that answer an effect go first, before messages that arrived meanwhile. */
  private enqueueFront(input: ConsensusInput): void {
    this.queue.unshift({ kind: 'input', input, logged: false });
  }

  private ownMessageDeps(): OwnMessageDeps {
    const { ctx, signer, wal, network, logger } = this.d;
    return { chainId: ctx.chainId, signer, wal, network, logger };
  }

  private async signVote(vote: Vote): Promise<void> {
    const signed = await sendOwnVote(this.ownMessageDeps(), vote);
    if (signed !== undefined) this.queue.unshift({ kind: 'input', input: { kind: 'vote', vote: signed }, logged: true });
  }

  private async signProposal(proposal: Proposal): Promise<void> {
    const signed = await sendOwnProposal(this.ownMessageDeps(), proposal, () =>
      this.emitEvent({ kind: 'proposal-signed', height: proposal.height, round: proposal.round, at: this.d.clock.now() }),
    );
    if (signed !== undefined) this.queue.unshift({ kind: 'input', input: { kind: 'proposal', proposal: signed }, logged: true });
  }

  private async decide(height: number, round: number, block: Block, commit: Commit): Promise<void> {
    const decidedAt = this.d.clock.now();
    this.emitEvent({ kind: 'decided', height, round, at: decidedAt });
    await this.commitBlock(block, commit, round);
    // Tendermint's timeout_commit: the pause between blocks (genesis `commitMs`), counted from the
    // decision as CometBFT does (storing the block takes part of it), which also lets late
    // precommits arrive. Messages of the next height are buffered by the core meanwhile.
    const pause = Math.max(0, this.d.params.timeouts.commitMs - (this.d.clock.now() - decidedAt));
    const cancel = this.d.timers.schedule(pause, () => {
      this.timers.delete(cancel);
      this.push({ kind: 'next-height', height: height + 1 });
    });
    this.timers.add(cancel);
  }

  private async nextHeight(height: number): Promise<void> {
    const stored = await this.d.store.blocks.commit(height - 1);
    const fuller = fullCommit(this.state);
    let commit = stored;
    if (stored !== undefined && fuller !== null && fuller.height === height - 1 && fuller.signatures.length > stored.signatures.length) {
      await this.d.store.kv.write(BlockStore.commitOps(fuller));
      commit = fuller;
    }
    const last = this.lastCommitted;
    if (last !== undefined && last.height === height - 1 && commit !== undefined) this.announce({ ...last, commit });
    await this.process({ kind: 'start-height', height }, false);
  }

  private async commitBlock(block: Block, commit: Commit, round: number): Promise<void> {
    const { store, ctx, memo, mempool, wal } = this.d;
    const applied = await applyBlock(store, block, ctx, commit, memo);
    this.evidence.committedIn(block.evidence);
    const tip = store.tip();
    // The pool is rebased in the background: under load that reruns every tx left in it (hundreds
    // of ms), and only our next proposal needs it done (build-block waits for it), not our votes.
    this.rebasePool(mempool.update({ state: store.state, nextHeight: tip.height + 1, time: tip.time }, block.txs));
    await wal.rotate(tip.height + 1);
    this.cancelTimers();
    this.lastCommitted = { height: block.header.height, round, hash: applied.hash, block, commit };
  }

  private isOwn(block: Block): boolean {
    const own = this.d.params.ownIndex;
    return own !== null && bytesEqual(block.header.proposer, this.d.params.validators[own]!.publicKey);
  }

  private rebasePool(update: Promise<unknown>): void {
    this.rebasing++;
    this.poolRebase = update.then(
      () => {
        this.rebasing--;
      },
      (e: unknown) => {
        this.rebasing--;
        // The pool's own refusals are handled inside it: anything else is a bug or an I/O fault.
        this.fail(e);
      },
    );
  }

  private cancelTimers(): void {
    for (const cancel of this.timers) cancel();
    this.timers.clear();
  }

  private announce(c: CommittedBlock): void {
    for (const l of this.listeners) l(c);
  }

  // ---- catching up: in-process by `sync-request`, over the network by block sync (`catchUp`) ----

  /** A block applied by block sync: its evidence is committed (never to be included again). */
  noteSyncedBlock(block: Block): void {
    this.evidence.committedIn(block.evidence);
  }

  /** Peers announced heights above ours: catch up by block sync (a no-op without a syncer). */
  requestCatchUp(): void {
    if (this.d.syncer === undefined || this.catchUpQueued) return;
    this.catchUpQueued = true;
    this.push({ kind: 'catch-up' });
  }

  private requestSync(from: number): void {
    if (this.d.syncer !== undefined) return this.requestCatchUp();
    if (this.syncRequested === this.state.height) return;
    this.syncRequested = this.state.height;
    this.d.network.send(from, { kind: 'sync-request', height: this.state.height });
  }

  /**
   * Block sync, with consensus paused: the syncer applies verified blocks to the store until the
   * node has what its peers have; then the node resumes consensus at the height after its new tip
   * (mempool rechecked, WAL rotated, timers of the old height cancelled, queued messages of decided
   * heights dropped). Listeners hear of the last synced block only.
   */
  private async catchUp(): Promise<void> {
    this.catchUpQueued = false;
    const syncer = this.d.syncer;
    if (syncer === undefined) return;
    const { store, mempool, wal } = this.d;
    const before = store.tip().height;
    this.syncing = true;
    try {
      await syncer.syncTo();
    } catch (e) {
      if (!isChainError(e)) throw e;
      this.d.logger.warn('block sync stopped', { code: e.code, message: e.message, height: store.tip().height });
    } finally {
      this.syncing = false;
    }
    const tip = store.tip();
    if (tip.height === before || tip.height < this.state.height) return;
    this.d.logger.info('block sync caught up', { from: before + 1, to: tip.height });
    this.cancelTimers();
    this.rebasePool(mempool.update({ state: store.state, nextHeight: tip.height + 1, time: tip.time }, []));
    await wal.rotate(tip.height + 1);
    const [block, commit] = await Promise.all([store.blocks.block(tip.height), store.blocks.commit(tip.height)]);
    if (block !== undefined && commit !== undefined) {
      this.lastCommitted = { height: tip.height, round: commit.round, hash: tip.hash, block, commit };
      this.announce(this.lastCommitted);
    }
    const keep = this.queue.filter((q) => !staleAfterJump(q, tip.height));
    this.queue.length = 0;
    this.queue.push(...keep);
    await this.process({ kind: 'start-height', height: tip.height + 1 }, false);
  }

  /** A block from a peer with the commit that decided it: verify the commit, then apply it. */
  private async applySynced(block: Block, commit: Commit): Promise<void> {
    const { store, params, ctx } = this.d;
    if (block.header.height !== store.tip().height + 1 || block.header.height !== this.state.height) return;
    if (commit.height !== block.header.height || !bytesEqual(commit.blockHash, blockHash(block.header))) return;
    try {
      await verifyCommit(commit, params.validators, ctx.chainId, ctx.verifier);
      await this.commitBlock(block, commit, commit.round);
    } catch (e) {
      if (!isChainError(e)) throw e;
      this.d.logger.warn('a synced block was refused', { height: block.header.height, code: e.code });
      return;
    }
    this.d.logger.info('caught up a block from a peer', { height: block.header.height });
    if (this.lastCommitted !== undefined) this.announce(this.lastCommitted);
    this.syncRequested = -1;
    await this.process({ kind: 'start-height', height: block.header.height + 1 }, false);
  }
}
