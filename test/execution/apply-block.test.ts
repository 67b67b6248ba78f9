import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BN from 'bn.js';
import { bytesEqual, toHex } from '../../chain/codec/bytes.ts';
import { getAccount } from '../../chain/ledger/ledger-state.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { blockHash, lastCommitHashOf } from '../../chain/block/block-codec.ts';
import type { Block } from '../../chain/block/block.ts';
import { applyBlock } from '../../chain/execution/apply-block.ts';
import { addressOf, makeGenesis, MIN_FEE, ONE, openTestChain, signedTx, testKey, transferTx } from '../fixtures/test-chain.ts';
import { escrowModule, ESCROW, MARKER_KEY } from '../fixtures/escrow-module.ts';
import { expectCode } from '../fixtures/expect-code.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const genesis = makeGenesis({ alice: { TFT: ONE.muln(100), REGIONAL: ONE.muln(100) }, bob: { TFT: ONE, REGIONAL: ONE } });

describe('block execution', () => {
  it('keeps a failed tx in the block: code recorded, fee and nonce charged, its writes and events dropped', async () => {
    const chain = await openTestChain({ genesis, extraModules: [escrowModule()] });
    const before = await getAccount(chain.store.state, addressOf(alice));
    const applied = await chain.apply([signedTx(alice, 'escrow', 'withdraw', [1000], { nonce: 0 })]);
    const r = applied.results.txs[0]!;
    expect(r.code).to.equal('LEDGER_INSUFFICIENT_BALANCE');
    expect(r.events.map((e) => `${e.module}/${e.name}`)).to.deep.equal(['ledger/fee']);
    const after = await getAccount(chain.store.state, addressOf(alice));
    expect(after.nonce).to.equal(1);
    expect(after.balances.REGIONAL.toString()).to.equal(before.balances.REGIONAL.sub(MIN_FEE).toString());
    expect(after.balances.TFT.toString()).to.equal(before.balances.TFT.toString());
    expect(await chain.store.state.get(MARKER_KEY)).to.equal(undefined);
    expect((await chain.store.blocks.tx(r.hash))?.result.code).to.equal('LEDGER_INSUFFICIENT_BALANCE');
    // block hooks ran and their events are block events
    expect(applied.results.blockEvents.map((e) => `${e.module}/${e.name}`)).to.deep.equal(['escrow/funded']);
    expect((await getAccount(chain.store.state, ESCROW)).balances.TFT.toString()).to.equal('10');
    // now funded: the same command succeeds and its writes stay
    const ok = await chain.apply([signedTx(alice, 'escrow', 'withdraw', [10], { nonce: 1 })]);
    expect(ok.results.txs[0]?.code).to.equal('OK');
    expect(await chain.store.state.get(MARKER_KEY)).to.deep.equal(Uint8Array.of(1));
  });

  it('aborts the whole block on an unexpected exception, committing nothing', async () => {
    const chain = await openTestChain({ genesis, extraModules: [escrowModule()] });
    const root = toHex(chain.store.state.root());
    let threw = false;
    try {
      await chain.apply([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 }), signedTx(alice, 'escrow', 'crash', null, { nonce: 1 })]);
    } catch (e) {
      threw = true;
      expect((e as Error).message).to.contain('a bug');
    }
    expect(threw).to.equal(true);
    expect(toHex(chain.store.state.root())).to.equal(root);
    expect(chain.store.tip().height).to.equal(0);
  });

  const headerDefects: Array<[string, (b: ReturnType<Awaited<ReturnType<typeof openTestChain>>['next']>) => object]> = [
    ['height', (b) => ({ height: b.header.height + 1 })],
    ['parentHash', () => ({ parentHash: new Uint8Array(32) })],
    ['stateRoot', () => ({ stateRoot: new Uint8Array(32).fill(1) })],
    ['txsHash', () => ({ txsHash: new Uint8Array(32) })],
    ['lastResultsHash', () => ({ lastResultsHash: new Uint8Array(32) })],
    ['time', () => ({ time: genesis.genesisTime })],
    ['chainId', () => ({ chainId: 'tfr-other-1' })],
    ['version', () => ({ version: 2 })],
    ['validatorsHash', () => ({ validatorsHash: new Uint8Array(32) })],
    ['lastCommitHash', () => ({ lastCommitHash: new Uint8Array(32) })],
    ['evidenceHash', () => ({ evidenceHash: new Uint8Array(32) })],
  ];
  for (const [field, edit] of headerDefects) {
    it(`rejects a block with a wrong ${field}`, async () => {
      const chain = await openTestChain({ genesis });
      const tx = transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 });
      const err = await expectCode(chain.apply([tx], (b) => ({ ...b, header: { ...b.header, ...edit(b) } })), 'EXEC_INVALID_BLOCK');
      expect(err.details?.['field']).to.equal(field);
      expect(chain.store.tip().height).to.equal(0);
    });
  }

  it('requires the parent commit from height 2 on, and stores each block with its own commit', async () => {
    const chain = await openTestChain({ genesis });
    const a1 = await chain.apply([]);
    const stored = await chain.store.blocks.commit(1);
    expect(stored?.height).to.equal(1);
    expect(stored && bytesEqual(stored.blockHash, a1.hash)).to.equal(true);
    const noCommit = (b: Block): Block => ({ ...b, lastCommit: null, header: { ...b.header, lastCommitHash: lastCommitHashOf(null) } });
    const err = await expectCode(chain.apply([], noCommit), 'EXEC_INVALID_BLOCK');
    expect(err.details?.['field']).to.equal('lastCommit');
    const b2 = chain.next([]);
    expect(b2.lastCommit && bytesEqual(b2.lastCommit.blockHash, a1.hash)).to.equal(true);
    const wrong = { ...b2.lastCommit!, blockHash: new Uint8Array(32) };
    const err2 = await expectCode(chain.apply([], (b) => ({ ...b, lastCommit: wrong, header: { ...b.header, lastCommitHash: lastCommitHashOf(wrong) } })), 'EXEC_INVALID_BLOCK');
    expect(err2.details?.['field']).to.equal('lastCommit');
    const a2 = await chain.apply([]);
    expect(a2.results.txs).to.have.length(0);
  });

  it('rejects a block over the tx count limit', async () => {
    const chain = await openTestChain({ genesis });
    const txs = [0, 1].map((nonce) => transferTx(alice, addressOf(bob), 'TFT', new BN(1), { nonce }));
    const c2 = { ...chain.ctx, limits: { ...chain.ctx.limits, maxBlockTxs: 1 } };
    await expectCode(applyBlock(chain.store, chain.next(txs), c2), 'EXEC_BLOCK_TOO_LARGE');
  });

  it('stores blocks by height and hash, chained to genesis', async () => {
    const chain = await openTestChain({ genesis });
    const a1 = await chain.apply([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 })]);
    const a2 = await chain.apply([]);
    const b1 = await chain.store.blocks.block(1);
    const b2 = await chain.store.blocks.blockByHash(a2.hash);
    expect(b1 && bytesEqual(blockHash(b1.header), a1.hash)).to.equal(true);
    expect(b1 && bytesEqual(b1.header.parentHash, genesis.hash)).to.equal(true);
    expect(b2?.header.height).to.equal(2);
    expect(b2 && bytesEqual(b2.header.parentHash, a1.hash)).to.equal(true);
    expect(b2 && bytesEqual(b2.header.stateRoot, a1.stateRoot)).to.equal(true);
    expect(await chain.store.blocks.block(3)).to.equal(undefined);
  });

  it('gives the same state root for the same blocks on every node', async () => {
    const a = await openTestChain({ genesis });
    const b = await openTestChain({ genesis });
    const txs = [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 }), transferTx(bob, addressOf(alice), 'REGIONAL', new BN(5), { nonce: 0 })];
    const blk = a.next(txs);
    const ra = await applyBlock(a.store, blk, a.ctx);
    const rb = await applyBlock(b.store, blk, b.ctx);
    expect(toHex(ra.stateRoot)).to.equal(toHex(rb.stateRoot));
    expect(toHex(ra.hash)).to.equal(toHex(rb.hash));
  });

  it('writes each block in one batch: a failed write leaves no trace and the chain goes on', async () => {
    let failNext = false;
    let writes = 0;
    const kv = new MemoryKvStore({
      beforeWrite: () => {
        writes++;
        if (failNext) throw new Error('disk full');
      },
    });
    const chain = await openTestChain({ genesis, kv });
    const sizeBefore = kv.size;
    const root = toHex(chain.store.state.root());
    const tx = transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 });
    failNext = true;
    writes = 0;
    let threw = false;
    await chain.apply([tx]).catch(() => (threw = true));
    expect(threw).to.equal(true);
    expect(writes).to.equal(1);
    expect(kv.size).to.equal(sizeBefore);
    expect(toHex(chain.store.state.root())).to.equal(root);
    expect((await getAccount(chain.store.state, addressOf(bob))).balances.TFT.toString()).to.equal(ONE.toString());
    failNext = false;
    writes = 0;
    const ok = await chain.apply([tx]);
    expect(writes).to.equal(1);
    expect(ok.results.txs[0]?.code).to.equal('OK');
  });

  it('reopens a LevelDB store with the same tip, root and balances, and refuses another genesis', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-apply-'));
    try {
      const kv = await openLevelKvStore(dir);
      const chain = await openTestChain({ genesis, kv });
      await chain.apply([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 })]);
      const applied = await chain.apply([transferTx(alice, addressOf(bob), 'REGIONAL', ONE, { nonce: 1 })]);
      await chain.store.close();

      const reopened = await openTestChain({ genesis, kv: await openLevelKvStore(dir) });
      expect(reopened.store.tip().height).to.equal(2);
      expect(toHex(reopened.store.tip().hash)).to.equal(toHex(applied.hash));
      expect(toHex(reopened.store.state.root())).to.equal(toHex(applied.stateRoot));
      expect((await getAccount(reopened.store.state, addressOf(bob))).balances.TFT.toString()).to.equal(ONE.muln(2).toString());
      const next = await reopened.apply([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 2 })]);
      expect(next.results.txs[0]?.code).to.equal('OK');
      await reopened.store.close();

      const other = makeGenesis({ carol: { TFT: ONE, REGIONAL: ONE } });
      const kv3 = await openLevelKvStore(dir);
      await expectCode(openTestChain({ genesis: other, kv: kv3 }), 'EXEC_GENESIS_MISMATCH');
      await kv3.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
