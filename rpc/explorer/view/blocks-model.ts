/**
 * The latest blocks as the page shows them, newest first, each with its txs in block order:
 * merged from the REST seed (GET /blocks/:height, GET /txs/:hash) and the /events stream in
 * whatever order they arrive, without duplicates. Immutable: every change returns a new list.
 */

export interface TxRow {
  readonly hash: string;
  readonly height: number;
  readonly index: number;
  readonly module: string;
  readonly command: string;
  /** OK or the failure code. */
  readonly code: string;
}

export interface BlockRow {
  readonly height: number;
  readonly hash: string;
  /** RFC 3339, from the header. */
  readonly time: string;
  readonly proposer: string;
  /** Txs in the block (all of them, even those not loaded into `txs`). */
  readonly txCount: number;
  readonly txs: readonly TxRow[];
}

export const DEFAULT_BLOCK_ROWS = 10;

/** Adds or replaces a block (its known txs kept), newest first, at most `limit` rows. */
export function addBlock(rows: readonly BlockRow[], block: Omit<BlockRow, 'txs'> & { readonly txs?: readonly TxRow[] }, limit = DEFAULT_BLOCK_ROWS): BlockRow[] {
  const old = rows.find((r) => r.height === block.height);
  const txs = mergeTxs(old?.txs ?? [], block.txs ?? []);
  const row: BlockRow = { height: block.height, hash: block.hash, time: block.time, proposer: block.proposer, txCount: block.txCount, txs };
  return [row, ...rows.filter((r) => r.height !== block.height)].sort((a, b) => b.height - a.height).slice(0, limit);
}

function mergeTxs(a: readonly TxRow[], b: readonly TxRow[]): TxRow[] {
  const byHash = new Map<string, TxRow>();
  for (const t of [...a, ...b]) byHash.set(t.hash, t);
  return [...byHash.values()].sort((x, y) => x.index - y.index);
}

/** Attaches a tx to its block; a tx of a block not in the list (yet, or any more) is dropped. */
export function addTx(rows: readonly BlockRow[], tx: TxRow): BlockRow[] {
  return rows.map((r) => (r.height === tx.height ? { ...r, txs: mergeTxs(r.txs, [tx]) } : r));
}

/** The latest height in the list, 0 when empty. */
export function latestHeight(rows: readonly BlockRow[]): number {
  return rows[0]?.height ?? 0;
}

/** Milliseconds between the two latest blocks of the list (consecutive heights only). */
export function lastBlockInterval(rows: readonly BlockRow[]): number | undefined {
  const [a, b] = rows;
  if (a === undefined || b === undefined || a.height !== b.height + 1) return undefined;
  return Date.parse(a.time) - Date.parse(b.time);
}

/** Mean milliseconds per block over the list (its newest and oldest header times), undefined below 2 blocks. */
export function meanBlockInterval(rows: readonly BlockRow[]): number | undefined {
  if (rows.length < 2) return undefined;
  const newest = rows[0]!;
  const oldest = rows[rows.length - 1]!;
  const blocks = newest.height - oldest.height;
  return blocks <= 0 ? undefined : (Date.parse(newest.time) - Date.parse(oldest.time)) / blocks;
}

/**
 * Heights to fetch so the latest `limit` blocks up to `tip` are all in the list (newest first),
 * e.g. at start or after the event stream reconnected.
 */
export function missingHeights(rows: readonly BlockRow[], tip: number, limit = DEFAULT_BLOCK_ROWS): number[] {
  const known = new Set(rows.map((r) => r.height));
  const out: number[] = [];
  for (let h = tip; h >= 1 && h > tip - limit; h--) if (!known.has(h)) out.push(h);
  return out;
}
