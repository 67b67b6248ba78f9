/**
 * Who signed the latest blocks: for each of the last `size` blocks up to the tip, the validators
 * whose precommit its commit carries. A block's commit is read from the NEXT block's `lastCommit`
 * (what the chain agreed on, the same on every node); the tip, which has no successor yet, counts
 * with the commit this node stored. Kept per height, so each block is read from the store once.
 */
import type { ChainStore } from '../../chain/block/chain-store.ts';

export const SIGNING_WINDOW = 100;

export class SigningWindow {
  private readonly signersAt = new Map<number, readonly number[]>();

  constructor(
    private readonly store: ChainStore,
    private readonly size = SIGNING_WINDOW,
  ) {}

  /** Counts per validator index over the window ending at the tip, and the window's length. */
  async counts(validators: number): Promise<{ height: number; window: number; signed: number[] }> {
    const tip = this.store.tip().height;
    const from = Math.max(1, tip - this.size + 1);
    const signed = new Array<number>(validators).fill(0);
    for (let h = from; h <= tip; h++) {
      for (const v of await this.signers(h, tip)) if (v < validators) signed[v] = (signed[v] ?? 0) + 1;
    }
    for (const h of this.signersAt.keys()) if (h < from) this.signersAt.delete(h);
    return { height: tip, window: tip - from + 1, signed };
  }

  private async signers(height: number, tip: number): Promise<readonly number[]> {
    const known = this.signersAt.get(height);
    if (known !== undefined) return known;
    const commit = height < tip ? (await this.store.blocks.block(height + 1))?.lastCommit : await this.store.blocks.commit(height);
    const list = (commit?.signatures ?? []).map((s) => s.validator);
    // The tip's own commit may still grow (or be replaced by the next block's): remember only settled heights.
    if (height < tip) this.signersAt.set(height, list);
    return list;
  }
}
