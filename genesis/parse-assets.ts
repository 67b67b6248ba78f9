/**
 * `assets`: TFT (symbol "TFT", exactly 7 decimals, as on Stellar, tfchain and the Hub) and the
 * region's own token (symbol of 2..12 characters A-Z 0-9, not "TFT"; 0..18 decimals).
 */
import type { AssetInfo, GenesisAssets } from './genesis-types.ts';
import type { IssueList } from './genesis-issue.ts';
import { ObjectReader, show, stringMatching, typeName, type Reader } from './value-readers.ts';

export const TFT_SYMBOL = 'TFT';
export const TFT_DECIMALS = 7;
export const REGIONAL_SYMBOL_RE = /^[A-Z0-9]{2,12}$/;
export const REGIONAL_MAX_DECIMALS = 18;

function decimals(min: number, max: number): Reader<number> {
  const allowed = min === max ? `exactly ${min}` : `an integer from ${min} to ${max}`;
  return (value, field, issues) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      issues.add('GENESIS_INVALID_FIELD', field, `must be an integer (${allowed}), got ${typeof value === 'number' ? show(value) : typeName(value)}`);
      return undefined;
    }
    if (value < min || value > max) {
      issues.add('GENESIS_WRONG_DECIMALS', field, `decimals must be ${allowed}, got ${value}`);
      return undefined;
    }
    return value;
  };
}

const tftSymbol = stringMatching(/^TFT$/, '"TFT"');
const regionalSymbol: Reader<string> = (value, field, issues) => {
  const symbol = stringMatching(REGIONAL_SYMBOL_RE, '2 to 12 characters A-Z, 0-9')(value, field, issues);
  if (symbol === TFT_SYMBOL) {
    issues.add('GENESIS_INVALID_FIELD', field, 'the regional token cannot be called "TFT"');
    return undefined;
  }
  return symbol;
};

function asset(symbol: Reader<string>, places: Reader<number>): Reader<AssetInfo> {
  return (value, field, issues) => {
    const r = ObjectReader.open(value, field, issues);
    if (r === undefined) return undefined;
    const s = r.required('symbol', symbol);
    const d = r.required('decimals', places);
    r.rejectUnknown(['symbol', 'decimals']);
    return s === undefined || d === undefined ? undefined : { symbol: s, decimals: d };
  };
}

export function parseAssets(value: unknown, field: string, issues: IssueList): GenesisAssets | undefined {
  const r = ObjectReader.open(value, field, issues);
  if (r === undefined) return undefined;
  const tft = r.required('tft', asset(tftSymbol, decimals(TFT_DECIMALS, TFT_DECIMALS)));
  const regional = r.required('regional', asset(regionalSymbol, decimals(0, REGIONAL_MAX_DECIMALS)));
  r.rejectUnknown(['tft', 'regional']);
  return tft === undefined || regional === undefined ? undefined : { tft, regional };
}

/**
 * The symbols balances may use, as far as they can be read even from a defective `assets` section
 * (so a bad regional symbol does not also turn every balance into an unknown asset).
 */
export function declaredSymbols(assetsValue: unknown): { tft: string; regional: string | undefined } {
  const regional = (assetsValue as { regional?: { symbol?: unknown } } | null | undefined)?.regional?.symbol;
  return { tft: TFT_SYMBOL, regional: typeof regional === 'string' && regional !== TFT_SYMBOL ? regional : undefined };
}
