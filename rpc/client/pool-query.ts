/** The query of GET /pool/quote from typed input (browser-safe; checked before anything is sent). */
import { ChainError } from '../../chain/errors.ts';
import type { AmountInput, AssetId } from './amounts.ts';
import { baseUnitsText } from './base-units-text.ts';

export interface QuoteRequest {
  /** The asset sold. */
  readonly in: AssetId;
  /** Exact-in: base units of `in` to sell. Give exactly one of `amount` and `out`. */
  readonly amount?: AmountInput;
  /** Exact-out: base units of the other asset to buy. */
  readonly out?: AmountInput;
  /** Tolerance of minimumReceived / maximumSent, 0..10000 (node default 50). */
  readonly slippageBps?: number;
}

export function quoteQuery(q: QuoteRequest): Record<string, string | undefined> {
  if (q.in !== 'TFT' && q.in !== 'REGIONAL') throw new ChainError('LEDGER_UNKNOWN_ASSET', `unknown asset ${JSON.stringify(q.in)} (TFT or REGIONAL)`);
  if ((q.amount === undefined) === (q.out === undefined)) throw new ChainError('TX_BAD_PARAMS', 'a quote takes exactly one of amount (exact-in) and out (exact-out)');
  const s = q.slippageBps;
  if (s !== undefined && (!Number.isInteger(s) || s < 0 || s > 10_000)) throw new ChainError('TX_BAD_PARAMS', `slippageBps must be an integer 0..10000, got ${s}`);
  return {
    in: q.in,
    amount: q.amount === undefined ? undefined : baseUnitsText(q.amount, 'amount'),
    out: q.out === undefined ? undefined : baseUnitsText(q.out, 'out'),
    slippageBps: s === undefined ? undefined : String(s),
  };
}
