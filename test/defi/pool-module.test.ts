import { expect } from 'chai';
import BN from 'bn.js';
import { toHex } from '../../chain/codec/bytes.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { StateOverlay } from '../../chain/execution/state-overlay.ts';
import { getAmountIn, getAmountOut, isqrt, MINIMUM_LIQUIDITY } from '../../defi/math.ts';
import { setPoolFee, getPool } from '../../defi/pool-state.ts';
import { twap } from '../../defi/pool-twap.ts';
import { quoteExactIn, quoteExactOut } from '../../defi/pool-quote.ts';
import { HRP, MIN_FEE, ONE } from '../fixtures/test-chain.ts';
import { expectCode } from '../fixtures/expect-code.ts';
import { addressOf, balancesOf, openPoolChain, poolGenesis, poolOf, poolSection, poolTx, sharesOf, testKey, TREASURY } from '../fixtures/pool-chain.ts';
import type { TestChain } from '../fixtures/test-chain.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const FUNDS = ONE.muln(1_000_000);

async function snapshot(chain: TestChain) {
  const p = await poolOf(chain);
  const a = await balancesOf(chain, addressOf(alice));
  return {
    reserves: [p.reserves.TFT.toString(), p.reserves.REGIONAL.toString()],
    totalShares: p.totalShares.toString(),
    aliceTFT: a.TFT.toString(),
    aliceREGIONAL: a.REGIONAL.toString(),
    aliceShares: (await sharesOf(chain, addressOf(alice))).toString(),
  };
}

/** Applies one tx of alice that must fail with `code`: fee and nonce charged, nothing else changed. */
async function expectFailed(chain: TestChain, tx: Uint8Array, code: string): Promise<void> {
  const before = await snapshot(chain);
  const nonceBefore = (await balancesOf(chain, addressOf(alice))).nonce;
  const applied = await chain.apply([tx]);
  expect(applied.results.txs[0]?.code).to.equal(code);
  const after = await snapshot(chain);
  expect(after.reserves).to.deep.equal(before.reserves);
  expect(after.totalShares).to.equal(before.totalShares);
  expect(after.aliceTFT).to.equal(before.aliceTFT);
  expect(after.aliceShares).to.equal(before.aliceShares);
  expect(after.aliceREGIONAL).to.equal(new BN(before.aliceREGIONAL).sub(MIN_FEE).toString());
  expect((await balancesOf(chain, addressOf(alice))).nonce).to.equal(nonceBefore + 1);
}

describe('pool module', () => {
  let chain: TestChain;
  let nonce: number;
  beforeEach(async () => {
    chain = await openPoolChain({ genesis: poolGenesis(['alice', 'bob'], FUNDS) });
    nonce = 0;
  });
  const n = () => ({ nonce: nonce++ });

  it('creates the pool at genesis: reserves, shares to the treasury, 1000 locked, an oracle observation', async () => {
    const p = await poolOf(chain);
    expect(p.reserves.TFT.toString()).to.equal(ONE.muln(100_000).toString());
    expect(p.reserves.REGIONAL.toString()).to.equal(ONE.muln(1_000_000).toString());
    const root = isqrt(ONE.muln(100_000).mul(ONE.muln(1_000_000)));
    expect(p.totalShares.toString()).to.equal(root.toString());
    expect((await sharesOf(chain, TREASURY)).toString()).to.equal(root.sub(MINIMUM_LIQUIDITY).toString());
    expect(p.feeBps).to.equal(30);
    expect(p.lastUpdateTime).to.equal(chain.genesis.genesisTime);
  });

  it('swap-exact-in: pays getAmountOut, moves the reserves, emits pool/swap', async () => {
    const amountIn = ONE.muln(1000);
    const expected = getAmountOut(amountIn, ONE.muln(100_000), ONE.muln(1_000_000), 30);
    const applied = await chain.apply([poolTx.swapIn(alice, 'TFT', amountIn, { ...n(), minOut: expected })]);
    const r = applied.results.txs[0]!;
    expect(r.code).to.equal('OK');
    const a = await balancesOf(chain, addressOf(alice));
    expect(a.TFT.toString()).to.equal(FUNDS.sub(amountIn).toString());
    expect(a.REGIONAL.toString()).to.equal(FUNDS.add(expected).sub(MIN_FEE).toString());
    const p = await poolOf(chain);
    expect(p.reserves.TFT.toString()).to.equal(ONE.muln(101_000).toString());
    expect(p.reserves.REGIONAL.toString()).to.equal(ONE.muln(1_000_000).sub(expected).toString());
    const swap = r.events.find((e) => e.module === 'pool' && e.name === 'swap')!;
    expect(swap.data).to.deep.equal({
      sender: encodeAddress(HRP, addressOf(alice)),
      assetIn: 'TFT',
      amountIn: amountIn.toString(),
      amountOut: expected.toString(),
      fee: ONE.muln(3).toString(),
      reserveTFT: p.reserves.TFT.toString(),
      reserveREGIONAL: p.reserves.REGIONAL.toString(),
    });
  });

  it('swap-exact-out: charges getAmountIn (rounded up) within maxAmountIn', async () => {
    const out = ONE.muln(5000);
    const need = getAmountIn(out, ONE.muln(1_000_000), ONE.muln(100_000), 30);
    const q = quoteExactOut(await poolOf(chain), 'REGIONAL', out);
    expect(q.amountIn.toString()).to.equal(need.toString());
    const applied = await chain.apply([poolTx.swapOut(alice, 'REGIONAL', out, need, n())]);
    expect(applied.results.txs[0]!.code).to.equal('OK');
    const a = await balancesOf(chain, addressOf(alice));
    expect(a.TFT.toString()).to.equal(FUNDS.add(out).toString());
    expect(a.REGIONAL.toString()).to.equal(FUNDS.sub(need).sub(MIN_FEE).toString());
  });

  it('add-liquidity deposits at the pool ratio, keeps the rest with the sender; remove-liquidity gives it back (less rounding)', async () => {
    const applied = await chain.apply([poolTx.add(alice, ONE.muln(1000), ONE.muln(50_000), n())]);
    expect(applied.results.txs[0]!.code).to.equal('OK');
    const a = await balancesOf(chain, addressOf(alice));
    expect(a.TFT.toString()).to.equal(FUNDS.sub(ONE.muln(1000)).toString());
    expect(a.REGIONAL.toString()).to.equal(FUNDS.sub(ONE.muln(10_000)).sub(MIN_FEE).toString());
    const shares = await sharesOf(chain, addressOf(alice));
    const p = await poolOf(chain);
    expect(shares.toString()).to.equal(ONE.muln(1000).mul(p.totalShares.sub(shares)).div(ONE.muln(100_000)).toString());
    const ev = applied.results.txs[0]!.events.find((e) => e.name === 'add-liquidity')!;
    expect(ev.data['shares']).to.equal(shares.toString());

    const removed = await chain.apply([poolTx.remove(alice, shares, n())]);
    expect(removed.results.txs[0]!.code).to.equal('OK');
    expect((await sharesOf(chain, addressOf(alice))).isZero()).to.equal(true);
    const back = await balancesOf(chain, addressOf(alice));
    expect(back.TFT.lte(FUNDS)).to.equal(true);
    expect(FUNDS.sub(back.TFT).lten(1)).to.equal(true);
    expect(removed.results.txs[0]!.events.map((e) => `${e.module}/${e.name}`)).to.deep.equal(['ledger/fee', 'pool/remove-liquidity']);
  });

  it('enforces the minimums of add-liquidity (AMM_SLIPPAGE), as a failed tx', async () => {
    await expectFailed(chain, poolTx.add(alice, ONE.muln(1000), ONE.muln(50_000), { ...n(), regionalMin: ONE.muln(10_001) }), 'AMM_SLIPPAGE');
    await expectFailed(chain, poolTx.add(alice, ONE.muln(1000), ONE.muln(5_000), { ...n(), tftMin: ONE.muln(501) }), 'AMM_SLIPPAGE');
  });

  it('failed txs: deadline, slippage, liquidity, shares, balance: each with its code, only fee and nonce charged', async () => {
    await chain.apply([]); // height 1
    await expectFailed(chain, poolTx.swapIn(alice, 'TFT', ONE, { ...n(), deadline: 1 }), 'AMM_DEADLINE_PASSED');
    const quoted = quoteExactIn(await poolOf(chain), 'TFT', ONE.muln(10)).amountOut;
    await expectFailed(chain, poolTx.swapIn(alice, 'TFT', ONE.muln(10), { ...n(), minOut: quoted.addn(1) }), 'AMM_SLIPPAGE');
    await expectFailed(chain, poolTx.swapOut(alice, 'TFT', ONE.muln(10), new BN(1), n()), 'AMM_SLIPPAGE');
    await expectFailed(chain, poolTx.swapOut(alice, 'TFT', ONE.muln(1_000_000), FUNDS, n()), 'AMM_INSUFFICIENT_LIQUIDITY');
    await expectFailed(chain, poolTx.swapOut(alice, 'REGIONAL', ONE.muln(100_000).addn(1), FUNDS, n()), 'AMM_INSUFFICIENT_LIQUIDITY');
    await expectFailed(chain, poolTx.remove(alice, new BN(1), n()), 'AMM_INSUFFICIENT_SHARES');
    await expectFailed(chain, poolTx.swapIn(alice, 'TFT', FUNDS.addn(1), n()), 'LEDGER_INSUFFICIENT_BALANCE');
    await expectFailed(chain, poolTx.swapIn(alice, 'REGIONAL', new BN(1), n()), 'AMM_INSUFFICIENT_OUTPUT');
    await expectFailed(chain, poolTx.add(alice, new BN(1), new BN(1), n()), 'AMM_MIN_LIQUIDITY');
    await expectFailed(chain, poolTx.remove(alice, new BN(1), { ...n(), deadline: 0 }), 'AMM_DEADLINE_PASSED');
  });

  it('rejects zero amounts and malformed params statelessly (the tx is invalid: TX_BAD_PARAMS)', async () => {
    const cmds = chain.ctx.registry;
    const decode = (command: string, params: unknown) => cmds.resolve('pool', command).command.decodeParams(params as never);
    const codes = (f: () => unknown) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(codes(() => decode('swap-exact-in', ['TFT', new Uint8Array(0), new Uint8Array(0), 5]))).to.equal('AMM_ZERO_AMOUNT');
    expect(codes(() => decode('swap-exact-in', ['BTC', Uint8Array.of(1), new Uint8Array(0), 5]))).to.equal('LEDGER_UNKNOWN_ASSET');
    expect(codes(() => decode('swap-exact-in', ['TFT', Uint8Array.of(1), new Uint8Array(0), -1]))).to.equal('CODEC_WRONG_TYPE');
    expect(codes(() => decode('swap-exact-in', ['TFT', new Uint8Array(17).fill(1), new Uint8Array(0), 5]))).to.equal('CODEC_WRONG_TYPE');
    expect(codes(() => decode('swap-exact-out', ['TFT', Uint8Array.of(1), new Uint8Array(0), 5]))).to.equal('AMM_ZERO_AMOUNT');
    expect(codes(() => decode('add-liquidity', [Uint8Array.of(1), new Uint8Array(0), new Uint8Array(0), new Uint8Array(0), 5]))).to.equal('AMM_ZERO_AMOUNT');
    expect(codes(() => decode('remove-liquidity', [new Uint8Array(0), new Uint8Array(0), new Uint8Array(0), 5]))).to.equal('AMM_ZERO_AMOUNT');
    expect(codes(() => decode('remove-liquidity', [Uint8Array.of(1), new Uint8Array(0), new Uint8Array(0)]))).to.equal('CODEC_WRONG_TYPE');
    const root = toHex(chain.store.state.root());
    const err = await expectCode(chain.apply([poolTx.swapIn(alice, 'TFT', new BN(0), n())]), 'EXEC_INVALID_TX');
    expect(err.details?.['reason']).to.equal('TX_BAD_PARAMS');
    expect(toHex(chain.store.state.root())).to.equal(root);
  });

  it('caps the reserves at 2^112 - 1 (AMM_RESERVE_CAP)', async () => {
    const huge = new BN(1).shln(127);
    const cap = new BN(1).shln(112).subn(1);
    chain = await openPoolChain({ genesis: poolGenesis(['alice'], huge, poolSection({ reserves: { TFT: cap.subn(10), REGIONAL: cap.subn(10) } })) });
    nonce = 0;
    await expectFailed(chain, poolTx.swapIn(alice, 'TFT', new BN(1).shln(100), n()), 'AMM_RESERVE_CAP');
    await expectFailed(chain, poolTx.add(alice, new BN(1).shln(100), new BN(1).shln(100), n()), 'AMM_RESERVE_CAP');
  });

  it('protocol fee on: mints 1/6 of the fee growth to the treasury before a deposit, kLast after', async () => {
    chain = await openPoolChain({ genesis: poolGenesis(['alice', 'bob'], FUNDS, poolSection({ protocolFee: true })) });
    nonce = 0;
    const treasuryBefore = await sharesOf(chain, TREASURY);
    const swaps = [0, 1, 2, 3].map((i) => poolTx.swapIn(bob, i % 2 === 0 ? 'TFT' : 'REGIONAL', ONE.muln(i % 2 === 0 ? 5000 : 50_000), { nonce: i }));
    expect((await chain.apply(swaps)).results.txs.map((r) => r.code)).to.deep.equal(['OK', 'OK', 'OK', 'OK']);
    const applied = await chain.apply([poolTx.add(alice, ONE.muln(10), ONE.muln(1000), n())]);
    expect(applied.results.txs[0]!.code).to.equal('OK');
    const fee = applied.results.txs[0]!.events.find((e) => e.name === 'protocol-fee')!;
    expect(new BN(fee.data['shares'] as string).gtn(0)).to.equal(true);
    expect((await sharesOf(chain, TREASURY)).sub(treasuryBefore).toString()).to.equal(fee.data['shares']);
    const p = await poolOf(chain);
    expect(p.kLast.toString()).to.equal(p.reserves.TFT.mul(p.reserves.REGIONAL).toString());
  });

  it('the TWAP: beginBlock accumulates prices from header time; twap reads the average back', async () => {
    for (let i = 0; i < 5; i++) await chain.apply([]);
    const p = await poolOf(chain);
    const now = chain.store.tip().time;
    const t = await twap(chain.store.state, now, 3);
    expect(t?.windowSeconds).to.equal(3);
    expect(t!.price0.toString()).to.equal(ONE.muln(1_000_000).shln(112).div(ONE.muln(100_000)).toString());
    expect(t!.price1.toString()).to.equal(ONE.muln(100_000).shln(112).div(ONE.muln(1_000_000)).toString());
    const long = await twap(chain.store.state, now, 3600);
    expect(long?.windowSeconds).to.equal(5);
    expect(p.lastUpdateTime).to.equal(now);
    // a swap moves the price; the average over a window spanning it lies between the two spots
    await chain.apply([poolTx.swapIn(alice, 'TFT', ONE.muln(10_000), n())]);
    for (let i = 0; i < 3; i++) await chain.apply([]);
    const after = await twap(chain.store.state, chain.store.tip().time, 6);
    const spotAfter = (await poolOf(chain)).reserves;
    const hi = ONE.muln(1_000_000).shln(112).div(ONE.muln(100_000));
    const lo = spotAfter.REGIONAL.shln(112).div(spotAfter.TFT);
    expect(after!.price0.lt(hi) && after!.price0.gt(lo)).to.equal(true);
    expect(await twap(chain.store.state, now - 10_000, 5)).to.equal(undefined);
  });

  it('setPoolFee changes the fee (0..1000 bps), for the DAO', async () => {
    const overlay = new StateOverlay(chain.store.state);
    await setPoolFee(overlay, 100);
    expect((await getPool(overlay))!.feeBps).to.equal(100);
    await expectCode(setPoolFee(overlay, 1001), 'AMM_INVALID_FEE');
  });

  it('is deterministic: two chains from one genesis reach the same state root', async () => {
    const other = await openPoolChain({ genesis: poolGenesis(['alice', 'bob'], FUNDS), kv: new MemoryKvStore() });
    const txs = [poolTx.swapIn(alice, 'TFT', ONE.muln(7), { nonce: 0 }), poolTx.add(alice, ONE.muln(3), ONE.muln(30), { nonce: 1 })];
    const a = await chain.apply(txs);
    const b = await other.apply(txs);
    expect(toHex(a.stateRoot)).to.equal(toHex(b.stateRoot));
  });
});
