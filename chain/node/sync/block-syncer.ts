/**
 * Block sync: downloads ranges of blocks from peers, checks each range against one verified commit
 * (verify-range.ts) and applies its blocks, until our tip reaches the best peer's height.
 *
 * - Peer choice: the peer with the fewest failures in a row, then the highest announced height;
 *   ties rotate. The syncer stays with a peer while it serves good ranges.
 * - Pipelining: once range k is verified, the request for range k+1 goes to the same peer before
 *   range k is applied, so the network round trip overlaps execution and storage.
 * - Nothing is applied before its range is verified. A peer that serves something provably wrong
 *   (SYNC_BAD_RANGE, SYNC_BAD_COMMIT, or a block our execution refuses: SYNC_BLOCK_REJECTED) is
 *   penalized through the source; one that fails, times out or serves nothing is just skipped.
 *   Either counts as a strike; a peer with SYNC_MAX_STRIKES strikes in a row is not asked again in
 *   this run, and when every peer above our tip is out, the run fails with SYNC_NO_PROGRESS.
 *
 * - Anchored checkpoint (`checkpoint`, a trusted hash above our tip): no block at or below it is
 *   applied unless tied to it. Ranges then end exactly at the checkpoint, which verifyRange checks
 *   (SYNC_BELOW_ANCHOR); when it is more than one range away, the syncer first walks back from it,
 *   one range at a time, keeping only the parent hash of each range's first block as the next pin
 *   (pinBelow), then syncs forward from pin to pin. Only peers at or above the pin are asked.
 *
 * No clock, timers or randomness in here: the transport times requests out, the caller measures.
 * The syncer must be the only writer of the store while it runs (the driver pauses consensus).
 */
import type { Block } from '../../block/block.ts';
import type { ChainStore } from '../../block/chain-store.ts';
import type { Commit } from '../../consensus/messages.ts';
import type { ValidatorInfo } from '../../consensus/step-types.ts';
import { isChainError, type ChainError } from '../../errors.ts';
import { applyBlock } from '../../execution/apply-block.ts';
import type { ChainContext } from '../../execution/chain-context.ts';
import type { ExecutionMemo } from '../../execution/execution-memo.ts';
import type { Logger } from '../../ports/logger.ts';
import { p2pError } from '../p2p/p2p-errors.ts';
import { SYNC_RANGE_BLOCKS, type BlockRange, type BlockSource, type SyncPeer } from './block-source.ts';
import { pinBelow, verifyRange, type SyncTip } from './verify-range.ts';

/** Failures in a row after which a peer is left out for the rest of a run. */
export const SYNC_MAX_STRIKES = 2;

export interface BlockSyncerDeps {
  readonly store: ChainStore;
  readonly ctx: ChainContext;
  /** The validator set in genesis order (ConsensusParams.validators). */
  readonly validators: readonly ValidatorInfo[];
  readonly memo?: ExecutionMemo;
  readonly source: BlockSource;
  readonly logger: Logger;
  /** Blocks asked per request (default SYNC_RANGE_BLOCKS). */
  readonly rangeBlocks?: number;
  /**
   * Called after each applied block with the new tip height and the block (what the driver needs to
   * update its mempool and evidence pool); synchronous, between two blocks.
   */
  readonly onProgress?: (height: number, block: Block) => void;
  /**
   * The anchored checkpoint (chain/node/anchor/anchored-checkpoint.ts), asked at the start of each
   * run: blocks up to it must be the anchored chain.
   */
  readonly checkpoint?: () => Promise<SyncTip | undefined>;
}

export interface SyncOutcome {
  /** Our tip height when the run started. */
  readonly from: number;
  /** Our tip height when it ended. */
  readonly to: number;
  /** Blocks applied by the run. */
  readonly applied: number;
}

interface Request {
  readonly peer: string;
  readonly from: number;
  readonly count: number;
  readonly range: Promise<BlockRange>;
}

/** The state of one run: failures per peer, the peer in use, the request already sent. */
interface Run {
  readonly from: number;
  readonly target: number;
  readonly strikes: Map<string, number>;
  current: string | undefined;
  next: Request | undefined;
  applied: number;
  lastFailure: string | undefined;
  /** Trusted hashes above our tip, ascending (the checkpoint, and pins walked back from it). */
  readonly pins: SyncTip[];
  /** Blocks per request towards a pin: shrinks to what a peer served when its ranges came short. */
  width: number;
}

export class BlockSyncer {
  private readonly rangeBlocks: number;
  private stopped = false;
  private running: Promise<SyncOutcome> | undefined;
  /** Rotates among equally good peers. */
  private turn = 0;

  constructor(private readonly d: BlockSyncerDeps) {
    this.rangeBlocks = d.rangeBlocks ?? SYNC_RANGE_BLOCKS;
    if (!Number.isSafeInteger(this.rangeBlocks) || this.rangeBlocks < 1) throw new RangeError(`rangeBlocks must be a positive integer: ${this.rangeBlocks}`);
  }

  /**
   * Syncs until our tip reaches `target` (default: the highest height a peer announces) or no peer
   * announces more than our tip. A call while a run is going returns that run.
   */
  syncTo(target?: number): Promise<SyncOutcome> {
    if (this.running !== undefined) return this.running;
    this.stopped = false;
    const run = this.run(target ?? Number.MAX_SAFE_INTEGER).finally(() => {
      this.running = undefined;
    });
    this.running = run;
    return run;
  }

  /** Ends the current run after the block being applied (the run resolves with its outcome). */
  stop(): void {
    this.stopped = true;
  }

  private async run(target: number): Promise<SyncOutcome> {
    const from = this.d.store.tip().height;
    const checkpoint = await this.d.checkpoint?.();
    const pins = checkpoint !== undefined && checkpoint.height > from ? [checkpoint] : [];
    const run: Run = { from, target, strikes: new Map(), current: undefined, next: undefined, applied: 0, lastFailure: undefined, pins, width: this.rangeBlocks };
    while (!this.stopped) {
      const tip = this.d.store.tip().height;
      if (tip >= target) break;
      while (run.pins.length > 0 && run.pins[0]!.height <= tip) run.pins.shift();
      const pin = run.pins[0];
      const peer = this.pickPeer(run, tip, pin?.height);
      if (peer === undefined) break;
      if (pin !== undefined) await this.stepToPin(run, peer, tip, pin);
      else await this.step(run, peer, tip);
    }
    const to = this.d.store.tip().height;
    return { from: run.from, to, applied: run.applied };
  }

  /** One range from `peer`: fetch (or take the prefetched request), verify, prefetch, apply. */
  private async step(run: Run, peer: SyncPeer, tip: number): Promise<void> {
    const goal = Math.min(peer.height, run.target);
    const prefetched = run.next;
    run.next = undefined;
    const req = prefetched !== undefined && prefetched.peer === peer.id && prefetched.from === tip + 1 ? prefetched : this.request(peer.id, tip + 1, Math.min(this.rangeBlocks, goal - tip));
    let range: BlockRange;
    try {
      range = await req.range;
    } catch (e) {
      return this.fail(run, peer.id, `the request failed: ${e instanceof Error ? e.message : String(e)}`, undefined);
    }
    if (this.stopped) return;
    if (range.blocks.length === 0) return this.fail(run, peer.id, `announced height ${peer.height} but served nothing from ${req.from}`, undefined);
    if (range.blocks.length > req.count) {
      return this.fail(run, peer.id, `served ${range.blocks.length} blocks, ${req.count} asked`, p2pError('SYNC_BAD_RANGE', 'more blocks than asked for', { asked: req.count, served: range.blocks.length }));
    }
    const { ctx, validators, store } = this.d;
    let commits: readonly Commit[];
    try {
      commits = await verifyRange(store.tip(), range, { chainId: ctx.chainId, validators, verifier: ctx.verifier });
    } catch (e) {
      if (isChainError(e) && (e.code === 'SYNC_BAD_RANGE' || e.code === 'SYNC_BAD_COMMIT')) return this.fail(run, peer.id, e.message, e);
      throw e;
    }
    const last = tip + range.blocks.length;
    if (last < goal) run.next = this.request(peer.id, last + 1, Math.min(this.rangeBlocks, goal - last));
    const applied = await this.applyRange(run, peer.id, range.blocks, commits);
    // A whole good range clears the peer's failures; a range cut by a refused block keeps its strike.
    if (applied === range.blocks.length) run.strikes.delete(peer.id);
    this.d.logger.debug('synced a range', { peer: peer.id, from: tip + 1, to: tip + applied, peerHeight: peer.height });
  }

  /**
   * Towards a trusted hash above our tip: the range up to it when it is within `width` blocks
   * (verified, the pin checked, applied), else the `width` blocks ending at it, to pin the hash of
   * the block before them. A peer that serves fewer blocks than asked (its size limit) makes the
   * width shrink, without a strike.
   */
  private async stepToPin(run: Run, peer: SyncPeer, tip: number, pin: SyncTip): Promise<void> {
    const gap = pin.height - tip;
    const forward = gap <= run.width;
    const from = forward ? tip + 1 : pin.height - run.width + 1;
    const count = forward ? gap : run.width;
    let range: BlockRange;
    try {
      range = await this.d.source.fetch(peer.id, from, count);
    } catch (e) {
      return this.fail(run, peer.id, `the request failed: ${e instanceof Error ? e.message : String(e)}`, undefined);
    }
    if (this.stopped) return;
    if (range.blocks.length === 0) return this.fail(run, peer.id, `announced height ${peer.height} but served nothing from ${from}`, undefined);
    if (range.blocks.length > count) {
      return this.fail(run, peer.id, `served ${range.blocks.length} blocks, ${count} asked`, p2pError('SYNC_BAD_RANGE', 'more blocks than asked for', { asked: count, served: range.blocks.length }));
    }
    if (range.blocks.length < count) {
      run.width = range.blocks.length;
      return;
    }
    const { ctx, validators, store } = this.d;
    try {
      if (!forward) {
        run.pins.unshift(pinBelow(range, from, pin, ctx.chainId));
        return;
      }
      const commits = await verifyRange(store.tip(), range, { chainId: ctx.chainId, validators, verifier: ctx.verifier, checkpoints: [pin] });
      if ((await this.applyRange(run, peer.id, range.blocks, commits)) === range.blocks.length) run.strikes.delete(peer.id);
    } catch (e) {
      if (isChainError(e) && (e.code === 'SYNC_BAD_RANGE' || e.code === 'SYNC_BAD_COMMIT' || e.code === 'SYNC_BELOW_ANCHOR')) return this.fail(run, peer.id, e.message, e);
      throw e;
    }
  }

  /** Applies verified blocks in order; stops at stop() or at a block our execution refuses. */
  private async applyRange(run: Run, peer: string, blocks: readonly Block[], commits: readonly Commit[]): Promise<number> {
    const { store, ctx, memo, onProgress } = this.d;
    let applied = 0;
    for (const [i, block] of blocks.entries()) {
      if (this.stopped) break;
      try {
        await applyBlock(store, block, ctx, commits[i], memo);
      } catch (e) {
        // Our own storage failing is not the peer's doing: the run fails with it.
        if (!isChainError(e) || e.code.startsWith('STATE_') || e.code === 'EXEC_NOT_INITIALIZED') throw e;
        const rejected = p2pError('SYNC_BLOCK_REJECTED', `synced block ${block.header.height} is committed but does not apply: ${e.message}`, { height: block.header.height, reason: e.code });
        this.fail(run, peer, rejected.message, rejected);
        break;
      }
      applied++;
      run.applied++;
      onProgress?.(block.header.height, block);
    }
    return applied;
  }

  /** A strike for `peer` (and a penalty when it served something provably wrong); try another. */
  private fail(run: Run, peer: string, why: string, proof: ChainError | undefined): void {
    run.strikes.set(peer, (run.strikes.get(peer) ?? 0) + 1);
    run.current = undefined;
    run.next = undefined;
    run.lastFailure = proof?.code ?? why;
    if (proof !== undefined) this.d.source.penalize(peer, proof.code);
    this.d.logger.warn('block sync: a peer failed', { peer, code: proof?.code, reason: why, strikes: run.strikes.get(peer) });
  }

  /**
   * The peer to ask next, undefined when no peer is above our tip (or, towards a pin, at or above
   * the pin: only those hold the anchored block); throws when all those failed.
   */
  private pickPeer(run: Run, tip: number, pin?: number): SyncPeer | undefined {
    const above = this.d.source.peers().filter((p) => p.height > tip && (pin === undefined || p.height >= pin));
    if (above.length === 0) return undefined;
    const strikes = (p: SyncPeer): number => run.strikes.get(p.id) ?? 0;
    const usable = above.filter((p) => strikes(p) < SYNC_MAX_STRIKES);
    if (usable.length === 0) {
      throw p2pError('SYNC_NO_PROGRESS', `block sync stuck at height ${tip}: every peer above it failed ${SYNC_MAX_STRIKES} times in a row`, {
        height: tip,
        from: run.from,
        applied: run.applied,
        peers: above.map((p) => p.id),
        lastFailure: run.lastFailure,
      });
    }
    const current = usable.find((p) => p.id === run.current);
    if (current !== undefined) return current;
    const better = (a: SyncPeer, b: SyncPeer): number => strikes(a) - strikes(b) || b.height - a.height;
    const best = [...usable].sort(better);
    const ties = best.filter((p) => better(p, best[0]!) === 0);
    const chosen = ties[this.turn++ % ties.length]!;
    run.current = chosen.id;
    return chosen;
  }

  /** Sends a request now; its failure is handled when awaited, or ignored when dropped. */
  private request(peer: string, from: number, count: number): Request {
    const range = (async () => this.d.source.fetch(peer, from, count))();
    range.catch(() => undefined);
    return { peer, from, count, range };
  }
}
