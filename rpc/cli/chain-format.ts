/**
 * Text output of the chain commands: aligned `label  value` lines, amounts in whole tokens with
 * their symbol ("12.5 TFT", decimals and symbols from GET /status), never floats.
 */
import type { AccountView, BlockView, EventView, Status, TxView } from '../api/schemas.ts';
import { assetIdOf, assetInfo, formatAmount, type AssetId } from '../client/amounts.ts';

const WIDTH = 16;

export function lines(rows: ReadonlyArray<readonly [string, string]>): string {
  return rows.map(([label, value]) => `${label.padEnd(WIDTH)}${value}\n`).join('');
}

export function amountText(status: Status, asset: AssetId, baseUnits: string): string {
  const a = assetInfo(status, asset);
  return formatAmount(baseUnits, a.decimals, a.symbol);
}

export function statusText(s: Status): string {
  return lines([
    ['chain id', `${s.chainId} (region ${s.region})`],
    ['height', `${s.height}${s.round > 0 ? ` (deciding the next in round ${s.round})` : ''}`],
    ['latest block', s.latestBlockHash],
    ['block time', s.latestBlockTime],
    ['state root', s.stateRoot],
    ['validators', String(s.validators)],
    ['anchored', s.anchoredHeight === null ? 'not yet' : `height ${s.anchoredHeight}`],
    ['mempool', `${s.mempoolSize} tx${s.mempoolSize === 1 ? '' : 's'}`],
    ['min fee', amountText(s, 'REGIONAL', s.minFee)],
    ['assets', s.assets.map((a) => `${a.symbol} (${a.decimals} decimals)`).join(', ')],
    ['address prefix', s.addressPrefix],
    ['node version', s.nodeVersion],
  ]);
}

export function accountText(a: AccountView, s: Status): string {
  const pending = a.pendingNonce - a.nonce;
  return lines([
    ['address', a.address],
    ['height', String(a.height)],
    ['nonce', `${a.nonce}${pending > 0 ? ` (${pending} pending; the next tx uses ${a.pendingNonce})` : ''}`],
    ['balance', amountText(s, 'TFT', a.balances.TFT)],
    ['', amountText(s, 'REGIONAL', a.balances.REGIONAL)],
  ]);
}

const FIRST_KEYS = ['from', 'to'];
const rank = (k: string): number => (FIRST_KEYS.includes(k) ? FIRST_KEYS.indexOf(k) - FIRST_KEYS.length : 0);

/** Events whose amounts are always in one asset: fees are paid in the regional token (ledger-module.ts). */
const EVENT_ASSETS: Readonly<Record<string, AssetId>> = { 'ledger/fee': 'REGIONAL' };

/**
 * `module/name key=value ...` for people: an `amount` in tokens with its symbol, taken from the
 * event's `asset` field (then left out) or from EVENT_ASSETS; everything else as it is.
 */
export function eventText(e: EventView, s: Status): string {
  const named = typeof e.data['asset'] === 'string' ? assetIdOf(s, e.data['asset']) : undefined;
  const asset = named ?? EVENT_ASSETS[`${e.module}/${e.name}`];
  const amount = e.data['amount'];
  const humanAmount = asset !== undefined && typeof amount === 'string' && /^(0|[1-9][0-9]{0,38})$/.test(amount);
  // Stored events come back in canonical CBOR key order; people read "from" and "to" first.
  const entries = Object.entries(e.data).sort(([a], [b]) => rank(a) - rank(b));
  const fields = entries.flatMap(([k, v]) => {
    if (humanAmount && k === 'asset' && named !== undefined) return [];
    if (humanAmount && k === 'amount') return [`amount=${amountText(s, asset, String(v))}`];
    return [`${k}=${String(v)}`];
  });
  return [`${e.module}/${e.name}`, ...fields].join(' ');
}

export function txStatusText(t: TxView): string {
  return t.status === 'committed' ? `committed in block ${t.height ?? '?'} (index ${t.index ?? '?'})` : 'pending (in the mempool)';
}

export function resultText(code: string): string {
  return code === 'OK' ? 'OK' : `${code} (failed: its fee and nonce were charged, nothing else happened)`;
}

export function txText(t: TxView, s: Status): string {
  const rows: Array<[string, string]> = [
    ['tx', t.hash],
    ['status', txStatusText(t)],
  ];
  if (t.code !== undefined) rows.push(['result', resultText(t.code)]);
  rows.push(
    ['call', `${t.tx.module}/${t.tx.command}`],
    ['sender', t.tx.sender],
    ['nonce', String(t.tx.nonce)],
    ['fee', amountText(s, 'REGIONAL', t.tx.fee)],
    ['expiry', `height ${t.tx.expiry}`],
  );
  for (const e of t.events ?? []) rows.push(['event', eventText(e, s)]);
  return lines(rows);
}

export function blockLine(b: BlockView): string {
  const proposer = b.header.proposerName === '' ? b.header.proposer.slice(0, 16) : b.header.proposerName;
  const failed = b.txs.filter((t) => t.code !== 'OK').length;
  const txs = `txs ${b.txs.length}${failed > 0 ? ` (${failed} failed)` : ''}`;
  return `height ${b.height}  ${b.header.time}  ${txs}  proposer ${proposer}  hash ${b.hash}\n`;
}
