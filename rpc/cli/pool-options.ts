/** Options of the pool commands: --slippage (a percentage), --deadline (blocks), amounts in tokens. */
import { InvalidArgumentError } from 'commander';
import type { Status } from '../api/schemas.ts';
import { assetIdOf, assetInfo, parseHumanAmount, type AssetId } from '../client/amounts.ts';
import { CliError } from './cli-errors.ts';

/** "0.5%" or "0.5" (percent, at most 2 decimals, at most 100) to basis points. */
export function slippageOption(value: string): number {
  const m = /^([0-9]{1,3})(?:\.([0-9]{1,2}))?%?$/.exec(value);
  const bps = m === null ? NaN : Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!(bps >= 0 && bps <= 10_000)) throw new InvalidArgumentError('must be a percentage from 0 to 100 with at most 2 decimals, e.g. 0.5%.');
  return bps;
}

/** Basis points as a percentage for people: 50 -> "0.5%". */
export function bpsText(bps: number): string {
  const whole = Math.floor(bps / 100);
  const frac = String(bps % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac === '' ? '' : `.${frac}`}%`;
}

/** A human amount of `asset` ("12.5") to base units; CLI_USAGE naming `option` if malformed. */
export function tokensToBase(text: string, status: Status, asset: AssetId, option: string): string {
  const { decimals, symbol } = assetInfo(status, asset);
  const v = parseHumanAmount(text, decimals);
  if (v === undefined) throw new CliError('CLI_USAGE', `${option} wants an amount of ${symbol} like 12.5 (at most ${decimals} decimals), got ${JSON.stringify(text)}`);
  return v.toString(10);
}

export function assetOption(status: Status, name: string, option: string): AssetId {
  const asset = assetIdOf(status, name);
  if (asset === undefined) throw new CliError('CLI_USAGE', `${option} wants TFT, ${assetInfo(status, 'REGIONAL').symbol} or REGIONAL, got ${JSON.stringify(name)}`);
  return asset;
}

export const otherAsset = (a: AssetId): AssetId => (a === 'TFT' ? 'REGIONAL' : 'TFT');
