import { expect } from 'chai';
import BN from 'bn.js';
import { Mempool } from '../../chain/mempool/mempool.ts';
import { addressOf, makeGenesis, MIN_FEE, ONE, openTestChain, signedTx, testKey, transferTx, type TestChain } from '../fixtures/test-chain.ts';
import { escrowModule } from '../fixtures/escrow-module.ts';
import { expectCode } from '../fixtures/expect-code.ts';
import { mainThreadVerifier, type SignatureVerifier } from '../../chain/tx/signature-verifier.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const carol = testKey('carol');
const genesis = makeGenesis({ alice: { TFT: ONE.muln(10), REGIONAL: ONE.muln(10) }, bob: { TFT: ONE, REGIONAL: ONE } });

function baseOf(chain: TestChain) {
  return { state: chain.store.state, nextHeight: chain.store.tip().height + 1, time: chain.store.tip().time };
}

async function setup(limits: { maxTxs?: number; maxBytes?: number } = {}) {
  const chain = await openTestChain({ genesis, extraModules: [escrowModule()] });
  const pool = new Mempool(
    { chainId: chain.ctx.chainId, registry: chain.ctx.registry, verifier: chain.ctx.verifier, maxTxBytes: 65536, maxTxs: limits.maxTxs ?? 100, maxBytes: limits.maxBytes ?? 1 << 20 },
    baseOf(chain),
  );
  return { chain, pool };
}

describe('mempool', () => {
  it('admits a sender’s consecutive nonces and reaps them as a valid block', async () => {
    const { chain, pool } = await setup();
    for (const nonce of [0, 1, 2]) await pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce }));
    await pool.add(transferTx(bob, addressOf(carol), 'REGIONAL', new BN(5), { nonce: 0 }));
    expect(pool.size).to.equal(4);
    const applied = await chain.apply(pool.reap(100, 1 << 20));
    expect(applied.results.txs.map((r) => r.code)).to.deep.equal(['OK', 'OK', 'OK', 'OK']);
  });

  it('refuses invalid txs with their code and stays unchanged', async () => {
    const { pool } = await setup();
    const first = transferTx(alice, addressOf(bob), 'TFT', ONE.muln(6), { nonce: 0 });
    await pool.add(first);
    const forged = transferTx(bob, addressOf(alice), 'TFT', ONE, { nonce: 0 });
    forged[forged.length - 1]! ^= 1;
    const refusals: Array<[Uint8Array, string]> = [
      [forged, 'TX_BAD_SIGNATURE'],
      [first, 'MEMPOOL_DUPLICATE'],
      [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 }), 'LEDGER_NONCE_TOO_LOW'],
      [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 2 }), 'LEDGER_NONCE_TOO_HIGH'],
      [transferTx(alice, addressOf(bob), 'TFT', ONE.muln(5), { nonce: 1 }), 'LEDGER_INSUFFICIENT_BALANCE'], // 6 pending + 5 > 10
      [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 1, chainId: 'tfr-other-1' }), 'TX_WRONG_CHAIN'],
      [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 1, expiry: 0 }), 'TX_EXPIRED'],
      [transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 1, fee: MIN_FEE.subn(1) }), 'LEDGER_FEE_TOO_LOW'],
      [signedTx(bob, 'escrow', 'withdraw', [1], { nonce: 0 }), 'LEDGER_INSUFFICIENT_BALANCE'], // would fail at execute
    ];
    for (const [tx, code] of refusals) await expectCode(pool.add(tx), code);
    expect(pool.size).to.equal(1);
    await pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE.muln(4), { nonce: 1 }));
    expect(pool.size).to.equal(2);
  });

  it('refuses txs beyond its count or byte limit', async () => {
    const { pool } = await setup({ maxTxs: 2 });
    await pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 }));
    await pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 1 }));
    await expectCode(pool.add(transferTx(bob, addressOf(alice), 'TFT', ONE, { nonce: 0 })), 'MEMPOOL_FULL');
    const small = await setup({ maxBytes: 200 });
    await expectCode(small.pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 })).then(() => small.pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 1 }))), 'MEMPOOL_FULL');
  });

  it('after a commit, drops included txs and rechecks the rest against the new state', async () => {
    const { chain, pool } = await setup();
    for (const nonce of [0, 1, 2]) await pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce }));
    await pool.add(transferTx(bob, addressOf(carol), 'TFT', ONE, { nonce: 0 }));
    // Another proposer's block spends bob's TFT with another tx of the same nonce first.
    const conflicting = transferTx(bob, addressOf(alice), 'TFT', ONE, { nonce: 0 });
    const first = pool.reap(1, 1 << 20);
    await chain.apply([...first, conflicting]);
    const dropped = await pool.update(baseOf(chain), [...first, conflicting]);
    expect(dropped).to.equal(1); // bob's nonce 0 is used now
    expect(pool.size).to.equal(2);
    const applied = await chain.apply(pool.reap(100, 1 << 20));
    expect(applied.results.txs.map((r) => r.code)).to.deep.equal(['OK', 'OK']);
  });

  it('reaps within the limits', async () => {
    const { pool } = await setup();
    for (const nonce of [0, 1, 2]) await pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce }));
    expect(pool.reap(2, 1 << 20)).to.have.length(2);
    const one = pool.reap(10, 1)[0];
    expect(one).to.equal(undefined);
  });

  it('takes calls in order though signature checks finish in any order', async () => {
    const chain = await openTestChain({ genesis, extraModules: [escrowModule()] });
    // A verifier answering after random delays, as a thread pool does.
    const inner = mainThreadVerifier();
    const shuffled: SignatureVerifier = {
      verifyAll: (checks) => new Promise((resolve) => setTimeout(() => resolve(inner.verifyAll(checks)), Math.random() * 20)),
    };
    const pool = new Mempool({ chainId: chain.ctx.chainId, registry: chain.ctx.registry, verifier: shuffled, maxTxBytes: 65536, maxTxs: 100, maxBytes: 1 << 20 }, baseOf(chain));
    const txs = [0, 1, 2, 3, 4, 5].map((nonce) => transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce }));
    const results = await Promise.allSettled(txs.map((tx) => pool.add(tx)));
    expect(results.map((r) => r.status)).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    // Two txs spending the same balance (bob has 7 now), submitted together: the second is refused, never both admitted.
    const both = await Promise.allSettled([pool.add(transferTx(bob, addressOf(carol), 'TFT', ONE.muln(5), { nonce: 0 })), pool.add(transferTx(bob, addressOf(carol), 'TFT', ONE.muln(5), { nonce: 1 }))]);
    expect(both.map((r) => r.status)).to.deep.equal(['fulfilled', 'rejected']);
    const applied = await chain.apply(pool.reap(100, 1 << 20));
    expect(applied.results.txs.map((r) => r.code)).to.deep.equal(['OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK']);
  });

  it('shared by validators: an update for a height the pool reached is a no-op, and reap answers only for its height', async () => {
    const { chain, pool } = await setup();
    await pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0 }));
    await pool.add(transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 1 }));
    const first = pool.reap(1, 1 << 20);
    expect(pool.reap(100, 1 << 20, 2)).to.deep.equal([]); // a proposer of height 2 while the pool is at 1
    await chain.apply(first);
    expect(await pool.update(baseOf(chain), first)).to.equal(0);
    expect(pool.nextHeight).to.equal(2);
    expect(pool.size).to.equal(1);
    // Another validator committing the same block later: nothing changes.
    await pool.update(baseOf(chain), first);
    await pool.update({ ...baseOf(chain), nextHeight: 1 }, []);
    expect(pool.size).to.equal(1);
    expect(pool.reap(100, 1 << 20, 2)).to.have.length(1);
  });

  it('refuses a tx that expires while queued behind an update', async () => {
    const { chain, pool } = await setup();
    const soon = transferTx(alice, addressOf(bob), 'TFT', ONE, { nonce: 0, expiry: 1 });
    await chain.apply([]);
    const update = pool.update(baseOf(chain), []);
    await Promise.all([update, expectCode(pool.add(soon), 'TX_EXPIRED')]);
    expect(pool.size).to.equal(0);
  });
});
