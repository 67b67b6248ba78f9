/**
 * serveRange, the answer to a sync request: stored blocks from `from`, clamped to the tip and to
 * SYNC_RANGE_BLOCKS, cut by size, with the commit of the last one.
 */
import { expect } from 'chai';
import { blockHash, encodeBlock } from '../../../chain/block/block-codec.ts';
import { buildBlock } from '../../../chain/block/build-block.ts';
import type { ChainStore } from '../../../chain/block/chain-store.ts';
import { encodeCommit } from '../../../chain/consensus/message-codec.ts';
import { applyBlock } from '../../../chain/execution/apply-block.ts';
import { SYNC_RANGE_BLOCKS } from '../../../chain/node/sync/block-source.ts';
import { serveRange } from '../../../chain/node/sync/serve-range.ts';
import { verifyRange } from '../../../chain/node/sync/verify-range.ts';
import { expectCode } from '../../fixtures/expect-code.ts';
import { buildSyncChain, commitOfBlock, extendChain, openSyncStore, syncChainContext, syncGenesis, syncValidatorKeys } from '../../fixtures/synced-chain.ts';

const chain = syncChainContext();

describe('sync: serveRange', () => {
  let store: ChainStore;

  before(async () => {
    store = await buildSyncChain({ blocks: SYNC_RANGE_BLOCKS + 44, transfersEvery: 3, chain });
  });

  it('serves `count` blocks from `from`, with the stored commit of the last', async () => {
    const range = await serveRange(store, 10, 5);
    expect(range.blocks.map((b) => b.header.height)).to.deep.equal([10, 11, 12, 13, 14]);
    expect(encodeCommit(range.commit!)).to.deep.equal(encodeCommit((await store.blocks.commit(14))!));
    expect(range.commit!.blockHash).to.deep.equal(blockHash(range.blocks[4]!.header));
  });

  it('stops at its tip', async () => {
    const tip = store.tip().height;
    const range = await serveRange(store, tip - 2, 50);
    expect(range.blocks.map((b) => b.header.height)).to.deep.equal([tip - 2, tip - 1, tip]);
    expect(range.commit!.height).to.equal(tip);
  });

  it(`serves at most SYNC_RANGE_BLOCKS (${SYNC_RANGE_BLOCKS}) blocks`, async () => {
    const range = await serveRange(store, 1, 10_000);
    expect(range.blocks).to.have.length(SYNC_RANGE_BLOCKS);
    expect(range.commit!.height).to.equal(SYNC_RANGE_BLOCKS);
  });

  it('answers a request above its tip with an empty range and no commit', async () => {
    const range = await serveRange(store, store.tip().height + 1, 10);
    expect(range).to.deep.equal({ blocks: [], commit: null });
  });

  it('stops before the block that would pass maxBytes, but serves at least one', async () => {
    const sizes = await Promise.all([1, 2, 3, 4].map(async (h) => encodeBlock((await store.blocks.block(h))!).length));
    const three = sizes[0]! + sizes[1]! + sizes[2]!;
    expect((await serveRange(store, 1, 10, three)).blocks).to.have.length(3);
    expect((await serveRange(store, 1, 10, three - 1)).blocks).to.have.length(2);
    const one = await serveRange(store, 1, 10, 1);
    expect(one.blocks).to.have.length(1);
    expect(one.commit!.height).to.equal(1);
  });

  it('serves ranges that verify against the chain they come from', async () => {
    const tip = await store.blocks.block(99);
    const range = await serveRange(store, 100, 100);
    const commits = await verifyRange({ height: 99, hash: blockHash(tip!.header) }, range, { chainId: chain.ctx.chainId, validators: chain.validators, verifier: chain.ctx.verifier });
    expect(commits).to.have.length(100);
  });

  it('refuses a request that is not positive integers (P2P_BAD_MESSAGE)', async () => {
    await expectCode(serveRange(store, 0, 5), 'P2P_BAD_MESSAGE');
    await expectCode(serveRange(store, 1, 0), 'P2P_BAD_MESSAGE');
    await expectCode(serveRange(store, 1.5, 5), 'P2P_BAD_MESSAGE');
  });

  it('without a stored commit, takes the next block\'s last commit, or serves less', async () => {
    // Blocks 1..3 with commits, block 4 applied without one (as a block stored before its commit
    // was), block 5 carrying the commit of 4, block 6 without one.
    const s = await openSyncStore(chain);
    await extendChain(chain, s, 3);
    const keys = syncValidatorKeys();
    const next = (lastCommit: ReturnType<typeof commitOfBlock>) =>
      buildBlock(s, { chainId: syncGenesis().chainId, time: s.tip().time + 1000, proposer: keys[0]!.publicKey, txs: [], validatorsHash: chain.ctx.validatorsHash, lastCommit, evidence: [] });
    const b4 = next((await s.blocks.commit(3))!);
    await applyBlock(s, b4, chain.ctx);
    const c4 = commitOfBlock(b4);
    const b5 = next(c4);
    await applyBlock(s, b5, chain.ctx, commitOfBlock(b5));
    const b6 = next((await s.blocks.commit(5))!);
    await applyBlock(s, b6, chain.ctx);
    expect(await s.blocks.commit(4)).to.equal(undefined);

    const to4 = await serveRange(s, 2, 3);
    expect(to4.blocks.map((b) => b.header.height)).to.deep.equal([2, 3, 4]);
    expect(encodeCommit(to4.commit!)).to.deep.equal(encodeCommit(c4));
    const toTip = await serveRange(s, 4, 10);
    expect(toTip.blocks.map((b) => b.header.height)).to.deep.equal([4, 5]);
    expect(toTip.commit!.height).to.equal(5);
    expect(await serveRange(s, 6, 1)).to.deep.equal({ blocks: [], commit: null });
  });
});
