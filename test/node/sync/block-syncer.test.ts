/**
 * BlockSyncer: a fresh node catches up a chain from peers' stores, ends identical to the source at
 * every height, asks for the next range before applying the current one, checks one commit per
 * range, and survives peers that lie (penalized, an honest peer finishes the job) or fail.
 */
import { expect } from 'chai';
import type { Block } from '../../../chain/block/block.ts';
import { blockHash, encodeBlock, encodeResults } from '../../../chain/block/block-codec.ts';
import type { ChainStore } from '../../../chain/block/chain-store.ts';
import { encodeCommit } from '../../../chain/consensus/message-codec.ts';
import { toHex } from '../../../chain/codec/bytes.ts';
import type { BlockRange, BlockSource, SyncPeer } from '../../../chain/node/sync/block-source.ts';
import { BlockSyncer, SYNC_MAX_STRIKES, type BlockSyncerDeps } from '../../../chain/node/sync/block-syncer.ts';
import { storeBlockSource, type Penalty } from '../../../chain/node/sync/store-block-source.ts';
import { SILENT_LOGGER } from '../../../chain/ports/silent-logger.ts';
import { openLevelKvStore } from '../../../chain/state/level-kv-store.ts';
import { mainThreadVerifier, type SignatureVerifier } from '../../../chain/tx/signature-verifier.ts';
import { expectCode } from '../../fixtures/expect-code.ts';
import { buildSyncChain, commitOfBlock, openSyncStore, syncChainContext, type SyncChainContext } from '../../fixtures/synced-chain.ts';
import { useTempDir } from '../temp-dir.ts';

const chain = syncChainContext();
const HEIGHT = 600;

/** A source over `stores` whose answers for some peers are rewritten, and whose heights may be claimed. */
function peerSource(
  stores: Record<string, ChainStore>,
  o: {
    lie?: Record<string, (range: BlockRange, from: number, count: number) => BlockRange | Promise<BlockRange>>;
    claims?: Record<string, number>;
    log?: string[];
  } = {},
): BlockSource & { penalties: Penalty[] } {
  const base = storeBlockSource(Object.entries(stores).map(([id, store]) => ({ id, store })));
  return {
    penalties: base.penalties,
    peers: (): readonly SyncPeer[] => base.peers().map((p) => ({ id: p.id, height: o.claims?.[p.id] ?? p.height })),
    async fetch(peer, from, count) {
      o.log?.push(`fetch ${peer} ${from}+${count}`);
      const range = await base.fetch(peer, from, count);
      const lie = o.lie?.[peer];
      return lie === undefined ? range : lie(range, from, count);
    },
    penalize: (peer, code) => base.penalize(peer, code),
  };
}

function syncer(store: ChainStore, source: BlockSource, extra: Partial<BlockSyncerDeps> = {}, c: SyncChainContext = chain): BlockSyncer {
  return new BlockSyncer({ store, ctx: c.ctx, validators: c.validators, source, logger: SILENT_LOGGER, ...extra });
}

/** Same block, results and commit at every height, same tip and state root. */
async function expectSameChain(synced: ChainStore, source: ChainStore, upTo: number): Promise<void> {
  expect(synced.tip().height).to.equal(upTo);
  for (let h = 1; h <= upTo; h++) {
    const [a, b] = await Promise.all([synced.blocks.block(h), source.blocks.block(h)]);
    expect(toHex(encodeBlock(a!)), `block ${h}`).to.equal(toHex(encodeBlock(b!)));
    const [ra, rb] = await Promise.all([synced.blocks.results(h), source.blocks.results(h)]);
    expect(toHex(encodeResults(ra!)), `results ${h}`).to.equal(toHex(encodeResults(rb!)));
    const commit = await synced.blocks.commit(h);
    expect(commit?.blockHash, `commit ${h}`).to.deep.equal(blockHash(a!.header));
  }
  if (upTo === source.tip().height) {
    expect(synced.tip().hash).to.deep.equal(source.tip().hash);
    expect(synced.state.root()).to.deep.equal(source.state.root());
  }
}

/** Blocks with one header field changed after the fact, the commit re-signed by the validators. */
function committedButWrong(range: BlockRange): BlockRange {
  const last = range.blocks[range.blocks.length - 1]!;
  const forged: Block = { ...last, header: { ...last.header, stateRoot: new Uint8Array(32).fill(9) } };
  return { blocks: [...range.blocks.slice(0, -1), forged], commit: commitOfBlock(forged) };
}

describe('sync: BlockSyncer', function () {
  this.timeout(120_000);
  let source: ChainStore;

  before(async () => {
    source = await buildSyncChain({ blocks: HEIGHT, transfersEvery: 5, chain });
  });

  it(`catches a fresh store up ${HEIGHT} blocks, identical to the source at every height`, async () => {
    const store = await openSyncStore(chain);
    const src = storeBlockSource([{ id: 'a', store: source }]);
    const roots: string[] = [];
    const outcome = await syncer(store, src, { onProgress: () => roots.push(toHex(store.state.root())) }).syncTo();
    expect(outcome).to.deep.equal({ from: 0, to: HEIGHT, applied: HEIGHT });
    expect(src.penalties).to.deep.equal([]);
    await expectSameChain(store, source, HEIGHT);
    // The state root after each height is the one the source's next header names.
    for (let h = 1; h < HEIGHT; h++) expect(roots[h - 1], `root after ${h}`).to.equal(toHex((await source.blocks.block(h + 1))!.header.stateRoot));
    expect(roots[HEIGHT - 1]).to.equal(toHex(source.state.root()));
  });

  describe('on LevelDB', () => {
    const dir = useTempDir();
    it('syncs between LevelDB stores, and a synced store serves others', async () => {
      const a = await buildSyncChain({ blocks: 300, transfersEvery: 7, chain, kv: await openLevelKvStore(`${dir()}/a`) });
      const b = await openSyncStore(chain, await openLevelKvStore(`${dir()}/b`));
      const c = await openSyncStore(chain, await openLevelKvStore(`${dir()}/c`));
      try {
        expect((await syncer(b, storeBlockSource([{ id: 'a', store: a }])).syncTo()).to).to.equal(300);
        expect((await syncer(c, storeBlockSource([{ id: 'b', store: b }])).syncTo()).to).to.equal(300);
        await expectSameChain(c, a, 300);
      } finally {
        await Promise.all([a.close(), b.close(), c.close()]);
      }
    });
  });

  it('asks for the next range before applying the current one (pipelining)', async () => {
    const store = await openSyncStore(chain);
    const log: string[] = [];
    const src = peerSource({ a: source }, { log });
    await syncer(store, src, { rangeBlocks: 100, onProgress: (h) => h % 100 === 0 && log.push(`applied ${h}`) }).syncTo(300);
    expect(log).to.deep.equal(['fetch a 1+100', 'fetch a 101+100', 'applied 100', 'fetch a 201+100', 'applied 200', 'applied 300']);
  });

  it('verifies one commit per range: the signatures checked are one commit\'s per range', async () => {
    const empty = await buildSyncChain({ blocks: 250, chain });
    let calls = 0;
    let signatures = 0;
    const inner = mainThreadVerifier();
    const counting: SignatureVerifier = {
      verifyAll(checks) {
        if (checks.length > 0) calls++;
        signatures += checks.length;
        return inner.verifyAll(checks);
      },
    };
    const counted = syncChainContext(counting);
    const store = await openSyncStore(counted);
    const outcome = await syncer(store, storeBlockSource([{ id: 'a', store: empty }]), { rangeBlocks: 100 }, counted).syncTo();
    expect(outcome.applied).to.equal(250);
    expect(calls).to.equal(3); // ranges 1-100, 101-200, 201-250
    expect(signatures).to.equal(3 * 3); // 3 of 4 validators signed each range commit
  });

  it('syncs up to a target height, and stop() ends a run between blocks', async () => {
    const store = await openSyncStore(chain);
    const src = storeBlockSource([{ id: 'a', store: source }]);
    expect(await syncer(store, src).syncTo(123)).to.deep.equal({ from: 0, to: 123, applied: 123 });
    const s = syncer(store, src, { onProgress: (h) => h === 200 && s.stop() });
    expect(await s.syncTo()).to.deep.equal({ from: 123, to: 200, applied: 77 });
    expect(await syncer(store, src).syncTo()).to.deep.equal({ from: 200, to: HEIGHT, applied: HEIGHT - 200 });
    await expectSameChain(store, source, HEIGHT);
  });

  it('returns at once when no peer is ahead', async () => {
    const store = await openSyncStore(chain);
    expect(await syncer(store, storeBlockSource([])).syncTo()).to.deep.equal({ from: 0, to: 0, applied: 0 });
    const behind = await openSyncStore(chain);
    expect(await syncer(store, storeBlockSource([{ id: 'b', store: behind }])).syncTo()).to.deep.equal({ from: 0, to: 0, applied: 0 });
  });

  describe('lying and failing peers', () => {
    it('a peer serving a block whose txs were changed is penalized; an honest peer completes', async () => {
      const store = await openSyncStore(chain);
      const src = peerSource(
        { liar: source, honest: source },
        {
          lie: {
            liar: (r) => {
              const i = r.blocks.findIndex((b) => b.txs.length > 0);
              const b = r.blocks[i]!;
              return { blocks: r.blocks.map((x, j) => (j === i ? { ...b, txs: b.txs.slice(1) } : x)), commit: r.commit };
            },
          },
        },
      );
      const outcome = await syncer(store, src).syncTo();
      expect(outcome.to).to.equal(HEIGHT);
      expect(src.penalties).to.deep.equal([{ peer: 'liar', code: 'SYNC_BAD_RANGE' }]);
      await expectSameChain(store, source, HEIGHT);
    });

    it('a peer serving a forged commit is penalized; an honest peer completes', async () => {
      const store = await openSyncStore(chain);
      const forge = (r: BlockRange): BlockRange => ({ blocks: r.blocks, commit: { ...r.commit!, signatures: r.commit!.signatures.map((s) => ({ ...s, signature: s.signature.map((x, i) => (i === 0 ? x ^ 1 : x)) })) } });
      const src = peerSource({ liar: source, honest: source }, { lie: { liar: forge } });
      expect((await syncer(store, src).syncTo()).to).to.equal(HEIGHT);
      expect(src.penalties).to.deep.equal([{ peer: 'liar', code: 'SYNC_BAD_COMMIT' }]);
      await expectSameChain(store, source, HEIGHT);
    });

    it('a committed block our execution refuses is SYNC_BLOCK_REJECTED: the peer is penalized, the blocks before it kept', async () => {
      const store = await openSyncStore(chain);
      const src = peerSource({ liar: source, honest: source }, { lie: { liar: committedButWrong } });
      const heights: number[] = [];
      expect((await syncer(store, src, { rangeBlocks: 50, onProgress: (h) => heights.push(h) }).syncTo()).to).to.equal(HEIGHT);
      expect(src.penalties).to.deep.equal([{ peer: 'liar', code: 'SYNC_BLOCK_REJECTED' }]);
      // Blocks 1..49 of the liar's range were good and applied; 50 came from the honest peer.
      expect(heights.slice(0, 51)).to.deep.equal(Array.from({ length: 51 }, (_, i) => i + 1));
      await expectSameChain(store, source, HEIGHT);
    });

    it('a peer serving more blocks than asked is penalized (SYNC_BAD_RANGE)', async () => {
      const store = await openSyncStore(chain);
      const src = peerSource({ liar: source, honest: source }, { lie: { liar: async (_r, from, count) => storeBlockSource([{ id: 'x', store: source }]).fetch('x', from, count + 1) } });
      expect((await syncer(store, src, { rangeBlocks: 20 }).syncTo(100)).to).to.equal(100);
      expect(src.penalties).to.deep.equal([{ peer: 'liar', code: 'SYNC_BAD_RANGE' }]);
    });

    it(`SYNC_NO_PROGRESS when the only peer lies (after ${SYNC_MAX_STRIKES} tries), nothing applied`, async () => {
      const store = await openSyncStore(chain);
      const src = peerSource({ liar: source }, { lie: { liar: committedButWrong } });
      const e = await expectCode(syncer(store, src, { rangeBlocks: 1 }).syncTo(), 'SYNC_NO_PROGRESS');
      expect(e.details).to.include({ height: 0, applied: 0, lastFailure: 'SYNC_BLOCK_REJECTED' });
      expect(src.penalties).to.deep.equal([
        { peer: 'liar', code: 'SYNC_BLOCK_REJECTED' },
        { peer: 'liar', code: 'SYNC_BLOCK_REJECTED' },
      ]);
      expect(store.tip().height).to.equal(0);
    });

    it('SYNC_NO_PROGRESS when the only peer serves bad commits', async () => {
      const store = await openSyncStore(chain);
      const src = peerSource({ liar: source }, { lie: { liar: (r) => ({ blocks: r.blocks, commit: commitOfBlock(r.blocks[r.blocks.length - 1]!, [0, 1]) }) } });
      await expectCode(syncer(store, src).syncTo(), 'SYNC_NO_PROGRESS');
      expect(src.penalties.map((p) => p.code)).to.deep.equal(['SYNC_BAD_COMMIT', 'SYNC_BAD_COMMIT']);
      expect(store.tip().height).to.equal(0);
    });

    it('a peer advertising a height it cannot serve: its blocks are taken, then SYNC_NO_PROGRESS (not penalized)', async () => {
      const store = await openSyncStore(chain);
      const src = peerSource({ boaster: source }, { claims: { boaster: HEIGHT + 400 } });
      const e = await expectCode(syncer(store, src).syncTo(), 'SYNC_NO_PROGRESS');
      expect(e.details).to.include({ height: HEIGHT, applied: HEIGHT });
      expect(store.tip().height).to.equal(HEIGHT);
      expect(src.penalties).to.deep.equal([]);
      // Asked only for what it has, it serves.
      const again = await openSyncStore(chain);
      expect((await syncer(again, src).syncTo(HEIGHT)).to).to.equal(HEIGHT);
    });

    it('a peer whose requests fail is skipped without a penalty', async () => {
      const store = await openSyncStore(chain);
      const log: string[] = [];
      const src = peerSource({ down: source, up: source }, { log, lie: { down: () => Promise.reject(new Error('timed out')) } });
      expect((await syncer(store, src).syncTo()).to).to.equal(HEIGHT);
      expect(log[0]).to.equal('fetch down 1+256');
      expect(log.slice(1).every((l) => l.startsWith('fetch up'))).to.equal(true);
      expect(src.penalties).to.deep.equal([]);
    });

    it('a second call while a run is going returns that run', async () => {
      const store = await openSyncStore(chain);
      const s = syncer(store, storeBlockSource([{ id: 'a', store: source }]));
      const [x, y] = [s.syncTo(), s.syncTo()];
      expect(x).to.equal(y);
      expect((await x).to).to.equal(HEIGHT);
    });

    it('the commit stored with each synced block is the one the chain carries', async () => {
      const store = await openSyncStore(chain);
      await syncer(store, storeBlockSource([{ id: 'a', store: source }])).syncTo(40);
      for (let h = 1; h < 40; h++) {
        expect(encodeCommit((await store.blocks.commit(h))!)).to.deep.equal(encodeCommit((await source.blocks.block(h + 1))!.lastCommit!));
      }
      expect(encodeCommit((await store.blocks.commit(40))!)).to.deep.equal(encodeCommit((await source.blocks.commit(40))!));
    });
  });
});
