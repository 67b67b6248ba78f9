/**
 * Anchored finality in block sync: two chains from one genesis, both with valid 3-of-4 commits
 * (the collusion anchoring defends against), the honest one anchored at height 30. A fresh node
 * given that checkpoint:
 * - refuses a lying peer that serves the conflicting chain, with SYNC_BELOW_ANCHOR, before
 *   applying a single block below the checkpoint: within one range (the range to the checkpoint
 *   is checked there) and from far below (the walk back from the checkpoint catches it first);
 * - with the liar and an honest peer, ends on the anchored chain, the liar penalized;
 * - still finishes when the honest peer serves short ranges (the walk shrinks to them);
 * - syncs as before when the checkpoint is at or below its tip.
 * And the checkpoint provider: the Hub receipt in the node's state, or the trusted checkpoint,
 * the higher of the two.
 */
import { expect } from 'chai';
import { bridgeKeys } from '../../../chain/anchor/anchor-keys.ts';
import { anchorReceiptCodec } from '../../../chain/anchor/hub-records.ts';
import { blockHash } from '../../../chain/block/block-codec.ts';
import type { ChainStore } from '../../../chain/block/chain-store.ts';
import { toHex } from '../../../chain/codec/bytes.ts';
import { anchoredCheckpoint } from '../../../chain/node/anchor/anchored-checkpoint.ts';
import type { BlockSource } from '../../../chain/node/sync/block-source.ts';
import { BlockSyncer } from '../../../chain/node/sync/block-syncer.ts';
import { storeBlockSource, type StoreBlockSource } from '../../../chain/node/sync/store-block-source.ts';
import { pinBelow, type SyncTip } from '../../../chain/node/sync/verify-range.ts';
import { serveRange } from '../../../chain/node/sync/serve-range.ts';
import { SILENT_LOGGER } from '../../../chain/ports/silent-logger.ts';
import { expectCode } from '../../fixtures/expect-code.ts';
import { buildSyncChain, openSyncStore, syncChainContext } from '../../fixtures/synced-chain.ts';

const chain = syncChainContext();
const HEIGHT = 40;
const ANCHORED = 30;

let honest: ChainStore;
let liar: ChainStore;
let checkpoint: SyncTip;

async function hashAt(store: ChainStore, h: number): Promise<Uint8Array> {
  return blockHash((await store.blocks.block(h))!.header);
}

function syncer(store: ChainStore, source: BlockSource, cp: SyncTip | undefined, rangeBlocks = 64): BlockSyncer {
  return new BlockSyncer({ store, ctx: chain.ctx, validators: chain.validators, source, logger: SILENT_LOGGER, rangeBlocks, checkpoint: () => Promise.resolve(cp) });
}

/** Counts the blocks fetched by requests. */
function counting(source: StoreBlockSource): StoreBlockSource & { requests: string[] } {
  const requests: string[] = [];
  return { ...source, requests, fetch: (peer, from, count) => (requests.push(`${peer} ${from}+${count}`), source.fetch(peer, from, count)) };
}

describe('anchoring: block sync refuses what contradicts an anchored checkpoint', function () {
  this.timeout(120_000);

  before(async () => {
    honest = await buildSyncChain({ blocks: HEIGHT });
    // The same genesis and validators, another history from height 5 on (transfers in every 5th block).
    liar = await buildSyncChain({ blocks: HEIGHT, transfersEvery: 5 });
    expect(toHex(await hashAt(liar, 4))).to.equal(toHex(await hashAt(honest, 4)));
    expect(toHex(await hashAt(liar, 5))).to.not.equal(toHex(await hashAt(honest, 5)));
    checkpoint = { height: ANCHORED, hash: await hashAt(honest, ANCHORED) };
  });

  it('without a checkpoint the liar’s chain is as good as any (the commits are valid)', async () => {
    const fresh = await openSyncStore(chain);
    const source = storeBlockSource([{ id: 'liar', store: liar }]);
    await syncer(fresh, source, undefined).syncTo();
    expect(fresh.tip().height).to.equal(HEIGHT);
    expect(source.penalties).to.deep.equal([]);
  });

  it('refuses the liar within one range: nothing is applied', async () => {
    const fresh = await openSyncStore(chain);
    const source = counting(storeBlockSource([{ id: 'liar', store: liar }]));
    const e = await expectCode(syncer(fresh, source, checkpoint).syncTo(), 'SYNC_NO_PROGRESS');
    expect(e.details?.['lastFailure']).to.equal('SYNC_BELOW_ANCHOR');
    expect(fresh.tip().height, 'no block below the checkpoint applied').to.equal(0);
    expect(source.penalties.map((p) => p.code)).to.deep.equal(['SYNC_BELOW_ANCHOR', 'SYNC_BELOW_ANCHOR']);
    expect(source.requests[0], 'one range that ends at the checkpoint').to.equal(`liar 1+${ANCHORED}`);
  });

  it('refuses the liar from far below: the walk back from the checkpoint catches it first', async () => {
    const fresh = await openSyncStore(chain);
    const source = counting(storeBlockSource([{ id: 'liar', store: liar }]));
    await expectCode(syncer(fresh, source, checkpoint, 8).syncTo(), 'SYNC_NO_PROGRESS');
    expect(fresh.tip().height).to.equal(0);
    expect(source.penalties.map((p) => p.code)).to.deep.equal(['SYNC_BELOW_ANCHOR', 'SYNC_BELOW_ANCHOR']);
    expect(source.requests[0], 'the 8 blocks ending at the checkpoint').to.equal('liar 23+8');
  });

  it('with the liar and an honest peer, ends on the anchored chain', async () => {
    for (const rangeBlocks of [64, 8, 7]) {
      const fresh = await openSyncStore(chain);
      const source = counting(storeBlockSource([{ id: 'liar', store: liar }, { id: 'honest', store: honest }]));
      await syncer(fresh, source, checkpoint, rangeBlocks).syncTo();
      expect(fresh.tip().height, `range ${rangeBlocks}`).to.equal(HEIGHT);
      for (let h = 1; h <= HEIGHT; h++) expect(toHex(await hashAt(fresh, h)), `height ${h}`).to.equal(toHex(await hashAt(honest, h)));
      expect(source.penalties.every((p) => p.peer === 'liar' && p.code === 'SYNC_BELOW_ANCHOR'), JSON.stringify(source.penalties)).to.equal(true);
      expect(fresh.state.root()).to.deep.equal(honest.state.root());
    }
  });

  it('finishes when the honest peer serves short ranges (its size limit)', async () => {
    const fresh = await openSyncStore(chain);
    const base = storeBlockSource([{ id: 'honest', store: honest }]);
    const requests: string[] = [];
    // At most 6 blocks per answer, as a size-capped peer would.
    const short: BlockSource = { ...base, fetch: (peer, from, count) => (requests.push(`${from}+${count}`), serveRange(honest, from, Math.min(count, 6))) };
    await syncer(fresh, short, checkpoint, 16).syncTo();
    expect(fresh.tip().height).to.equal(HEIGHT);
    expect(toHex(await hashAt(fresh, ANCHORED))).to.equal(toHex(checkpoint.hash));
    expect(base.penalties).to.deep.equal([]);
    expect(requests.slice(0, 2), 'a walk step of 16, cut to 6, then steps of 6').to.deep.equal(['15+16', '25+6']);
  });

  it('a checkpoint at or below the tip changes nothing', async () => {
    const partial = await openSyncStore(chain);
    await syncer(partial, storeBlockSource([{ id: 'honest', store: honest }]), undefined).syncTo(ANCHORED);
    const source = counting(storeBlockSource([{ id: 'honest', store: honest }]));
    await syncer(partial, source, checkpoint).syncTo();
    expect(partial.tip().height).to.equal(HEIGHT);
    expect(source.requests).to.deep.equal([`honest ${ANCHORED + 1}+${HEIGHT - ANCHORED}`]);
  });

  it('pinBelow: the parent of a range ending at a trusted hash is trusted; another chain is SYNC_BELOW_ANCHOR', async () => {
    const range = await serveRange(honest, 21, 10);
    const pin = pinBelow(range, 21, checkpoint, chain.genesis.chainId);
    expect(pin.height).to.equal(20);
    expect(toHex(pin.hash)).to.equal(toHex(await hashAt(honest, 20)));
    await expectCode(async () => pinBelow(await serveRange(liar, 21, 10), 21, checkpoint, chain.genesis.chainId), 'SYNC_BELOW_ANCHOR');
    await expectCode(async () => pinBelow(await serveRange(honest, 21, 9), 21, checkpoint, chain.genesis.chainId), 'SYNC_BAD_RANGE');
    const spliced = { blocks: [...(await serveRange(liar, 21, 5)).blocks, ...(await serveRange(honest, 26, 5)).blocks], commit: null };
    await expectCode(async () => pinBelow(spliced, 21, checkpoint, chain.genesis.chainId), 'SYNC_BAD_RANGE');
  });

  it('the provider: the receipt in the node’s state, or the trusted checkpoint, whichever is higher', async () => {
    const store = await buildSyncChain({ blocks: 3 });
    expect(await anchoredCheckpoint(store)()).to.equal(undefined);
    const trusted = { height: 40, blockHash: new Uint8Array(32).fill(7) };
    expect(await anchoredCheckpoint(store, trusted)()).to.deep.equal({ height: 40, hash: trusted.blockHash });
    // The bridge module records the Hub's receipt in state (written directly here).
    const receipt = { height: 50, blockHash: new Uint8Array(32).fill(9), stateRoot: new Uint8Array(32), hubHeight: 12, provenAtHubHeight: 13 };
    await store.state.commit(await store.state.prepare([{ key: bridgeKeys.receipt(), value: anchorReceiptCodec.encode(receipt) }]));
    expect(await anchoredCheckpoint(store)()).to.deep.equal({ height: 50, hash: receipt.blockHash });
    expect(await anchoredCheckpoint(store, trusted)()).to.deep.equal({ height: 50, hash: receipt.blockHash });
    expect(await anchoredCheckpoint(store, { height: 60, blockHash: trusted.blockHash })()).to.deep.equal({ height: 60, hash: trusted.blockHash });
  });
});
