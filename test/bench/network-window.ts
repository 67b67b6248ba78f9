/**
 * The measured window of a network benchmark run: which txs were submitted in it (by their due
 * time), when the client saw each one's block, and the figures: committed tx/s from the blocks
 * seen in the window (the txs of the blocks after the first one, over the time from that first
 * one to the last), submit-to-commit latency percentiles, block interval, txs per block.
 */
import { median, percentile } from './harness.ts';
import type { ObservedBlock } from './network-commits.ts';

export interface WindowFigures {
  readonly committedPerS: number;
  readonly p50: number;
  readonly p99: number;
  readonly blockMs: number;
  readonly txsPerBlock: number;
  /** Txs submitted in the window and not committed (nor refused) by the end of the drain. */
  readonly lost: number;
}

export class LatencyWindow {
  private readonly submittedAt = new Map<string, number>();
  private readonly latencies: number[] = [];
  private readonly blocks: ObservedBlock[] = [];
  private open = 0;
  private drained: () => void = () => undefined;
  private readonly allDrained = new Promise<void>((resolve) => (this.drained = resolve));

  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  private inWindow(t: number): boolean {
    return t >= this.start && t < this.end;
  }

  submitted(hash: string, at: number): void {
    this.submittedAt.set(hash, at);
    if (this.inWindow(at)) this.open++;
  }

  /** Finally refused: it will never commit. */
  refused(hash: string): void {
    const at = this.submittedAt.get(hash);
    if (at !== undefined && this.submittedAt.delete(hash) && this.inWindow(at)) this.settle();
  }

  committed(b: ObservedBlock): void {
    if (this.inWindow(b.at)) this.blocks.push(b);
    for (const h of b.hashes) {
      const t = this.submittedAt.get(h);
      if (t === undefined) continue;
      this.submittedAt.delete(h);
      if (this.inWindow(t)) {
        this.latencies.push(b.at - t);
        this.settle();
      }
    }
  }

  /** Resolves once every tx of the window is settled, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.open === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.allDrained, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  figures(): WindowFigures {
    const { blocks } = this;
    const span = blocks.length < 2 ? NaN : blocks[blocks.length - 1]!.at - blocks[0]!.at;
    const committed = blocks.slice(1).reduce((n, b) => n + b.hashes.length, 0);
    return {
      committedPerS: (committed / span) * 1000,
      p50: percentile(this.latencies, 50),
      p99: percentile(this.latencies, 99),
      blockMs: median(blocks.slice(1).map((b, i) => b.at - blocks[i]!.at)),
      txsPerBlock: blocks.length < 2 ? 0 : committed / (blocks.length - 1),
      lost: this.open,
    };
  }

  private settle(): void {
    if (--this.open === 0 && performance.now() >= this.end) this.drained();
  }
}
