/** The block list model (REST seed and stream merged in any order) and the validator signer grid. */
import { expect } from 'chai';
import fc from 'fast-check';
import { addBlock, addTx, lastBlockInterval, latestHeight, meanBlockInterval, missingHeights, type BlockRow, type TxRow } from '../../rpc/explorer/view/blocks-model.ts';
import { addCommit, signedPowerShares, signerGrid } from '../../rpc/explorer/view/signer-grid.ts';

const T0 = Date.UTC(2026, 10, 1);
const block = (height: number, txCount = 0) => ({ height, hash: height.toString(16).padStart(64, '0'), time: new Date(T0 + height * 700).toISOString(), proposer: `validator-${height % 3}`, txCount });
const tx = (height: number, index: number, module = 'ledger', command = 'transfer'): TxRow => ({ hash: `${height}-${index}`.padEnd(64, 'f'), height, index, module, command, code: 'OK' });

describe('explorer view: blocks', () => {
  it('newest first, at most the limit, a block added twice kept once with its txs', () => {
    let rows: BlockRow[] = [];
    for (const h of [3, 1, 2, 5, 4]) rows = addBlock(rows, block(h), 3);
    expect(rows.map((r) => r.height)).to.deep.equal([5, 4, 3]);
    rows = addTx(rows, tx(5, 1));
    rows = addTx(rows, tx(5, 0, 'pool', 'swap-exact-in'));
    rows = addTx(rows, tx(5, 1));
    rows = addBlock(rows, block(5, 2), 3);
    expect(rows[0]!.txs.map((t) => `${t.index}:${t.module}/${t.command}`)).to.deep.equal(['0:pool/swap-exact-in', '1:ledger/transfer']);
    expect(rows[0]!.txCount).to.equal(2);
    expect(addTx(rows, tx(1, 0))).to.deep.equal(rows); // its block is not in the list
    expect(latestHeight(rows)).to.equal(5);
    expect(latestHeight([])).to.equal(0);
  });

  it('seeded txs (module unknown) are replaced by their details, by hash', () => {
    let rows = addBlock([], { ...block(9, 1), txs: [{ ...tx(9, 0), module: '', command: '' }] });
    rows = addTx(rows, tx(9, 0, 'dao', 'vote'));
    expect(rows[0]!.txs).to.have.length(1);
    expect(rows[0]!.txs[0]!.module).to.equal('dao');
  });

  it('any arrival order of blocks and txs gives the same list', () => {
    const events = [...[1, 2, 3, 4, 5, 6].map((h) => ({ kind: 'block' as const, h })), ...[[2, 0], [2, 1], [5, 0], [6, 2], [6, 0]].map(([h, i]) => ({ kind: 'tx' as const, h: h!, i: i! }))];
    const apply = (order: typeof events) =>
      order.reduce<BlockRow[]>((rows, e) => (e.kind === 'block' ? addBlock(rows, block(e.h), 10) : addTx(rows, tx(e.h, e.i))), []);
    // Txs arrive after their block (the stream sends a block's message before its txs').
    const valid = (order: typeof events) => order.every((e, k) => e.kind === 'block' || order.slice(0, k).some((b) => b.kind === 'block' && b.h === e.h));
    const reference = apply(events);
    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), (order) => {
        fc.pre(valid(order));
        expect(apply(order)).to.deep.equal(reference);
      }),
    );
  });

  it('block intervals and the heights a gap leaves to read', () => {
    let rows: BlockRow[] = [];
    for (const h of [10, 11, 12, 14]) rows = addBlock(rows, block(h));
    expect(lastBlockInterval(rows)).to.equal(undefined); // 14 does not follow 12
    rows = addBlock(rows, block(13));
    expect(lastBlockInterval(rows)).to.equal(700);
    expect(meanBlockInterval(rows)).to.equal(700);
    expect(meanBlockInterval(rows.slice(0, 1))).to.equal(undefined);
    expect(missingHeights(rows, 16, 8)).to.deep.equal([16, 15, 9]);
    expect(missingHeights([], 3)).to.deep.equal([3, 2, 1]);
    expect(missingHeights([], 0)).to.deep.equal([]);
  });
});

describe('explorer view: signer grid', () => {
  const validators = [2, 0, 1].map((index) => ({ index, name: `v${index}`, power: index + 1 }));

  it('one strip per validator over the newest blocks, oldest first', () => {
    let commits = new Map<number, readonly number[]>();
    commits = addCommit(commits, 11, [0, 1, 2]);
    commits = addCommit(commits, 10, [0, 2]);
    commits = addCommit(commits, 12, [1]);
    const g = signerGrid(validators, commits, 20);
    expect(g.heights).to.deep.equal([10, 11, 12]);
    expect(g.cells.map((c) => [c.index, c.marks, c.signed])).to.deep.equal([
      [0, [true, true, false], 2],
      [1, [false, true, true], 2],
      [2, [true, true, false], 2],
    ]);
    expect(signedPowerShares(g)).to.deep.equal([4 / 6, 1, 2 / 6]);
    expect(signerGrid(validators, commits, 2).heights).to.deep.equal([11, 12]);
  });

  it('keeps the newest commits only; an empty grid has no columns', () => {
    let commits = new Map<number, readonly number[]>();
    for (let h = 1; h <= 30; h++) commits = addCommit(commits, h, [0], 20);
    expect([...commits.keys()].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 11));
    const empty = signerGrid(validators, new Map());
    expect(empty.heights).to.deep.equal([]);
    expect(empty.cells.every((c) => c.marks.length === 0 && c.signed === 0)).to.equal(true);
    expect(signedPowerShares(signerGrid([], commits))).to.deep.equal(Array(20).fill(0));
  });
});
