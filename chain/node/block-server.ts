/**
 * Serving stored blocks to peers that are behind (in-process catch-up; block sync over the real
 * network is the "Real network" issue): a `sync-request` gets up to SYNC_BATCH blocks with their
 * commits, and a peer caught sending messages of a height we already decided gets that one block.
 */
import type { ChainStore } from '../block/chain-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { Network } from '../ports/network.ts';
import type { NodeMessage } from './node-messages.ts';
import { RESEND_FIRST_MS } from './resender.ts';

/** Blocks sent per `sync-request` answer. */
export const SYNC_BATCH = 20;

export class BlockServer {
  /** Per peer behind us: when we last sent it a block unasked. */
  private readonly helped = new Map<number, number>();

  constructor(
    private readonly store: ChainStore,
    private readonly network: Network<NodeMessage>,
    private readonly clock: Clock,
  ) {}

  /** Sends `to` the stored blocks from `height` on (at most `count`), each with its commit. */
  async answer(height: number, to: number, count = SYNC_BATCH): Promise<void> {
    const top = Math.min(this.store.tip().height, height + count - 1);
    for (let h = height; h <= top; h++) {
      const [block, commit] = await Promise.all([this.store.blocks.block(h), this.store.blocks.commit(h)]);
      if (block === undefined || commit === undefined) return;
      this.network.send(to, { kind: 'sync-block', block, commit });
    }
  }

  /**
   * A peer sent a vote or proposal of a height we decided: it is behind, maybe stuck one height back
   * where its own `sync-request` never fires (it only asks on messages two heights ahead), so send
   * it that height's block and commit. One block, at most once per RESEND_FIRST_MS per peer: a peer
   * replaying old messages cannot make us read and send blocks for each of them.
   */
  async helpBehind(peer: number, height: number): Promise<void> {
    const now = this.clock.now();
    const last = this.helped.get(peer);
    if (last !== undefined && now - last < RESEND_FIRST_MS) return;
    this.helped.set(peer, now);
    await this.answer(height, peer, 1);
  }
}
