/**
 * The simulator's own cost at testnet scale, printed rather than asserted (timing assertions
 * flake): 99 nodes, each prevoting, precommitting once it saw a prevote quorum and deciding on a
 * precommit quorum, so deliveries and sends interleave as in consensus. ~19,400 deliveries a height.
 */
import { expect } from 'chai';
import { ManualClock } from '../../chain/ports/manual-clock.ts';
import { ManualTimers } from '../../chain/ports/manual-timers.ts';
import { SimNetwork } from '../../chain/node/sim/sim-network.ts';

interface Vote {
  readonly type: 'prevote' | 'precommit';
  readonly height: number;
  readonly validator: number;
}

const N = 99;
const QUORUM = 67;

describe('SimNetwork throughput (printed)', () => {
  it('carries 99 nodes through vote-only heights; figures printed below', () => {
    const timers = new ManualTimers(new ManualClock(0));
    const net = new SimNetwork<Vote>({ nodes: N, timers, seed: 'bench', link: { baseDelayMs: 20, jitterMs: 30 } });
    let height = 0;
    const prevotes = new Int32Array(N);
    const precommits = new Int32Array(N);
    const decided = new Uint8Array(N);
    let decidedCount = 0;
    const precommit = (i: number): void => {
      precommits[i]!++;
      net.broadcast(i, { type: 'precommit', height, validator: i });
    };
    for (let i = 0; i < N; i++) {
      net.onMessage(i, (v) => {
        if (v.height !== height) return;
        if (v.type === 'prevote' && ++prevotes[i]! === QUORUM - 1) precommit(i); // + its own prevote
        if (v.type === 'precommit' && ++precommits[i]! === QUORUM && decided[i] === 0) {
          decided[i] = 1;
          decidedCount++;
        }
      });
    }
    const perHeight: number[] = [];
    const heights = 12;
    for (let h = 1; h <= heights; h++) {
      height = h;
      prevotes.fill(0);
      precommits.fill(0);
      decided.fill(0);
      decidedCount = 0;
      const before = net.stats.delivered;
      const t0 = performance.now();
      for (let i = 0; i < N; i++) net.broadcast(i, { type: 'prevote', height, validator: i });
      // Let the stragglers' votes land too, as a real height would before moving on.
      expect(net.runUntil(() => decidedCount === N && timers.pending === 0, 10_000)).to.equal(true);
      perHeight.push(performance.now() - t0);
      expect(net.stats.delivered - before).to.equal(2 * N * (N - 1));
    }
    const sorted = [...perHeight].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const perSecond = Math.round((2 * N * (N - 1)) / (median / 1000));
    console.log(
      `      sim: ${2 * N * (N - 1)} deliveries/height, first ${perHeight[0]!.toFixed(1)} ms, median ${median.toFixed(1)} ms ` +
        `(~${perSecond.toLocaleString('en')} deliveries/s), max ${sorted.at(-1)!.toFixed(1)} ms`,
    );
  });
});
