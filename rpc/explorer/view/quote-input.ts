/**
 * The quote form's input checked before anything is sent, so the node is only asked what it can
 * answer (the page never provokes an error answer): an amount of whole tokens of the asset sold,
 * converted to base units with the asset's decimals, and a slippage tolerance in percent.
 */
import { parseTokens } from './format.ts';

/** GET /pool/quote takes amounts of 1..39 digits. */
export const MAX_QUOTE_AMOUNT = 10n ** 39n - 1n;

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

/** Whole tokens typed by a person -> base units of an exact-in quote; `poolEmpty`: a reserve is 0 (no quote exists). */
export function checkQuoteAmount(text: string, decimals: number, poolEmpty: boolean): Checked<bigint> {
  if (text.trim() === '') return { ok: false, reason: 'enter an amount to sell' };
  const v = parseTokens(text, decimals);
  if (v === undefined) return { ok: false, reason: `not an amount: use digits and at most ${decimals} decimal${decimals === 1 ? '' : 's'}` };
  if (v === 0n) return { ok: false, reason: 'the amount must be above 0' };
  if (v > MAX_QUOTE_AMOUNT) return { ok: false, reason: 'the amount is too large' };
  if (poolEmpty) return { ok: false, reason: 'the pool has no liquidity: nothing to quote' };
  return { ok: true, value: v };
}

/** A slippage tolerance in percent ("0.5", at most 2 decimals, 0..100) -> basis points. */
export function checkSlippage(text: string): Checked<number> {
  const t = text.trim();
  if (t === '') return { ok: true, value: 50 };
  const bps = parseTokens(t, 2);
  if (bps === undefined || bps > 10_000n) return { ok: false, reason: 'slippage is a percentage from 0 to 100 with at most 2 decimals' };
  return { ok: true, value: Number(bps) };
}
