/**
 * Section "Pool": reserves, spot price both ways, the TWAP, the fee, the price chart and the quote
 * calculator. GET /pool is read again after every block (coalesced), which adds a point to the
 * chart; the chart is seeded at start from TWAP windows (view/price-points.ts). A chain without a
 * pool (GET /features says so; the Hub has none) shows "not on this chain" and asks nothing more.
 */
import type { PoolStateView } from '../../api/pool-schemas.ts';
import type { BlockMessage } from '../../api/schemas.ts';
import { coalesced, mapLimited } from '../view/coalesce.ts';
import { formatBps, formatDuration, formatPrice, formatTokens } from '../view/format.ts';
import { addChartPoint, pricesFromTwaps, SEED_WINDOWS, type ChartPoint } from '../view/price-points.ts';
import type { BlockCache } from './block-cache.ts';
import type { ExplorerContext, Section } from './context.ts';
import { byId, fill, h, notOnThisChain, setData, setText } from './dom.ts';
import { priceChart, type PriceChart } from './price-chart.ts';
import { quoteForm, type QuoteForm } from './quote-form.ts';

/** The TWAP window of the per-block reads (the node's default). */
const TWAP_WINDOW = 3600;

export function poolSection(ctx: ExplorerContext, blocks: BlockCache): Section {
  const body = byId('pool-body');
  if (!ctx.features.pool) {
    notOnThisChain(body, 'The pool is', ctx.features.role === 'hub' ? 'the Hub has no pool' : 'its genesis has no pool section');
    return { start: async () => undefined };
  }
  const { TFT, REGIONAL } = ctx.assets;
  const reservesEl = byId('pool-reserves');
  const priceEl = byId('pool-price');
  const twapEl = byId('pool-twap');
  const feeEl = byId('pool-fee');
  let chart: PriceChart | undefined;
  let form: QuoteForm | undefined;
  let series: ChartPoint[] = [];
  const times = new Map<number, number>();

  const timeOf = async (height: number): Promise<number> => {
    const known = times.get(height);
    if (known !== undefined) return known;
    try {
      return Date.parse((await blocks.get(height)).header.time);
    } catch {
      return Date.now();
    }
  };

  const showPool = (p: PoolStateView): void => {
    setText(reservesEl, `${formatTokens(p.reserves.TFT, TFT.decimals, TFT.symbol)} · ${formatTokens(p.reserves.REGIONAL, REGIONAL.decimals, REGIONAL.symbol)}`);
    setData(reservesEl, 'tft', p.reserves.TFT);
    setData(reservesEl, 'regional', p.reserves.REGIONAL);
    setData(reservesEl, 'height', String(p.height));
    if (p.spot === null) {
      setText(priceEl, 'no price: a reserve is empty');
      setData(priceEl, 'regionalPerTft', '');
      setData(priceEl, 'tftPerRegional', '');
    } else {
      fill(
        priceEl,
        h('span', { class: 'price' }, `1 ${TFT.symbol} = ${formatPrice(p.spot.regionalPerTft)} ${REGIONAL.symbol}`),
        h('span', { class: 'price muted' }, `1 ${REGIONAL.symbol} = ${formatPrice(p.spot.tftPerRegional)} ${TFT.symbol}`),
      );
      setData(priceEl, 'regionalPerTft', p.spot.regionalPerTft);
      setData(priceEl, 'tftPerRegional', p.spot.tftPerRegional);
    }
    setText(twapEl, p.twap === null ? 'no price history yet' : `1 ${TFT.symbol} = ${formatPrice(p.twap.regionalPerTft)} ${REGIONAL.symbol} over ${formatDuration(p.twap.windowSeconds)}`);
    setText(feeEl, `${formatBps(p.feeBps)} of the amount in${p.protocolFee ? ' (1/6 of it to the DAO treasury)' : ''}`);
  };

  const point = async (p: PoolStateView): Promise<void> => {
    const t = Math.floor((await timeOf(p.height)) / 1000);
    const price = p.spot === null ? null : Number(p.spot.regionalPerTft);
    const twap = p.twap === null ? null : Number(p.twap.regionalPerTft);
    series = addChartPoint(series, { t, price, twap });
    chart?.set(series);
  };

  const refresh = coalesced(async () => {
    const p = await ctx.client.pool(TWAP_WINDOW);
    showPool(p);
    form?.pool(p);
    await point(p);
  });

  const seedChart = async (): Promise<void> => {
    const answers = (await mapLimited(SEED_WINDOWS, 4, (w) => ctx.client.pool(w))).filter((a): a is PoolStateView => a !== undefined);
    const first = answers[0];
    if (first === undefined) return;
    const nowSec = Math.floor((await timeOf(first.height)) / 1000);
    for (const p of pricesFromTwaps(answers, nowSec)) series = addChartPoint(series, { t: p.t, price: p.price, twap: null });
    chart?.set(series);
  };

  return {
    async start() {
      chart = priceChart(byId('price-chart'), { unit: `${REGIONAL.symbol} per ${TFT.symbol}`, twapLabel: `TWAP ${formatDuration(TWAP_WINDOW)}` });
      form = quoteForm(ctx);
      await refresh();
      await seedChart();
    },
    block(b: BlockMessage) {
      times.set(b.height, Date.parse(b.time));
      if (times.size > 64) times.delete(Math.min(...times.keys()));
      void refresh();
    },
    resync() {
      void refresh();
    },
  };
}
