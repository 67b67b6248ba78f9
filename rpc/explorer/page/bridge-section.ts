/**
 * Section "Bridge and anchors". On a region: its certificate set, the Hub's latest receipt (the
 * anchored height), the newest aggregate certificates its validators formed (height, signers,
 * weight against the threshold). On the Hub: every registered region with its last anchored
 * height and accepted certificates. Both: the bridge transfers seen in committed txs' `bridge`
 * events. GET /anchors is read again every 5 blocks and after any `anchor` or `bridge` tx.
 */
import type { AnchorsView, CertificateView, RegionView } from '../../api/anchor-schemas.ts';
import type { BlockMessage, TxMessage } from '../../api/schemas.ts';
import { addTransfers, transfersOf, type TransferRow, type TxWithEvents } from '../view/bridge-transfers.ts';
import { coalesced } from '../view/coalesce.ts';
import { formatTokens, groupDigits, shortHash } from '../view/format.ts';
import type { ExplorerContext, Section } from './context.ts';
import { byId, fill, h, keyedList, setText } from './dom.ts';

const REFRESH_BLOCKS = 5;
const LIST = 10;

interface CertRow {
  readonly key: string;
  readonly el: () => HTMLElement;
}

const n = (v: number) => groupDigits(String(v));

function regionCert(c: CertificateView): CertRow {
  return {
    key: `${c.chainId}/${c.height}`,
    el: () =>
      h(
        'li',
        { 'data-testid': 'certificate-row', 'data-height': c.height, 'data-signers': c.signerCount, 'data-weight': c.signedWeight, 'data-threshold': c.threshold },
        h('span', { class: 'bh' }, `height ${n(c.height)}`),
        ` · ${c.signerCount} signers · weight ${c.signedWeight} of threshold ${c.threshold} · block `,
        h('code', { title: c.blockHash }, shortHash(c.blockHash)),
      ),
  };
}

function hubCerts(r: RegionView): CertRow[] {
  return r.certificates.map((c) => ({
    key: `${r.chainId}/${c.height}`,
    el: () =>
      h(
        'li',
        { 'data-testid': 'certificate-row', 'data-region': r.chainId, 'data-height': c.height, 'data-hub-height': c.hubHeight },
        h('span', { class: 'bh' }, `${r.chainId} height ${n(c.height)}`),
        ` · accepted in Hub block ${n(c.hubHeight)} · ${r.validators} validators, threshold ${r.threshold} of ${r.totalWeight} · block `,
        h('code', { title: c.blockHash }, shortHash(c.blockHash)),
      ),
  }));
}

export function bridgeSection(ctx: ExplorerContext): Section & { seen(t: TxWithEvents): void } {
  const facts = byId('anchor-facts');
  const certList = byId('certificate-list');
  const transferList = byId('transfer-list');
  const transferNote = byId('transfer-note');
  const tft = ctx.assets.TFT;
  let transfers: TransferRow[] = [];
  let lastRead = 0;

  if (!ctx.features.bridge) setText(transferNote, 'The bridge is not on this chain (its genesis has no hub section).');

  const fact = (k: string, v: string) => h('div', {}, h('dt', {}, k), h('dd', {}, v));

  const show = (a: AnchorsView): void => {
    if (a.role === 'hub') {
      fill(
        facts,
        fact('role', `the Hub (${a.chainId})`),
        fact('anchor interval', `certificates listed every ${a.anchorInterval} blocks`),
        fact('regions', a.regions.length === 0 ? 'none registered yet' : a.regions.map((r) => `${r.chainId}: anchored height ${n(r.lastHeight)}${r.frozen ? ' (bridge frozen: fork evidence)' : ''}`).join('; ')),
      );
      keyedList(certList, a.regions.flatMap(hubCerts).slice(0, LIST * Math.max(1, a.regions.length)), (c) => c.key, () => '', (c) => c.el());
    } else {
      const set = a.validatorSet;
      const r = a.receipt;
      fill(
        facts,
        fact('role', a.hubChainId === null ? 'a region without a bridge' : `a region of Hub ${a.hubChainId}`),
        fact('anchor interval', `every ${a.anchorInterval} blocks`),
        fact('certificate set', set === null ? '–' : `${set.validators} validators, threshold ${set.threshold} of ${set.totalWeight}`),
        fact('Hub receipt', r === null ? 'none yet' : `height ${n(r.height)} accepted in Hub block ${n(r.hubHeight)}, proven at Hub height ${n(r.provenAtHubHeight)}`),
      );
      keyedList(certList, a.certificates.map(regionCert), (c) => c.key, () => '', (c) => c.el());
    }
    if (certList.children.length === 0) certList.replaceChildren(h('li', { class: 'muted' }, 'No certificates yet.'));
  };

  const renderTransfers = (): void => {
    keyedList(
      transferList,
      transfers,
      (t) => `${t.id}/${t.kind}`,
      () => '',
      (t) =>
        h(
          'li',
          { 'data-testid': 'transfer-row', 'data-transfer-id': t.id, 'data-kind': t.kind, 'data-amount': t.amount, 'data-height': t.height },
          h('span', { class: `status ${t.kind}` }, t.kind),
          ` ${formatTokens(t.amount, tft.decimals, tft.symbol)}${t.otherChain === '' ? '' : ` · ${t.kind === 'withdraw' ? 'to' : t.kind === 'deposit' ? 'to region' : 'from region'} ${t.otherChain}`} · height ${n(t.height)} · id `,
          h('code', { class: 'hash' }, t.id),
        ),
    );
    if (ctx.features.bridge) setText(transferNote, transfers.length === 0 ? 'No bridge transfers seen yet (the page shows those of the blocks it has seen).' : '');
  };

  const refresh = coalesced(async () => {
    lastRead = ctx.height;
    show(await ctx.client.anchors({ limit: LIST }));
  });

  const seen = (t: TxWithEvents): void => {
    const found = transfersOf(t);
    if (found.length === 0) return;
    transfers = addTransfers(transfers, found);
    renderTransfers();
  };

  return {
    seen,
    async start() {
      renderTransfers();
      await refresh();
    },
    block(b: BlockMessage) {
      if (b.height - lastRead >= REFRESH_BLOCKS) void refresh();
    },
    tx(t: TxMessage) {
      seen(t);
      if (t.tx.module === 'anchor' || t.tx.module === 'bridge') void refresh();
    },
    resync() {
      void refresh();
    },
  };
}
