/**
 * The pool's price chart (uPlot, ~50 KB): regional tokens per TFT over time, two lines: the price
 * (interval averages from the TWAP history the node keeps, then each block's spot price) and the
 * TWAP of the default window as it was at each block. Resizes with its container.
 */
import uPlot from 'uplot';
import { chartColumns, type ChartPoint } from '../view/price-points.ts';
import { formatPrice } from '../view/format.ts';
import { h } from './dom.ts';

export interface PriceChart {
  set(series: readonly ChartPoint[]): void;
}

const HEIGHT = 220;

export function priceChart(container: HTMLElement, o: { readonly unit: string; readonly twapLabel: string }): PriceChart {
  const empty = h('p', { class: 'muted chart-empty' }, 'Collecting prices…');
  container.append(empty);
  let plot: uPlot | undefined;
  const width = (): number => Math.max(240, Math.floor(container.clientWidth));
  const style = getComputedStyle(document.documentElement);
  const color = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const axis = (): uPlot.Axis => ({ stroke: color('--fg', '#1a1a1a'), grid: { stroke: color('--grid', '#e3e3e3'), width: 1 }, ticks: { stroke: color('--grid', '#e3e3e3'), width: 1 } });
  const fmt = (_u: uPlot, v: number | null): string => (v === null ? '–' : formatPrice(String(v), 6));

  const create = (data: uPlot.AlignedData): uPlot =>
    new uPlot(
      {
        width: width(),
        height: HEIGHT,
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        series: [
          {},
          { label: `price (${o.unit})`, stroke: color('--price', '#1f5fbf'), width: 2, spanGaps: true, value: fmt, points: { show: false } },
          { label: o.twapLabel, stroke: color('--twap', '#a34700'), width: 2, dash: [6, 4], spanGaps: true, value: fmt, points: { show: false } },
        ],
        axes: [axis(), { ...axis(), size: 64, values: (_u, vals) => vals.map((v) => formatPrice(String(v), 5)) }],
      },
      data,
      container,
    );

  if (typeof ResizeObserver !== 'undefined') {
    new ResizeObserver(() => {
      if (plot !== undefined && plot.width !== width()) plot.setSize({ width: width(), height: HEIGHT });
    }).observe(container);
  }

  return {
    set(series) {
      if (series.length === 0) return;
      const data = chartColumns(series) as uPlot.AlignedData;
      if (plot === undefined) {
        empty.remove();
        plot = create(data);
      } else {
        plot.setData(data);
      }
    },
  };
}
