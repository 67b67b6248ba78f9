/**
 * The RPC's commit feed when the node skips announcements (block sync announces only the last
 * block it applied): a real one-validator chain whose announcements reach the feed only at every
 * 4th height. `?wait=commit` waiters of a skipped block still resolve with its height, listeners
 * still see every height once and in order (the skipped blocks read from the store), and a jump
 * longer than GAP_REPLAY_LIMIT replays only its latest blocks.
 */
import BN from 'bn.js';
import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import type { CommittedBlock } from '../../chain/node/driver.ts';
import { decodeTx } from '../../chain/tx/tx-codec.ts';
import { CommitFeed, GAP_REPLAY_LIMIT, type FeedBlock } from '../../rpc/server/commit-feed.ts';
import type { RpcNode } from '../../rpc/server/rpc-node.ts';
import { startRpcChain, type RpcChain } from '../fixtures/rpc-chain.ts';
import { rpcTransfer } from './rpc-helpers.ts';

/** `node` as the feed sees it when only the heights `announced` lets through are announced. */
function skipping(node: RpcNode, announced: (height: number) => boolean): RpcNode {
  return { ...node, onCommit: (l: (c: CommittedBlock) => void) => node.onCommit((c) => (announced(c.height) ? l(c) : undefined)) };
}

describe('rpc: the commit feed fills the heights the node did not announce', function () {
  this.timeout(60_000);
  let c: RpcChain;
  before(async () => {
    c = await startRpcChain();
  });
  after(async () => {
    await c.close();
  });

  it('a waiter of a tx in an unannounced block resolves with its height; listeners see every height in order', async () => {
    const feed = new CommitFeed(skipping(c.node, (h) => h % 4 === 0));
    const heights: number[] = [];
    const txsSeen: string[] = [];
    feed.onBlock((b: FeedBlock) => {
      heights.push(b.committed.height);
      for (const r of b.results.txs) txsSeen.push(toHex(r.hash));
    });
    try {
      await c.waitForHeight(c.height() + 1);
      const waits: Array<{ hash: string; promise: Promise<unknown> }> = [];
      for (let nonce = 0; nonce < 3; nonce++) {
        const bytes = rpcTransfer(c, 'alice', 'bob', 'TFT', new BN(1000 + nonce), { nonce });
        const hash = toHex(decodeTx(bytes, c.genesis.consensus.maxTxBytes).hash);
        waits.push({ hash, promise: feed.waitForTx(hash, 20_000).promise });
        await c.node.submitTx(bytes);
        // One block each, so at least two of the three land in unannounced blocks.
        await c.waitForHeight(c.height() + 1);
      }
      const outcomes = await Promise.all(waits.map((w) => w.promise));
      for (const [i, w] of waits.entries()) {
        const stored = await c.node.store.blocks.tx(Buffer.from(w.hash, 'hex'));
        expect(stored, `tx ${i} committed`).to.not.equal(undefined);
        expect(outcomes[i], `tx ${i}`).to.equal(stored!.height);
      }
      expect(outcomes.some((h) => (h as number) % 4 !== 0), 'a tx in an unannounced block').to.equal(true);
      await c.waitForHeight(Math.max(...(outcomes as number[])) + 5);
      await new Promise((r) => setTimeout(r, 200));
      expect(heights.length).to.be.greaterThan(4);
      expect(heights, 'every height once, in order').to.deep.equal(heights.map((_, i) => heights[0]! + i));
      for (const w of waits) expect(txsSeen).to.include(w.hash);
    } finally {
      feed.close();
    }
  });

  it('after a jump longer than GAP_REPLAY_LIMIT, listeners get only its latest blocks', async () => {
    const start = c.height() + 1;
    const jumpTo = start + GAP_REPLAY_LIMIT + 20;
    // Announced: `start` (the feed's first block), then nothing until `jumpTo`.
    const feed = new CommitFeed(skipping(c.node, (h) => h === start || h >= jumpTo));
    const heights: number[] = [];
    feed.onBlock((b) => heights.push(b.committed.height));
    try {
      await c.waitForHeight(jumpTo + 1, 120_000);
      await new Promise((r) => setTimeout(r, 300));
      const firstReplayed = jumpTo - GAP_REPLAY_LIMIT;
      expect(heights[0]).to.equal(start);
      expect(heights[1], 'the replay starts GAP_REPLAY_LIMIT blocks before the announced one').to.equal(firstReplayed);
      expect(heights.slice(1), 'then every height in order').to.deep.equal(heights.slice(1).map((_, i) => firstReplayed + i));
      expect(heights).to.include(jumpTo);
    } finally {
      feed.close();
    }
  });
});
