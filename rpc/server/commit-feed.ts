/**
 * One subscription to the node's commits, shared by everything in the server that follows the
 * chain: `?wait=commit` waiters (by tx hash), the /events sockets and the metrics. Each block's
 * results are read once from the store, however many clients listen.
 *
 * Blocks are delivered in height order, without gaps: the node announces only the last of the
 * blocks block sync applied, so a jump is filled from the store. Waiters of the skipped blocks are
 * found through the tx index; listeners get the skipped blocks themselves, up to the last
 * GAP_REPLAY_LIMIT (a node that synced a long way does not replay history; a client that needs
 * it reads GET /blocks).
 */
import type { BlockResults } from '../../chain/block/block.ts';
import { blockHash } from '../../chain/block/block-codec.ts';
import { fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import type { CommittedBlock } from '../../chain/node/driver.ts';
import type { RpcNode } from './rpc-node.ts';

export interface FeedBlock {
  readonly committed: CommittedBlock;
  readonly results: BlockResults;
}

export type WaitOutcome = number | 'timeout' | 'closed';

/** Skipped blocks replayed to listeners after a jump, at most (the latest ones). */
export const GAP_REPLAY_LIMIT = 256;

export class CommitFeed {
  private readonly waiters = new Map<string, Set<(outcome: WaitOutcome) => void>>();
  private readonly listeners = new Set<(b: FeedBlock) => void>();
  private readonly unsubscribe: () => void;
  /** Header times (ms) and tx counts of the latest blocks, oldest first (for txs/s). */
  readonly recent: Array<{ time: number; txs: number }> = [];

  /** Height of the last block delivered; at first the tip the server started on (nothing before it is replayed). */
  private delivered: number;
  /** Deliveries run one after the other, so listeners see heights in order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly node: RpcNode) {
    this.delivered = node.store.tip().height;
    this.unsubscribe = node.onCommit((c) => {
      this.queue = this.queue.then(() => this.next(c)).catch(() => undefined);
    });
  }

  private async next(c: CommittedBlock): Promise<void> {
    if (c.height <= this.delivered) return;
    if (c.height > this.delivered + 1) await this.fillGap(this.delivered + 1, c.height - 1);
    await this.deliver(c);
    this.delivered = c.height;
  }

  /** Blocks [from, to] were applied without an announcement (block sync). */
  private async fillGap(from: number, to: number): Promise<void> {
    const blocks = this.node.store.blocks;
    for (const hex of [...this.waiters.keys()]) {
      const hash = fromHexStrict(hex);
      const at = hash === undefined ? undefined : (await blocks.txLocation(hash).catch(() => undefined))?.height;
      if (at === undefined || at < from || at > to) continue;
      const waiting = this.waiters.get(hex);
      this.waiters.delete(hex);
      for (const w of waiting ?? []) w(at);
    }
    if (this.listeners.size === 0) return;
    for (let h = Math.max(from, to - GAP_REPLAY_LIMIT + 1); h <= to; h++) {
      const [block, commit] = await Promise.all([blocks.block(h), blocks.commit(h)]);
      if (block === undefined || commit === undefined) continue;
      await this.deliver({ height: h, round: commit.round, hash: blockHash(block.header), block, commit });
    }
  }

  private async deliver(c: CommittedBlock): Promise<void> {
    this.recent.push({ time: c.block.header.time, txs: c.block.txs.length });
    if (this.recent.length > 20) this.recent.shift();
    const results = (await this.node.store.blocks.results(c.height).catch(() => undefined)) ?? { txs: [], blockEvents: [] };
    for (const r of results.txs) {
      const hex = toHex(r.hash);
      const waiting = this.waiters.get(hex);
      if (waiting === undefined) continue;
      this.waiters.delete(hex);
      for (const w of waiting) w(c.height);
    }
    for (const l of this.listeners) l({ committed: c, results });
  }

  /**
   * Resolves with the height once a block with tx `hash` (hex) is committed, 'timeout' after
   * `timeoutMs`, 'closed' if the server closes first. Call before submitting, so a fast commit
   * is not missed.
   */
  waitForTx(hash: string, timeoutMs: number): { promise: Promise<WaitOutcome>; cancel(): void } {
    let settle: (h: WaitOutcome) => void = () => undefined;
    const promise = new Promise<WaitOutcome>((resolve) => (settle = resolve));
    const set = this.waiters.get(hash) ?? new Set();
    this.waiters.set(hash, set);
    const done = (h: WaitOutcome): void => {
      clearTimeout(timer);
      set.delete(done);
      if (set.size === 0 && this.waiters.get(hash) === set) this.waiters.delete(hash);
      settle(h);
    };
    const timer = setTimeout(() => done('timeout'), timeoutMs);
    set.add(done);
    return { promise, cancel: () => done('closed') };
  }

  onBlock(listener: (b: FeedBlock) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  close(): void {
    this.unsubscribe();
    for (const set of this.waiters.values()) for (const w of [...set]) w('closed');
    this.waiters.clear();
    this.listeners.clear();
  }
}
