/**
 * `num / den` as a decimal string, truncated (never rounded up) to `digits` significant digits,
 * with integer math only: prices for people, exact to the digits shown. The integer part is always
 * complete, so a ratio of 10^20 shows all its 21 digits.
 */
import BN from 'bn.js';

export const PRICE_DIGITS = 18;
const TEN = new BN(10);

export function ratioDecimal(num: BN, den: BN, digits = PRICE_DIGITS): string {
  if (den.isZero()) throw new RangeError('ratioDecimal: zero denominator');
  if (num.isNeg() || den.isNeg()) throw new RangeError('ratioDecimal: negative operand');
  if (num.isZero()) return '0';
  const whole = num.div(den);
  const wholeDigits = whole.isZero() ? 0 : whole.toString(10).length;
  let scale: number;
  if (wholeDigits >= digits) return whole.toString(10);
  if (wholeDigits > 0) scale = digits - wholeDigits;
  else {
    // num < den: the first significant digit is at 10^-k with k = digits(den) - digits(num) or one more.
    scale = digits + den.toString(10).length - num.toString(10).length - 1;
    if (num.mul(TEN.pow(new BN(scale))).div(den).toString(10).length < digits) scale += 1;
  }
  const q = num.mul(TEN.pow(new BN(scale))).div(den).toString(10).padStart(scale + 1, '0');
  const intPart = q.slice(0, q.length - scale);
  const frac = q.slice(q.length - scale).replace(/0+$/, '');
  return frac === '' ? intPart : `${intPart}.${frac}`;
}
