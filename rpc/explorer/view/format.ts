/**
 * Text of the explorer page: amounts in tokens from base units (BigInt, never floats), the
 * reverse for the quote form's input, short hashes, shares, durations and prices. Pure and
 * browser-safe (no DOM, no BN: the page stays small).
 */

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/** 1234567 -> "1,234,567". */
export function groupDigits(digits: string): string {
  return digits.replace(GROUP, ',');
}

/**
 * Base units (a decimal string or bigint) in whole tokens: 125000000 at 7 decimals -> "12.5";
 * the integer part grouped by thousands, trailing zeros of the fraction dropped.
 */
export function formatUnits(base: string | bigint, decimals: number): string {
  const v = typeof base === 'bigint' ? base : BigInt(base);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const unit = 10n ** BigInt(decimals);
  const whole = groupDigits((abs / unit).toString());
  const frac = decimals === 0 ? '' : (abs % unit).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac === '' ? '' : `.${frac}`}`;
}

/** formatUnits with the symbol: "12.5 TFT". */
export function formatTokens(base: string | bigint, decimals: number, symbol: string): string {
  return `${formatUnits(base, decimals)} ${symbol}`;
}

/**
 * Whole tokens typed by a person ("12.5", "0.0000001", " 3 ") in base units; undefined when it is
 * not a plain non-negative decimal or has more fraction digits than the asset.
 */
export function parseTokens(text: string, decimals: number): bigint | undefined {
  const m = /^\s*(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (m === null) return undefined;
  const whole = m[1] ?? '';
  const frac = m[2] ?? '';
  if (whole === '' && frac === '') return undefined;
  if (frac.length > decimals) return undefined;
  return BigInt(whole === '' ? '0' : whole) * 10n ** BigInt(decimals) + BigInt(frac === '' ? '0' : frac.padEnd(decimals, '0'));
}

/** "3f93fa3e…a64008": the first and last `n` hex digits. */
export function shortHash(hex: string, n = 8): string {
  return hex.length <= 2 * n + 1 ? hex : `${hex.slice(0, n)}…${hex.slice(-n)}`;
}

/** A fraction given in units of 1/`scale` as a percentage with at most `digits` decimals: (334, 1000) -> "33.4%". */
export function formatPercent(value: number, scale: number, digits = 2): string {
  if (scale <= 0) return '0%';
  const pct = (value * 100) / scale;
  return `${Number(pct.toFixed(digits)).toString()}%`;
}

/** Permille (334) -> "33.4%". */
export const formatPermille = (permille: number): string => formatPercent(permille, 1000, 1);

/** Basis points (30) -> "0.3%". */
export const formatBps = (bps: number): string => formatPercent(bps, 10_000, 2);

/** Seconds as "45 s", "3 min 5 s", "2 h 4 min", "3 d 4 h". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return m === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${m} min`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return h === 0 ? `${Math.floor(s / 86_400)} d` : `${Math.floor(s / 86_400)} d ${h} h`;
}

/** Milliseconds between blocks as "0.66 s" (two decimals below 10 s, one above). */
export function formatBlockTime(ms: number): string {
  const s = ms / 1000;
  return `${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}

/**
 * A price (a decimal string of up to 18 significant digits) for reading: `significant` digits,
 * trailing zeros dropped ("3.99880071964010795" -> "3.998801"), every integer digit kept; very
 * large (1e15 and up) or small (below 1e-9) in exponent form.
 */
export function formatPrice(decimal: string, significant = 7): string {
  const n = Number(decimal);
  if (!Number.isFinite(n)) return decimal;
  if (n === 0) return '0';
  if (n >= 1e15 || n < 1e-9) return n.toExponential(significant - 1).replace(/\.?0+e/, 'e');
  // Integer digits are never rounded away: a large price keeps them all.
  if (n >= 10 ** significant) return String(Math.round(n));
  const fixed = n.toPrecision(significant);
  return fixed.includes('e') ? String(Number(fixed)) : fixed.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/** Milli-units of vote weight (1500) as units ("1.5"). */
export function formatWeight(milli: number): string {
  return formatUnits(BigInt(milli), 3);
}
