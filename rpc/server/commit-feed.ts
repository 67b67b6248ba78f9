/**
 * One subscription to the node's commits, shared by everything in the server that follows the
 * chain: `?wait=commit` waiters (by tx hash), the /events sockets and the metrics. Each block's
 * results are read once from the store, however many clients listen.
 */
import type { BlockResults } from '../../chain/block/block.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import type { CommittedBlock } from '../../chain/node/driver.ts';
import type { RpcNode } from './rpc-node.ts';

export interface FeedBlock {
  readonly committed: CommittedBlock;
  readonly results: BlockResults;
}

export type WaitOutcome = number | 'timeout' | 'closed';

export class CommitFeed {
  private readonly waiters = new Map<string, Set<(outcome: WaitOutcome) => void>>();
  private readonly listeners = new Set<(b: FeedBlock) => void>();
  private readonly unsubscribe: () => void;
  /** Header times (ms) and tx counts of the latest blocks, oldest first (for txs/s). */
  readonly recent: Array<{ time: number; txs: number }> = [];

  constructor(private readonly node: RpcNode) {
    this.unsubscribe = node.onCommit((c) => void this.deliver(c));
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
