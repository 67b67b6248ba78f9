/**
 * Amounts are bn.js integers in base units, never floats. This is the one place that parses,
 * formats and encodes them. Only non-mutating BN methods are used anywhere in the chain.
 * A balance or amount never exceeds 2^128 - 1 (tfchain's u128).
 */
import BN from 'bn.js';
import type { CborValue } from './codec/cbor.ts';
import { ChainError } from './errors.ts';

export { BN };

export const MAX_AMOUNT: BN = new BN(1).shln(128).subn(1);
export const MAX_AMOUNT_BYTES = 16;
export const ZERO: BN = new BN(0);

const BASE_UNITS_RE = /^(0|[1-9][0-9]{0,38})$/;

/** Parses a decimal string of base units ("0", "125000000"); undefined for anything else. */
export function parseBaseUnits(s: string): BN | undefined {
  if (!BASE_UNITS_RE.test(s)) return undefined;
  const v = new BN(s, 10);
  return v.lte(MAX_AMOUNT) ? v : undefined;
}

export function formatBaseUnits(v: BN): string {
  return v.toString(10);
}

/** Parses a human amount ("12.5") with at most `decimals` fraction digits into base units. */
export function parseHumanAmount(s: string, decimals: number): BN | undefined {
  const m = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?$/.exec(s);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  if (frac.length > decimals) return undefined;
  const digits = (m[1] ?? '0') + frac.padEnd(decimals, '0');
  return parseBaseUnits(digits.replace(/^0+(?=\d)/, ''));
}

/** Formats base units for people: "12.5" for 125000000 at 7 decimals (no trailing zeros). */
export function formatHumanAmount(v: BN, decimals: number): string {
  const s = v.toString(10).padStart(decimals + 1, '0');
  const whole = s.slice(0, s.length - decimals);
  const frac = s.slice(s.length - decimals).replace(/0+$/, '');
  return frac.length > 0 ? `${whole}.${frac}` : whole;
}

/** Canonical bytes of an amount: minimal big-endian, zero is the empty string. */
export function amountToBytes(v: BN): Uint8Array {
  if (v.isNeg() || v.gt(MAX_AMOUNT)) throw new RangeError('amount out of range');
  if (v.isZero()) return new Uint8Array(0);
  return new Uint8Array(v.toArray('be'));
}

export function readAmount(v: CborValue | undefined, path: string): BN {
  if (!(v instanceof Uint8Array) || v.length > MAX_AMOUNT_BYTES || (v.length > 0 && v[0] === 0)) {
    throw new ChainError('CODEC_WRONG_TYPE', `${path}: expected an amount (minimal big-endian, at most 16 bytes)`, { field: path });
  }
  return v.length === 0 ? ZERO : new BN(v);
}
