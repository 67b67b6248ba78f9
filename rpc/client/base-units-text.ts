/**
 * An amount of base units (a BN or a decimal string) as the decimal string a query carries,
 * checked to be 0 .. 2^128 - 1 like `toBaseUnits`, but without loading bn.js: the read-only
 * parts of the SDK (quotes) stay small in a browser bundle (the explorer page's).
 */
import type BN from 'bn.js';
import { ChainError } from '../../chain/errors.ts';

const BASE_UNITS_RE = /^(0|[1-9][0-9]{0,38})$/;
const MAX = (1n << 128n) - 1n;

/** ChainError TX_BAD_PARAMS (naming `field`) if `v` is not 0..2^128-1 base units. */
export function baseUnitsText(v: BN | string, field: string): string {
  if (typeof v === 'string') {
    if (BASE_UNITS_RE.test(v) && BigInt(v) <= MAX) return v;
    throw new ChainError('TX_BAD_PARAMS', `${field}: must be a decimal string of base units, got ${JSON.stringify(v)}`, { field });
  }
  const s = typeof v === 'object' && v !== null && typeof v.toString === 'function' ? v.toString(10) : '';
  if (BASE_UNITS_RE.test(s) && BigInt(s) <= MAX) return s;
  throw new ChainError('TX_BAD_PARAMS', `${field}: must be 0 .. 2^128 - 1 base units`, { field });
}
