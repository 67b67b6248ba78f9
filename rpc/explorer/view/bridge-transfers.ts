/**
 * Bridge transfers the page has seen: the `bridge` events of committed txs. On the Hub a TFT
 * `deposit` locks TFT for a region and a `release` pays a region's withdrawal; on a region a
 * `withdraw` burns TFT for the Hub and a `claim` pays a Hub deposit. Newest first, one row per
 * (transfer id, event): a deposit and its claim live on two chains, so one page shows one of them.
 */

export const BRIDGE_EVENTS = ['deposit', 'withdraw', 'claim', 'release'] as const;
export type BridgeEventName = (typeof BRIDGE_EVENTS)[number];

/** The part of a tx message (GET /events, GET /txs/:hash) this reads. */
export interface TxWithEvents {
  readonly hash: string;
  readonly height: number;
  readonly code: string;
  readonly events: readonly { readonly module: string; readonly name: string; readonly data: Readonly<Record<string, string | number | boolean>> }[];
}

export interface TransferRow {
  /** 64 hex. */
  readonly id: string;
  readonly kind: BridgeEventName;
  /** TFT base units. */
  readonly amount: string;
  readonly height: number;
  readonly txHash: string;
  /** The other chain: the region (deposit, release) or the Hub (withdraw); "" when the event does not name it (claim). */
  readonly otherChain: string;
  /** 20 address bytes, hex, on the paying chain. */
  readonly recipient: string;
}

export const MAX_TRANSFER_ROWS = 20;

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The bridge transfers a committed tx made (none for a failed tx: its events are rolled back). */
export function transfersOf(tx: TxWithEvents): TransferRow[] {
  if (tx.code !== 'OK') return [];
  const out: TransferRow[] = [];
  for (const e of tx.events) {
    if (e.module !== 'bridge' || !(BRIDGE_EVENTS as readonly string[]).includes(e.name)) continue;
    const id = str(e.data['id']);
    if (!/^[0-9a-f]{64}$/.test(id)) continue;
    out.push({
      id,
      kind: e.name as BridgeEventName,
      amount: str(e.data['amount']) || '0',
      height: tx.height,
      txHash: tx.hash,
      otherChain: str(e.data['region']) || str(e.data['hub']),
      recipient: str(e.data['recipient']),
    });
  }
  return out;
}

/** Adds rows (a row already there, same id and kind, is kept once), newest first, at most `max`. */
export function addTransfers(rows: readonly TransferRow[], added: readonly TransferRow[], max = MAX_TRANSFER_ROWS): TransferRow[] {
  const key = (r: TransferRow) => `${r.id}/${r.kind}`;
  const byKey = new Map<string, TransferRow>();
  for (const r of [...rows, ...added]) byKey.set(key(r), r);
  return [...byKey.values()].sort((a, b) => b.height - a.height || a.id.localeCompare(b.id)).slice(0, max);
}
