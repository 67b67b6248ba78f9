/**
 * The pool's price over time for the chart. The node keeps cumulative prices (Uniswap V2's
 * oracle), and `GET /pool?window=W` answers the time-weighted average over the last W seconds:
 * twap(W) * W = cumulative(now) - cumulative(now - W). So two windows W1 > W2 read at one height
 * give the average price between now - W1 and now - W2:
 *   (twap(W1) * W1 - twap(W2) * W2) / (W1 - W2)
 * which seeds the chart with the history the node holds (up to its 1,024 observations) before the
 * page saw any block. Then each block adds its spot price and the TWAP of the default window.
 * Prices are numbers here (display only; the page shows the exact decimal strings as text).
 */

/** The part of GET /pool the seed reads. */
export interface TwapAnswer {
  readonly height: number;
  readonly twap: { readonly windowSeconds: number; readonly regionalPerTft: string } | null;
}

export interface PricePoint {
  /** Unix seconds. */
  readonly t: number;
  /** Regional tokens per TFT, whole tokens. */
  readonly price: number;
}

/** Windows the page asks for at start (seconds); the node answers the longest it has up to each. */
export const SEED_WINDOWS: readonly number[] = [3600, 2400, 1800, 1200, 900, 600, 420, 300, 180, 120, 60, 30];

/** The most common height among the answers (the one most of them were read at). */
function commonHeight(answers: readonly TwapAnswer[]): number | undefined {
  const counts = new Map<number, number>();
  for (const a of answers) counts.set(a.height, (counts.get(a.height) ?? 0) + 1);
  let best: number | undefined;
  let bestCount = 0;
  for (const [h, c] of counts) {
    if (c > bestCount || (c === bestCount && best !== undefined && h > best)) {
      best = h;
      bestCount = c;
    }
  }
  return best;
}

/**
 * Average prices of the intervals between the windows answered (of one height: answers of other
 * heights are dropped, their "now" differs), each placed at its interval's middle, oldest first.
 * `nowSec` is the time of that height's block in unix seconds (floored, as the oracle counts).
 */
export function pricesFromTwaps(answers: readonly TwapAnswer[], nowSec: number): PricePoint[] {
  const height = commonHeight(answers.filter((a) => a.twap !== null));
  const byWindow = new Map<number, number>();
  for (const a of answers) {
    if (a.height !== height || a.twap === null) continue;
    const p = Number(a.twap.regionalPerTft);
    if (Number.isFinite(p) && p > 0 && a.twap.windowSeconds > 0) byWindow.set(a.twap.windowSeconds, p);
  }
  const windows = [...byWindow.keys()].sort((a, b) => b - a);
  const points: PricePoint[] = [];
  windows.forEach((w1, i) => {
    const p1 = byWindow.get(w1)!;
    const w2 = windows[i + 1];
    if (w2 === undefined) {
      points.push({ t: nowSec - w1 / 2, price: p1 });
      return;
    }
    const avg = (p1 * w1 - byWindow.get(w2)! * w2) / (w1 - w2);
    if (Number.isFinite(avg) && avg > 0) points.push({ t: nowSec - (w1 + w2) / 2, price: avg });
  });
  return points;
}

/** One point of the chart: the price (an interval average, or a block's spot price) and the TWAP, either may be missing. */
export interface ChartPoint {
  readonly t: number;
  readonly price: number | null;
  readonly twap: number | null;
}

export const MAX_CHART_POINTS = 720;

/** Adds a point in time order; a point at the same time is merged (its known values win). At most `max`, the newest. */
export function addChartPoint(series: readonly ChartPoint[], p: ChartPoint, max = MAX_CHART_POINTS): ChartPoint[] {
  const same = series.find((q) => q.t === p.t);
  const merged: ChartPoint = same === undefined ? p : { t: p.t, price: p.price ?? same.price, twap: p.twap ?? same.twap };
  const out = [...series.filter((q) => q.t !== p.t), merged].sort((a, b) => a.t - b.t);
  return out.length > max ? out.slice(out.length - max) : out;
}

/** uPlot's data layout: x values, then one array per series (null: a gap). */
export function chartColumns(series: readonly ChartPoint[]): [number[], (number | null)[], (number | null)[]] {
  return [series.map((p) => p.t), series.map((p) => p.price), series.map((p) => p.twap)];
}
