/**
 * Section "Chain": the height (live, announced politely to screen readers), the last block time,
 * the height anchored on the Hub, and the latest blocks with their txs (hash, module/command,
 * result). Seeded from GET /blocks/:height and GET /txs/:hash, then fed by the /events stream;
 * after a reconnection the blocks missed are read back. Keeps the context's height and mean block
 * interval current for the other sections.
 */
import type { BlockMessage, BlockView, TxMessage } from '../../api/schemas.ts';
import { addBlock, addTx, lastBlockInterval, meanBlockInterval, missingHeights, type BlockRow, type TxRow } from '../view/blocks-model.ts';
import { coalesced, mapLimited } from '../view/coalesce.ts';
import { formatBlockTime, groupDigits } from '../view/format.ts';
import type { TxWithEvents } from '../view/bridge-transfers.ts';
import type { BlockCache } from './block-cache.ts';
import type { ExplorerContext, Section } from './context.ts';
import { byId, h, keyedList, setData, setText, timeEl } from './dom.ts';

/** Txs shown per block (the rest are counted). */
const TXS_SHOWN = 25;
/** Tx details read at start (newest blocks first). */
const SEED_TX_READS = 100;

function txRowOf(t: TxMessage): TxRow {
  return { hash: t.hash, height: t.height, index: t.index, module: t.tx.module, command: t.tx.command, code: t.code };
}

function renderTx(t: TxRow): HTMLElement {
  const what = t.module === '' ? 'tx' : `${t.module}/${t.command}`;
  return h(
    'li',
    { 'data-testid': 'tx-row', 'data-hash': t.hash, 'data-code': t.code, class: 'tx' },
    h('code', { class: 'cmd' }, what),
    ' ',
    h('code', { class: 'hash', title: t.hash }, t.hash),
    ' ',
    h('span', { class: t.code === 'OK' ? 'code ok' : 'code failed' }, t.code),
  );
}

/** "12 × farming/report-uptime, 1 × ledger/transfer": the block's known txs by command, most first. */
function commandSummary(txs: readonly TxRow[]): string {
  const counts = new Map<string, number>();
  for (const t of txs) if (t.module !== '') counts.set(`${t.module}/${t.command}`, (counts.get(`${t.module}/${t.command}`) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([cmd, n]) => `${n} × ${cmd}`)
    .join(', ');
}

function renderBlock(b: BlockRow): HTMLElement {
  const shown = b.txs.slice(0, TXS_SHOWN);
  const more = b.txCount - shown.length;
  const summary = commandSummary(b.txs);
  return h(
    'li',
    { 'data-testid': 'block-row', 'data-height': b.height, 'data-hash': b.hash, class: 'block' },
    h(
      'div',
      { class: 'block-head' },
      h('span', { class: 'bh' }, `#${groupDigits(String(b.height))}`),
      ' ',
      timeEl(b.time),
      ' ',
      h('span', { class: 'muted' }, `${b.txCount} tx${b.txCount === 1 ? '' : 's'}`),
      ' ',
      h('span', { class: 'muted' }, 'proposer '),
      h('span', { class: 'proposer' }, b.proposer),
    ),
    summary === '' || b.txCount < 2 ? null : h('p', { class: 'muted summary' }, summary),
    // A long list scrolls inside its block (keyboard: focusable), so ten busy blocks stay readable.
    shown.length === 0 ? null : h('ul', { class: 'txs', ...(shown.length > 5 && { tabindex: 0, 'aria-label': `txs of block ${b.height}` }) }, ...shown.map(renderTx)),
    more > 0 ? h('p', { class: 'muted more' }, `${more} more tx${more === 1 ? '' : 's'} not shown`) : null,
  );
}

/** `seedTx`: each committed tx read at start or on catching up (its events feed the bridge section). */
export function chainSection(ctx: ExplorerContext, blocks: BlockCache, seedTx: (t: TxWithEvents) => void = () => undefined): Section {
  const heightEl = byId('chain-height');
  const blockTimeEl = byId('block-time');
  const anchorEl = byId('anchor-height');
  const list = byId('block-list');
  let rows: BlockRow[] = [];

  const render = (): void => {
    const tip = rows[0];
    if (tip !== undefined && tip.height >= ctx.height) {
      ctx.height = tip.height;
      setText(heightEl, String(tip.height));
      setData(heightEl, 'height', String(tip.height));
    }
    ctx.meanBlockMs = meanBlockInterval(rows) ?? ctx.meanBlockMs;
    const interval = lastBlockInterval(rows);
    if (interval !== undefined) setText(blockTimeEl, formatBlockTime(interval));
    keyedList(list, rows, (b) => String(b.height), (b) => `${b.hash}:${b.txs.length}:${b.txs.map((t) => t.module).join()}`, renderBlock);
  };

  const showAnchored = (height: number | null): void => {
    if (ctx.features.role === 'hub') {
      setText(anchorEl, 'this is the Hub');
      setData(anchorEl, 'height', '');
      return;
    }
    if (height === null) {
      if (anchorEl.dataset['height'] === undefined || anchorEl.dataset['height'] === '') setText(anchorEl, 'none yet');
      setData(anchorEl, 'height', '');
      return;
    }
    const known = Number(anchorEl.dataset['height'] || '0');
    if (height < known) return;
    setText(anchorEl, String(height));
    setData(anchorEl, 'height', String(height));
  };

  const blockRowOf = (v: BlockView): BlockRow => ({
    height: v.height,
    hash: v.hash,
    time: v.header.time,
    proposer: v.header.proposerName || v.header.proposer.slice(0, 12),
    txCount: v.txs.length,
    txs: v.txs.map((t, index) => ({ hash: t.hash, height: v.height, index, module: '', command: '', code: t.code })),
  });

  /** Reads the latest blocks the list lacks up to `tip`, then their txs' module and command. */
  const fill = async (tip: number): Promise<void> => {
    const heights = missingHeights(rows, tip);
    const views = await mapLimited(heights, 4, (height) => blocks.get(height));
    for (const v of views) if (v !== undefined) rows = addBlock(rows, blockRowOf(v));
    render();
    const unknown = rows.flatMap((b) => b.txs.filter((t) => t.module === '')).slice(0, SEED_TX_READS);
    const txs = await mapLimited(unknown, 4, (t) => ctx.client.tx(t.hash));
    txs.forEach((v, i) => {
      const t = unknown[i]!;
      if (v === undefined) return;
      rows = addTx(rows, { ...t, module: v.tx.module, command: v.tx.command, code: v.code ?? t.code });
      seedTx({ hash: v.hash, height: v.height ?? t.height, code: v.code ?? t.code, events: v.events ?? [] });
    });
    render();
  };

  const catchUp = coalesced(async () => {
    const s = await ctx.client.status();
    showAnchored(s.anchoredHeight);
    await fill(s.height);
  });

  return {
    async start() {
      showAnchored(ctx.status.anchoredHeight);
      if (ctx.status.height > 0) setText(heightEl, String(ctx.status.height));
      await fill(ctx.status.height);
    },
    block(b: BlockMessage) {
      const gap = rows.length > 0 && b.height > (rows[0]?.height ?? 0) + 1;
      rows = addBlock(rows, { height: b.height, hash: b.hash, time: b.time, proposer: b.proposer, txCount: b.txs });
      render();
      if (gap) void catchUp();
    },
    tx(t: TxMessage) {
      rows = addTx(rows, txRowOf(t));
      render();
      for (const e of t.events) {
        if (e.module === 'bridge' && e.name === 'receipt' && typeof e.data['height'] === 'number') showAnchored(e.data['height']);
      }
    },
    resync() {
      void catchUp();
    },
  };
}
