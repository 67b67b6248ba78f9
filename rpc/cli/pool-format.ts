/** Text output of the pool commands: amounts in tokens with their symbols, prices per whole token. */
import type { PoolStateView, QuoteView } from '../api/pool-schemas.ts';
import type { Status } from '../api/schemas.ts';
import { assetInfo } from '../client/amounts.ts';
import { amountText, eventText, lines, resultText, txStatusText } from './chain-format.ts';
import type { TxView } from '../api/schemas.ts';
import { bpsText } from './pool-options.ts';

export function poolText(p: PoolStateView, s: Status): string {
  const tft = assetInfo(s, 'TFT').symbol;
  const chi = assetInfo(s, 'REGIONAL').symbol;
  const rows: Array<[string, string]> = [
    ['height', String(p.height)],
    ['reserves', amountText(s, 'TFT', p.reserves.TFT)],
    ['', amountText(s, 'REGIONAL', p.reserves.REGIONAL)],
    ['shares', p.totalShares],
    ['fee', `${bpsText(p.feeBps)} (${p.feeBps} bps), protocol fee ${p.protocolFee ? 'on' : 'off'}`],
  ];
  if (p.spot === null) rows.push(['price', 'none (a reserve is empty)']);
  else rows.push(['price', `${p.spot.regionalPerTft} ${chi} per ${tft}`], ['', `${p.spot.tftPerRegional} ${tft} per ${chi}`]);
  if (p.twap === null) rows.push(['twap', 'no price history yet']);
  else rows.push([`twap (${p.twap.windowSeconds} s)`, `${p.twap.regionalPerTft} ${chi} per ${tft}`], ['', `${p.twap.tftPerRegional} ${tft} per ${chi}`]);
  return lines(rows);
}

export function quoteText(q: QuoteView, s: Status): string {
  const sold = amountText(s, q.assetIn, q.amountIn);
  const bought = amountText(s, q.assetOut, q.amountOut);
  const rows: Array<[string, string]> = [[q.kind === 'exact-in' ? 'sell' : 'buy', q.kind === 'exact-in' ? `${sold} for ${bought}` : `${bought} for ${sold}`]];
  if (q.minimumReceived !== undefined) rows.push(['minimum out', `${amountText(s, q.assetOut, q.minimumReceived)} (slippage ${bpsText(q.slippageBps)})`]);
  if (q.maximumSent !== undefined) rows.push(['maximum in', `${amountText(s, q.assetIn, q.maximumSent)} (slippage ${bpsText(q.slippageBps)})`]);
  rows.push(
    ['price impact', `${bpsText(q.priceImpactBps)} (${q.priceImpactBps} bps)`],
    ['pool fee', amountText(s, q.assetIn, q.feePaid)],
    ['at height', `${q.height} (reserves ${amountText(s, 'TFT', q.reserves.TFT)}, ${amountText(s, 'REGIONAL', q.reserves.REGIONAL)})`],
  );
  return lines(rows);
}

/** The committed pool tx: hash, fee and nonce, deadline, status, result and its events. */
export function poolTxText(r: { hash: string; fee: { toString(base: number): string }; nonce: number; deadline: number; view: TxView }, s: Status): string {
  const rows: Array<[string, string]> = [
    ['tx', r.hash],
    ['fee', `${amountText(s, 'REGIONAL', r.fee.toString(10))} (nonce ${r.nonce})`],
    ['deadline', `height ${r.deadline}`],
    ['status', txStatusText(r.view)],
  ];
  if (r.view.code !== undefined) rows.push(['result', resultText(r.view.code)]);
  for (const e of r.view.events ?? []) rows.push(['event', eventText(e, s)]);
  return lines(rows);
}
