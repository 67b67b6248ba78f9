import { expect } from 'chai';
import BN from 'bn.js';
import { MAX_AMOUNT } from '../../chain/amount.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { getAccount } from '../../chain/ledger/ledger-state.ts';
import { moduleAccountAddress, TREASURY_ACCOUNT } from '../../chain/ledger/module-accounts.ts';
import { amountToBytes } from '../../chain/amount.ts';
import { addressOf, HRP, makeGenesis, MIN_FEE, ONE, openTestChain, signedTx, testKey, transferTx, type TestChain } from '../fixtures/test-chain.ts';
import { expectCode } from '../fixtures/expect-code.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const carol = testKey('carol');
const treasury = moduleAccountAddress(TREASURY_ACCOUNT);

async function balances(chain: TestChain, addr: Uint8Array) {
  const a = await getAccount(chain.store.state, addr);
  return { nonce: a.nonce, TFT: a.balances.TFT.toString(), REGIONAL: a.balances.REGIONAL.toString() };
}

async function expectInvalid(chain: TestChain, txs: Uint8Array[], reason: string): Promise<void> {
  const rootBefore = toHex(chain.store.state.root());
  const tipBefore = chain.store.tip().height;
  const err = await expectCode(chain.apply(txs), 'EXEC_INVALID_TX');
  expect(err.details?.['reason'], err.message).to.equal(reason);
  expect(toHex(chain.store.state.root())).to.equal(rootBefore);
  expect(chain.store.tip().height).to.equal(tipBefore);
}

describe('ledger', () => {
  let chain: TestChain;
  beforeEach(async () => {
    chain = await openTestChain({
      genesis: makeGenesis({ alice: { TFT: ONE.muln(100), REGIONAL: ONE.muln(50) }, bob: { TFT: ONE, REGIONAL: ONE } }),
    });
  });

  it('loads genesis balances', async () => {
    expect(await balances(chain, addressOf(alice))).to.deep.equal({ nonce: 0, TFT: ONE.muln(100).toString(), REGIONAL: ONE.muln(50).toString() });
    expect(await balances(chain, addressOf(carol))).to.deep.equal({ nonce: 0, TFT: '0', REGIONAL: '0' });
  });

  it('transfers TFT, charges the fee in the regional token to the treasury and bumps the nonce', async () => {
    const applied = await chain.apply([transferTx(alice, addressOf(carol), 'TFT', ONE.muln(5), { nonce: 0 })]);
    expect(applied.results.txs[0]?.code).to.equal('OK');
    expect(await balances(chain, addressOf(alice))).to.deep.equal({ nonce: 1, TFT: ONE.muln(95).toString(), REGIONAL: ONE.muln(50).sub(MIN_FEE).toString() });
    expect(await balances(chain, addressOf(carol))).to.deep.equal({ nonce: 0, TFT: ONE.muln(5).toString(), REGIONAL: '0' });
    expect(await balances(chain, treasury)).to.deep.equal({ nonce: 0, TFT: '0', REGIONAL: MIN_FEE.toString() });
    const events = applied.results.txs[0]!.events;
    expect(events.map((e) => `${e.module}/${e.name}`)).to.deep.equal(['ledger/fee', 'ledger/transfer']);
    expect(events[1]!.data).to.deep.equal({ from: encodeAddress(HRP, addressOf(alice)), to: encodeAddress(HRP, addressOf(carol)), asset: 'TFT', amount: ONE.muln(5).toString() });
  });

  it('transfers the regional token and several txs of one sender in one block', async () => {
    const txs = [0, 1, 2].map((nonce) => transferTx(alice, addressOf(bob), 'REGIONAL', ONE, { nonce }));
    const applied = await chain.apply(txs);
    expect(applied.results.txs.map((r) => r.code)).to.deep.equal(['OK', 'OK', 'OK']);
    expect((await balances(chain, addressOf(alice))).REGIONAL).to.equal(ONE.muln(47).sub(MIN_FEE.muln(3)).toString());
    expect((await balances(chain, addressOf(bob))).REGIONAL).to.equal(ONE.muln(4).toString());
  });

  it('keeps total supply: every transfer and fee is conserved', async () => {
    const before = await Promise.all([alice, bob, carol].map((k) => getAccount(chain.store.state, addressOf(k))));
    await chain.apply([transferTx(alice, addressOf(carol), 'REGIONAL', ONE.muln(3), { nonce: 0 }), transferTx(bob, addressOf(alice), 'TFT', new BN(7), { nonce: 0, fee: MIN_FEE.muln(2) })]);
    const after = await Promise.all([alice, bob, carol].map((k) => getAccount(chain.store.state, addressOf(k))));
    const t = await getAccount(chain.store.state, treasury);
    const sum = (xs: typeof before, a: 'TFT' | 'REGIONAL') => xs.reduce((s, x) => s.add(x.balances[a]), new BN(0));
    expect(sum(after, 'REGIONAL').add(t.balances.REGIONAL).toString()).to.equal(sum(before, 'REGIONAL').toString());
    expect(sum(after, 'TFT').toString()).to.equal(sum(before, 'TFT').toString());
  });

  it('rejects an overdraft of TFT as invalid, changing nothing', async () => {
    await expectInvalid(chain, [transferTx(bob, addressOf(carol), 'TFT', ONE.addn(1), { nonce: 0 })], 'LEDGER_INSUFFICIENT_BALANCE');
  });

  it('counts the fee in a regional overdraft', async () => {
    await expectInvalid(chain, [transferTx(bob, addressOf(carol), 'REGIONAL', ONE.sub(MIN_FEE).addn(1), { nonce: 0 })], 'LEDGER_INSUFFICIENT_BALANCE');
    const ok = await chain.apply([transferTx(bob, addressOf(carol), 'REGIONAL', ONE.sub(MIN_FEE), { nonce: 0 })]);
    expect(ok.results.txs[0]?.code).to.equal('OK');
    expect((await balances(chain, addressOf(bob))).REGIONAL).to.equal('0');
  });

  it('rejects a sender who cannot pay the fee', async () => {
    const dave = testKey('dave');
    await chain.apply([transferTx(alice, addressOf(dave), 'TFT', ONE, { nonce: 0 })]);
    await expectInvalid(chain, [transferTx(dave, addressOf(alice), 'TFT', new BN(1), { nonce: 0 })], 'LEDGER_INSUFFICIENT_BALANCE');
  });

  it('rejects a fee below the genesis minimum', async () => {
    await expectInvalid(chain, [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0, fee: MIN_FEE.subn(1) })], 'LEDGER_FEE_TOO_LOW');
  });

  it('rejects a replayed tx and a nonce gap', async () => {
    const tx = transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 });
    await chain.apply([tx]);
    await expectInvalid(chain, [tx], 'LEDGER_NONCE_TOO_LOW');
    await expectInvalid(chain, [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 2 })], 'LEDGER_NONCE_TOO_HIGH');
  });

  it('rejects the same tx twice in one block', async () => {
    const tx = transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 });
    await expectCode(chain.apply([tx, tx]), 'EXEC_DUPLICATE_TX');
  });

  it('rejects a tx for another chain id', async () => {
    await expectInvalid(chain, [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0, chainId: 'tfr-other-1' })], 'TX_WRONG_CHAIN');
  });

  it('rejects an expired tx, and accepts one expiring at this height', async () => {
    await expectInvalid(chain, [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0, expiry: 0 })], 'TX_EXPIRED');
    const ok = await chain.apply([transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0, expiry: 1 })]);
    expect(ok.results.txs[0]?.code).to.equal('OK');
  });

  it('rejects a tampered signature', async () => {
    const tx = transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 });
    tx[tx.length - 1]! ^= 1;
    await expectInvalid(chain, [tx], 'TX_BAD_SIGNATURE');
  });

  it('rejects zero amounts, self transfers, unknown assets and commands', async () => {
    await expectInvalid(chain, [transferTx(alice, addressOf(bob), 'TFT', new BN(0), { nonce: 0 })], 'TX_BAD_PARAMS');
    await expectInvalid(chain, [transferTx(alice, addressOf(alice), 'TFT', ONE, { nonce: 0 })], 'LEDGER_SELF_TRANSFER');
    await expectInvalid(chain, [signedTx(alice, 'ledger', 'transfer', [addressOf(bob), 'DOGE', amountToBytes(ONE)], { nonce: 0 })], 'TX_BAD_PARAMS');
    await expectInvalid(chain, [signedTx(alice, 'ledger', 'mint', [], { nonce: 0 })], 'TX_UNKNOWN_COMMAND');
    await expectInvalid(chain, [signedTx(alice, 'ledger', 'transfer', [addressOf(bob), 'TFT'], { nonce: 0 })], 'TX_BAD_PARAMS');
  });

  it('rejects a transfer that would overflow the recipient balance', async () => {
    const big = await openTestChain({ genesis: makeGenesis({ alice: { TFT: ONE, REGIONAL: ONE }, bob: { TFT: MAX_AMOUNT, REGIONAL: new BN(0) } }) });
    await expectInvalid(big, [transferTx(alice, addressOf(bob), 'TFT', new BN(1), { nonce: 0 })], 'LEDGER_BALANCE_OVERFLOW');
  });

  it('indexes txs by hash with their result', async () => {
    const tx = transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 });
    const applied = await chain.apply([tx]);
    const stored = await chain.store.blocks.tx(applied.results.txs[0]!.hash);
    expect(stored?.height).to.equal(1);
    expect(stored?.index).to.equal(0);
    expect(stored?.bytes).to.deep.equal(tx);
    expect(stored?.result.code).to.equal('OK');
  });
});
