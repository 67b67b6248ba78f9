/**
 * Section "Validators": one cell per validator (99 on the testnet) with its power and a strip of
 * the latest blocks, filled where its precommit is in that block's commit. Block h's commit is
 * block h+1's `lastCommit` (GET /blocks/:height, what the chain agreed on), so the newest column
 * is the block before the tip. GET /validators gives names, power and the count over its 100-block
 * window, re-read every 20 blocks.
 */
import type { BlockMessage, ValidatorsView } from '../../api/schemas.ts';
import { coalesced, mapLimited } from '../view/coalesce.ts';
import { groupDigits } from '../view/format.ts';
import { addCommit, DEFAULT_GRID_BLOCKS, signerGrid, type GridCell, type ValidatorInfo } from '../view/signer-grid.ts';
import type { BlockCache } from './block-cache.ts';
import type { ExplorerContext, Section } from './context.ts';
import { byId, h, keyedList, setText } from './dom.ts';

const WINDOW_REFRESH_BLOCKS = 20;

function renderCell(c: GridCell, columns: number, window: number): HTMLElement {
  const label = `${c.name}, power ${c.power}: signed ${c.signed} of the latest ${columns} blocks${c.signedWindow === undefined ? '' : `, ${c.signedWindow} of the last ${window}`}`;
  const strip = h('span', { class: 'strip', 'aria-hidden': 'true' });
  // Constant markup only (no chain data): one mark per block.
  strip.innerHTML = c.marks.map((m) => (m ? '<i class="s"></i>' : '<i></i>')).join('');
  return h(
    'li',
    {
      'data-testid': 'validator-cell',
      'data-index': c.index,
      'data-name': c.name,
      'data-power': c.power,
      'data-signed': c.signed,
      class: c.marks.length > 0 && c.marks[c.marks.length - 1] === false ? 'vcell missed' : 'vcell',
      title: label,
      'aria-label': label,
    },
    h('span', { class: 'vname' }, c.name),
    h('span', { class: 'vpow' }, `power ${c.power}`),
    strip,
  );
}

export function validatorsSection(ctx: ExplorerContext, blocks: BlockCache): Section {
  const grid = byId('validator-grid');
  const caption = byId('validator-caption');
  let validators: ValidatorInfo[] = [];
  let window = 0;
  let commits = new Map<number, readonly number[]>();
  const pending = new Set<number>();
  let lastWindowRead = 0;

  const render = (): void => {
    const model = signerGrid(validators, commits, DEFAULT_GRID_BLOCKS);
    const cols = model.heights.length;
    const first = model.heights[0];
    const last = model.heights[cols - 1];
    if (first !== undefined && last !== undefined) {
      const newest = commits.get(last) ?? [];
      const signedPower = model.cells.reduce((s, c) => s + (c.marks[cols - 1] === true ? c.power : 0), 0);
      const totalPower = model.cells.reduce((s, c) => s + c.power, 0);
      setText(
        caption,
        `${validators.length} validators. Each strip shows blocks ${groupDigits(String(first))} to ${groupDigits(String(last))}, oldest first; a filled mark means the validator's precommit is in that block's commit. Block ${groupDigits(String(last))}: ${newest.length} of ${validators.length} signed (power ${signedPower} of ${totalPower}).`,
      );
    }
    keyedList(grid, model.cells, (c) => String(c.index), (c) => `${c.marks.map((m) => (m ? 1 : 0)).join('')}:${c.power}:${c.signedWindow ?? ''}`, (c) => renderCell(c, cols, window));
  };

  const readValidators = async (): Promise<void> => {
    const v: ValidatorsView = await ctx.client.validators();
    validators = v.validators.map((x) => ({ index: x.index, name: x.name, power: x.power, signedWindow: x.signed }));
    window = v.window;
    lastWindowRead = v.height;
    render();
  };
  const refreshWindow = coalesced(readValidators);

  /** The commits of the pending heights' blocks. */
  const readCommits = coalesced(async () => {
    const heights = [...pending].sort((a, b) => a - b);
    pending.clear();
    const views = await mapLimited(heights, 4, (height) => blocks.get(height));
    for (const v of views) {
      const c = v?.lastCommit;
      if (c !== null && c !== undefined) commits = addCommit(commits, c.height, c.signers.map((s) => s.index));
    }
    render();
  });

  return {
    async start() {
      await readValidators();
      const tip = ctx.status.height;
      for (let hgt = Math.max(2, tip - DEFAULT_GRID_BLOCKS + 1); hgt <= tip; hgt++) pending.add(hgt);
      await readCommits();
    },
    block(b: BlockMessage) {
      pending.add(b.height);
      void readCommits();
      if (b.height - lastWindowRead >= WINDOW_REFRESH_BLOCKS) {
        lastWindowRead = b.height;
        void refreshWindow();
      }
    },
    resync() {
      for (let hgt = Math.max(2, ctx.height - DEFAULT_GRID_BLOCKS + 1); hgt <= ctx.height; hgt++) if (!commits.has(hgt - 1)) pending.add(hgt);
      void readCommits();
    },
  };
}
