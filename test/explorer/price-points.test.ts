/**
 * TWAP windows to price points: averages between windows read at one height reproduce the mean
 * price of each interval of a known price path; answers of other heights and windows the node
 * capped are handled; the chart's series merges, orders and caps points.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { addChartPoint, chartColumns, pricesFromTwaps, SEED_WINDOWS, type ChartPoint, type TwapAnswer } from '../../rpc/explorer/view/price-points.ts';

/** A price per second over [now - path.length, now), and what GET /pool?window=W answers over it (history limited to the path). */
function node(path: readonly number[], nowSec: number, height: number) {
  const cum = (secondsAgo: number) => path.slice(path.length - secondsAgo).reduce((s, p) => s + p, 0);
  return (window: number): TwapAnswer => {
    const w = Math.min(window, path.length);
    return { height, twap: w === 0 ? null : { windowSeconds: w, regionalPerTft: String(cum(w) / w) } };
  };
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('explorer view: TWAP to price points', () => {
  it('reconstructs the mean price of each interval between windows', () => {
    // 120 s at 4, 60 s at 5, 60 s at 8, the last 60 s at 10 (oldest first).
    const path = [...Array(120).fill(4), ...Array(60).fill(5), ...Array(60).fill(8), ...Array(60).fill(10)];
    const now = 1_000_000;
    const ask = node(path, now, 42);
    const points = pricesFromTwaps([300, 180, 120, 60].map(ask), now);
    expect(points.map((p) => p.t)).to.deep.equal([now - 240, now - 150, now - 90, now - 30]);
    const expected = [mean(path.slice(0, 120)), mean(path.slice(120, 180)), mean(path.slice(180, 240)), mean(path.slice(240))];
    points.forEach((p, i) => expect(p.price).to.be.closeTo(expected[i]!, 1e-9));
    expect(expected).to.deep.equal([4, 5, 8, 10]);
  });

  it('windows the node capped to its history collapse into one; no history gives no points', () => {
    const path = Array(90).fill(2.5);
    const ask = node(path, 5000, 7);
    const points = pricesFromTwaps(SEED_WINDOWS.map(ask), 5000);
    // 3600 .. 120 all answer 90 s: windows 90, 60, 30.
    expect(points.map((p) => p.t)).to.deep.equal([5000 - 75, 5000 - 45, 5000 - 15]);
    for (const p of points) expect(p.price).to.be.closeTo(2.5, 1e-12);
    expect(pricesFromTwaps([{ height: 1, twap: null }], 10)).to.deep.equal([]);
    expect(pricesFromTwaps([], 10)).to.deep.equal([]);
  });

  it('uses only the answers of the most common height (a block between reads moves "now")', () => {
    const path = [...Array(60).fill(1), ...Array(60).fill(3)];
    const at10 = node(path, 100, 10);
    const answers = [at10(120), at10(60), { height: 11, twap: { windowSeconds: 30, regionalPerTft: '999' } }];
    const points = pricesFromTwaps(answers, 100);
    expect(points.map((p) => p.price)).to.deep.equal([1, 3]);
  });

  it('a seeded series of any path has points ordered in time, each within the path', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 400 }), (ints) => {
        const path = ints.map((i) => i / 100);
        const points = pricesFromTwaps(SEED_WINDOWS.map(node(path, 10_000, 1)), 10_000);
        expect(points.length).to.be.at.least(1);
        const lo = Math.min(...path);
        const hi = Math.max(...path);
        points.forEach((p, i) => {
          if (i > 0) expect(p.t).to.be.greaterThan(points[i - 1]!.t);
          expect(p.price).to.be.within(lo - 1e-6, hi + 1e-6);
        });
      }),
    );
  });
});

describe('explorer view: chart series', () => {
  it('adds points in time order, merges a point at the same time, keeps the newest', () => {
    let s: ChartPoint[] = [];
    s = addChartPoint(s, { t: 20, price: 4, twap: null });
    s = addChartPoint(s, { t: 10, price: 3, twap: null });
    s = addChartPoint(s, { t: 20, price: null, twap: 3.5 });
    expect(s).to.deep.equal([
      { t: 10, price: 3, twap: null },
      { t: 20, price: 4, twap: 3.5 },
    ]);
    expect(chartColumns(s)).to.deep.equal([
      [10, 20],
      [3, 4],
      [null, 3.5],
    ]);
    for (let t = 30; t < 40; t++) s = addChartPoint(s, { t, price: t, twap: t }, 5);
    expect(s.map((p) => p.t)).to.deep.equal([35, 36, 37, 38, 39]);
  });
});
