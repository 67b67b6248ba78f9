/**
 * The swap quote calculator: an amount of whole tokens to sell and the asset sold (TFT or the
 * regional token), answered by GET /pool/quote (exact-in) with the amount out, price impact, fee
 * and the minimum received at the slippage tolerance. Quotes as you type (debounced), on submit,
 * and again whenever the pool's reserves change. The input is checked first, so the node is never
 * asked something it would refuse. The output's `data-base-units` is the node's exact `amountOut`.
 */
import type { PoolStateView, QuoteView } from '../../api/pool-schemas.ts';
import { checkQuoteAmount, checkSlippage } from '../view/quote-input.ts';
import { formatBps, formatTokens } from '../view/format.ts';
import type { AssetInfo, ExplorerContext } from './context.ts';
import { byId, fill, h, setText } from './dom.ts';

const DEBOUNCE_MS = 250;

export interface QuoteForm {
  /** The pool as last read: re-quotes when its reserves moved. */
  pool(p: PoolStateView): void;
}

export function quoteForm(ctx: ExplorerContext): QuoteForm {
  const form = byId<HTMLFormElement>('quote-form');
  const amountEl = byId<HTMLInputElement>('quote-amount');
  const directionEl = byId<HTMLSelectElement>('quote-direction');
  const slippageEl = byId<HTMLInputElement>('quote-slippage');
  const output = byId<HTMLOutputElement>('quote-output');
  const details = byId('quote-details');
  const note = byId('quote-note');
  const { TFT, REGIONAL } = ctx.assets;
  for (const opt of Array.from(directionEl.options)) {
    if (opt.value === 'TFT') opt.textContent = `${TFT.symbol} → ${REGIONAL.symbol}`;
    if (opt.value === 'REGIONAL') opt.textContent = `${REGIONAL.symbol} → ${TFT.symbol}`;
  }
  const assetOf = (id: string): AssetInfo => (id === 'TFT' ? TFT : REGIONAL);
  let reserves = '';
  let poolEmpty = false;
  let seq = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const clear = (reason: string): void => {
    setText(output, '–');
    setText(note, reason);
    delete output.dataset['asset'];
    delete output.dataset['baseUnits'];
    delete output.dataset['height'];
    delete output.dataset['amountIn'];
    fill(details);
  };

  const show = (q: QuoteView): void => {
    const inA = assetOf(q.assetIn);
    const outA = assetOf(q.assetOut);
    setText(output, formatTokens(q.amountOut, outA.decimals, outA.symbol));
    setText(note, q.amountOut === '0' ? 'the output rounds down to 0: sell more' : '');
    output.dataset['baseUnits'] = q.amountOut;
    output.dataset['height'] = String(q.height);
    output.dataset['asset'] = q.assetOut;
    output.dataset['amountIn'] = q.amountIn;
    const row = (k: string, v: string) => h('div', {}, h('dt', {}, k), h('dd', {}, v));
    fill(
      details,
      row('you sell', formatTokens(q.amountIn, inA.decimals, inA.symbol)),
      row('price impact', formatBps(q.priceImpactBps)),
      row('fee', formatTokens(q.feePaid, inA.decimals, inA.symbol)),
      row(`minimum received (${formatBps(q.slippageBps)} slippage)`, q.minimumReceived === undefined ? '–' : formatTokens(q.minimumReceived, outA.decimals, outA.symbol)),
      row('quoted at height', String(q.height)),
    );
  };

  const quote = async (): Promise<void> => {
    const mine = ++seq;
    const asset = directionEl.value === 'REGIONAL' ? 'REGIONAL' : 'TFT';
    const amount = checkQuoteAmount(amountEl.value, assetOf(asset).decimals, poolEmpty);
    const slippage = checkSlippage(slippageEl.value);
    amountEl.setAttribute('aria-invalid', String(!amount.ok && amountEl.value.trim() !== ''));
    slippageEl.setAttribute('aria-invalid', String(!slippage.ok));
    if (!amount.ok) return clear(amount.reason);
    if (!slippage.ok) return clear(slippage.reason);
    try {
      const q = await ctx.client.quote({ in: asset, amount: amount.value.toString(), slippageBps: slippage.value });
      if (mine === seq) show(q);
    } catch (e) {
      if (mine === seq) clear(`no quote: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const soon = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void quote(), DEBOUNCE_MS);
  };
  amountEl.addEventListener('input', soon);
  slippageEl.addEventListener('input', soon);
  directionEl.addEventListener('change', () => void quote());
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (timer !== undefined) clearTimeout(timer);
    void quote();
  });
  clear('enter an amount to sell');

  return {
    pool(p) {
      poolEmpty = p.reserves.TFT === '0' || p.reserves.REGIONAL === '0';
      const now = `${p.reserves.TFT}/${p.reserves.REGIONAL}/${p.feeBps}`;
      const moved = reserves !== '' && now !== reserves;
      reserves = now;
      if (moved && amountEl.value.trim() !== '') void quote();
    },
  };
}
