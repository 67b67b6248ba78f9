/**
 * Validators of one process sharing one store for what they store alike (shared-chain-data.ts):
 * each block's state content and records are written once, each validator's own store keeps only
 * its tip, root and commits, a validator reads at its own root and up to its own tip whatever the
 * others committed since, and it stands alone again after a restart.
 */
import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { SharedChainData } from '../../chain/block/shared-chain-data.ts';
import { ExecutionMemo } from '../../chain/execution/execution-memo.ts';
import { getAccount } from '../../chain/ledger/ledger-state.ts';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { ChainStore } from '../../chain/block/chain-store.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { blockHash } from '../../chain/block/block-codec.ts';
import { addressOf, commitFor, makeGenesis, ONE, openTestChain, testKey, transferTx } from '../fixtures/test-chain.ts';
import { expectCode } from '../fixtures/expect-code.ts';
import { CountingKvStore, collect } from '../state/kv-test-helpers.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const genesis = makeGenesis({ alice: { TFT: ONE.muln(100), REGIONAL: ONE.muln(100) }, bob: { TFT: ONE, REGIONAL: ONE } });

async function twoValidators() {
  const sharedKv = new CountingKvStore(new MemoryKvStore());
  const shared = new SharedChainData(sharedKv);
  const memo = new ExecutionMemo();
  const ownA = new MemoryKvStore();
  const ownB = new MemoryKvStore();
  const a = await openTestChain({ genesis, kv: ownA, shared, memo });
  const b = await openTestChain({ genesis, kv: ownB, shared, memo });
  return { sharedKv, shared, memo, ownA, ownB, a, b };
}

describe('chain store shared by the validators of a process', () => {
  it('writes each block\'s shared records once; each own store keeps only its tip, root, format, genesis and commits', async () => {
    const { sharedKv, ownA, ownB, a, b } = await twoValidators();
    expect(sharedKv.writes).to.have.length(1); // the genesis state, once for both
    const block = a.next([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 })]);
    const commit = commitFor(block);
    await a.applyWithCommit(block, commit);
    await b.applyWithCommit(block, commit);
    expect(sharedKv.writes).to.have.length(2);
    for (const own of [ownA, ownB]) {
      const prefixes = new Set((await collect(own)).map(([k]) => k.slice(0, 2)));
      expect([...prefixes].sort()).to.deep.equal(['63', '6d']); // commits, meta
    }
    expect(toHex(b.store.state.root())).to.equal(toHex(a.store.state.root()));
    expect((await getAccount(b.store.state, addressOf(bob))).balances.TFT.toString()).to.equal(ONE.muln(2).toString());
    const txHash = sha256(block.txs[0]!);
    expect((await b.store.blocks.tx(txHash))?.result.code).to.equal('OK');
    expect((await b.store.blocks.block(1))?.txs).to.have.length(1);
  });

  it('a validator behind reads at its own root and tip, not at what the others committed since', async () => {
    const { shared, ownB, a, b } = await twoValidators();
    const first = a.next([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 })]);
    await a.applyWithCommit(first, commitFor(first));
    await b.applyWithCommit(first, commitFor(first));
    const second = a.next([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 1 })]);
    await a.applyWithCommit(second, commitFor(second));

    expect(await b.store.blocks.block(2)).to.equal(undefined);
    expect(await b.store.blocks.results(2)).to.equal(undefined);
    expect(await b.store.blocks.tx(sha256(second.txs[0]!))).to.equal(undefined);
    expect(await b.store.blocks.blockByHash(blockHash(second.header))).to.equal(undefined);
    expect((await a.store.blocks.blockByHash(blockHash(second.header)))?.header.height).to.equal(2);
    expect((await a.store.blocks.tx(sha256(second.txs[0]!)))?.height).to.equal(2);

    // B restarted: nothing cached, its reads walk the shared tree from its own root.
    const restarted = await ChainStore.open(ownB, { shared: new SharedChainData(shared.kv) });
    expect(restarted.tip().height).to.equal(1);
    expect((await getAccount(restarted.state, addressOf(bob))).balances.TFT.toString()).to.equal(ONE.muln(2).toString());
    expect((await getAccount(a.store.state, addressOf(bob))).balances.TFT.toString()).to.equal(ONE.muln(3).toString());
  });

  it('refuses a second, different block at a height the process already committed (a fork), changing nothing', async () => {
    const { a, b } = await twoValidators();
    const mine = a.next([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 })]);
    await a.applyWithCommit(mine, commitFor(mine));
    const other = b.next([transferTx(alice, addressOf(bob), 'TFT', ONE.muln(2), { nonce: 0 })]);
    await expectCode(b.applyWithCommit(other, commitFor(other)), 'STATE_CORRUPT');
    expect(b.store.tip().height).to.equal(0);
    await b.applyWithCommit(mine, commitFor(mine));
    expect(toHex(b.store.state.root())).to.equal(toHex(a.store.state.root()));
  });

  it('a failed shared write moves no tip, and the next commit writes it again', async () => {
    let fail = false;
    const sharedKv = new MemoryKvStore({
      beforeWrite: () => {
        if (fail) throw new Error('disk full');
      },
    });
    const shared = new SharedChainData(sharedKv);
    const a = await openTestChain({ genesis, kv: new MemoryKvStore(), shared, memo: new ExecutionMemo() });
    const block = a.next([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 })]);
    fail = true;
    let message = '';
    await a.applyWithCommit(block, commitFor(block)).catch((e: Error) => (message = e.message));
    expect(message).to.equal('disk full');
    expect(a.store.tip().height).to.equal(0);
    fail = false;
    await a.applyWithCommit(block, commitFor(block));
    expect(a.store.tip().height).to.equal(1);
    expect((await a.store.blocks.block(1))?.txs).to.have.length(1);
  });
});
