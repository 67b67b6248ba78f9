/**
 * Attacks on the pool, through applyBlock with signed txs: first-depositor inflation, rounding
 * farming with many tiny swaps, a sandwich around a bounded swap, and hostile amounts. Each failing
 * tx fails with its code and changes nothing but its fee and nonce.
 */
import { expect } from 'chai';
import BN from 'bn.js';
import { toHex } from '../../chain/codec/bytes.ts';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { firstDepositShares, MINIMUM_LIQUIDITY } from '../../defi/math.ts';
import { quoteExactIn } from '../../defi/pool-quote.ts';
import { MIN_FEE, ONE, signedTx, type TestChain } from '../fixtures/test-chain.ts';
import { expectCode } from '../fixtures/expect-code.ts';
import { addressOf, balancesOf, openPoolChain, poolGenesis, poolOf, poolSection, poolTx, sharesOf, testKey } from '../fixtures/pool-chain.ts';
import { encodeRemoveLiquidity, encodeSwapExactIn } from '../../defi/pool-params.ts';

const attacker = testKey('mallory');
const victim = testKey('alice');
const FUNDS = ONE.muln(10_000_000);

const value = (b: { TFT: BN; REGIONAL: BN }, p: { reserves: { TFT: BN; REGIONAL: BN } }) =>
  // in TFT at the pool's spot price (for comparing holdings)
  b.TFT.add(b.REGIONAL.mul(p.reserves.TFT).div(p.reserves.REGIONAL));

describe('pool attacks', function () {
  this.timeout(60_000);

  it('first-depositor inflation: the locked 1000 shares and no donation path keep a later depositor whole', async () => {
    expect(() => firstDepositShares(new BN(1), new BN(1))).to.throw().with.property('code', 'AMM_MIN_LIQUIDITY');
    // the attacker seeded the smallest pool possible: 1 share of its own, 1000 locked
    const chain = await openPoolChain({
      genesis: poolGenesis(['alice', 'mallory'], FUNDS, poolSection({ reserves: { TFT: new BN(1001), REGIONAL: new BN(1001) }, provider: undefined })),
    });
    // it pumps the reserves with swaps in both directions (the only way value enters besides deposits)
    const pumps = [0, 1, 2, 3].map((i) => poolTx.swapIn(attacker, i % 2 === 0 ? 'TFT' : 'REGIONAL', new BN(10).pow(new BN(8)), { nonce: i }));
    await chain.apply(pumps);
    const dep = ONE.muln(1000);
    const before = await balancesOf(chain, addressOf(victim));
    const applied = await chain.apply([poolTx.add(victim, dep, dep, { nonce: 0 })]);
    expect(applied.results.txs[0]!.code).to.equal('OK');
    const shares = await sharesOf(chain, addressOf(victim));
    expect(shares.gtn(0)).to.equal(true);
    const mid = await poolOf(chain);
    const oneShare = mid.reserves.TFT.mul(new BN(2)).div(mid.totalShares).addn(1); // a share's worth, both sides, in TFT
    await chain.apply([signedTx(victim, 'pool', 'remove-liquidity', encodeRemoveLiquidity({ shares, tftMin: new BN(0), regionalMin: new BN(0), deadline: 1000 }), { nonce: 1 })]);
    const after = await balancesOf(chain, addressOf(victim));
    const pool = await poolOf(chain);
    // lost at most the two fees and the rounding of one share (here about 1e-5 of the deposit)
    const lost = value(before, pool).sub(value(after, pool)).sub(MIN_FEE.muln(2).mul(pool.reserves.TFT).div(pool.reserves.REGIONAL));
    expect(lost.lte(oneShare.muln(2)), `victim lost ${lost.toString()}, a share is worth ${oneShare.toString()}`).to.equal(true);
    expect(lost.muln(10_000).lt(dep), 'lost less than 1 bp').to.equal(true);
    expect(pool.totalShares.gte(MINIMUM_LIQUIDITY)).to.equal(true);
  });

  it('many tiny swaps cannot farm rounding: the attacker never ends with more of both assets, k never falls', async () => {
    const chain = await openPoolChain({ genesis: poolGenesis(['mallory'], FUNDS, poolSection({ reserves: { TFT: new BN(10).pow(new BN(6)), REGIONAL: new BN(10).pow(new BN(7)) } })) });
    const before = await balancesOf(chain, addressOf(attacker));
    let nonce = 0;
    let k = (await poolOf(chain)).reserves.TFT.mul((await poolOf(chain)).reserves.REGIONAL);
    for (let block = 0; block < 4; block++) {
      const txs: Uint8Array[] = [];
      for (let i = 0; i < 50; i++) {
        const kind = i % 4;
        if (kind === 0) txs.push(poolTx.swapIn(attacker, 'TFT', new BN(1), { nonce: nonce++ }));
        else if (kind === 1) txs.push(poolTx.swapIn(attacker, 'REGIONAL', new BN(11), { nonce: nonce++ }));
        else if (kind === 2) txs.push(poolTx.swapOut(attacker, 'REGIONAL', new BN(1), new BN(100), { nonce: nonce++ }));
        else txs.push(poolTx.swapOut(attacker, 'TFT', new BN(9), new BN(100), { nonce: nonce++ }));
      }
      await chain.apply(txs);
      const p = await poolOf(chain);
      const k2 = p.reserves.TFT.mul(p.reserves.REGIONAL);
      expect(k2.gte(k)).to.equal(true);
      k = k2;
    }
    const after = await balancesOf(chain, addressOf(attacker));
    const fees = MIN_FEE.muln(nonce);
    const dTFT = after.TFT.sub(before.TFT);
    const dREG = after.REGIONAL.add(fees).sub(before.REGIONAL);
    expect(dTFT.lten(0) || dREG.lten(0), `attacker gained ${dTFT.toString()} TFT and ${dREG.toString()} regional`).to.equal(true);
    expect(value({ TFT: dTFT, REGIONAL: dREG }, await poolOf(chain)).lten(0)).to.equal(true);
  });

  it('a sandwich: the victim bounded at 0.5% fails AMM_SLIPPAGE instead of losing more, paying only the fee', async () => {
    const chain = await openPoolChain({ genesis: poolGenesis(['alice', 'mallory'], FUNDS) });
    const amountIn = ONE.muln(1000);
    const quoted = quoteExactIn(await poolOf(chain), 'TFT', amountIn).amountOut;
    const minOut = quoted.muln(9950).divn(10_000);
    const victimBefore = await balancesOf(chain, addressOf(victim));
    const front = poolTx.swapIn(attacker, 'TFT', ONE.muln(20_000), { nonce: 0 });
    const victimTx = poolTx.swapIn(victim, 'TFT', amountIn, { nonce: 0, minOut, deadline: 5 });
    const back = poolTx.swapIn(attacker, 'REGIONAL', ONE.muln(100_000), { nonce: 1 });
    const applied = await chain.apply([front, victimTx, back]);
    expect(applied.results.txs.map((r) => r.code)).to.deep.equal(['OK', 'AMM_SLIPPAGE', 'OK']);
    const victimAfter = await balancesOf(chain, addressOf(victim));
    expect(victimAfter.TFT.toString()).to.equal(victimBefore.TFT.toString());
    expect(victimAfter.REGIONAL.toString()).to.equal(victimBefore.REGIONAL.sub(MIN_FEE).toString());
    // without the front-run the same tx goes through
    const fresh = await openPoolChain({ genesis: poolGenesis(['alice', 'mallory'], FUNDS) });
    expect((await fresh.apply([victimTx])).results.txs[0]!.code).to.equal('OK');
  });

  describe('hostile amounts and deadlines', () => {
    let chain: TestChain;
    let nonce = 0;
    beforeEach(async () => {
      chain = await openPoolChain({ genesis: poolGenesis(['mallory'], FUNDS) });
      nonce = 0;
      await chain.apply([]);
      await chain.apply([]);
    });

    async function expectFailed(tx: Uint8Array, code: string) {
      const pool = await poolOf(chain);
      const before = await balancesOf(chain, addressOf(attacker));
      const applied = await chain.apply([tx]);
      expect(applied.results.txs[0]!.code).to.equal(code);
      const after = await balancesOf(chain, addressOf(attacker));
      expect(after.TFT.toString()).to.equal(before.TFT.toString());
      expect(after.REGIONAL.toString()).to.equal(before.REGIONAL.sub(MIN_FEE).toString());
      expect(after.nonce).to.equal(before.nonce + 1);
      const p = await poolOf(chain);
      expect([p.reserves.TFT.toString(), p.reserves.REGIONAL.toString(), p.totalShares.toString()]).to.deep.equal([
        pool.reserves.TFT.toString(),
        pool.reserves.REGIONAL.toString(),
        pool.totalShares.toString(),
      ]);
    }

    async function expectInvalid(tx: Uint8Array) {
      const root = toHex(chain.store.state.root());
      const err = await expectCode(chain.apply([tx]), 'EXEC_INVALID_TX');
      expect(err.details?.['reason']).to.equal('TX_BAD_PARAMS');
      expect(toHex(chain.store.state.root())).to.equal(root);
    }

    it('an expired deadline fails AMM_DEADLINE_PASSED (deadline 2 at height 3)', async () => {
      await expectFailed(poolTx.swapIn(attacker, 'TFT', ONE, { nonce: nonce++, deadline: 2 }), 'AMM_DEADLINE_PASSED');
      await expectFailed(poolTx.add(attacker, ONE, ONE, { nonce: nonce++, deadline: 2 }), 'AMM_DEADLINE_PASSED');
      await expectFailed(poolTx.swapOut(attacker, 'TFT', ONE, ONE.muln(100), { nonce: nonce++, deadline: 0 }), 'AMM_DEADLINE_PASSED');
    });

    it('zero, negative and oversized amounts make the tx invalid', async () => {
      await expectInvalid(poolTx.swapIn(attacker, 'TFT', new BN(0), { nonce }));
      await expectInvalid(poolTx.add(attacker, new BN(0), ONE, { nonce }));
      await expectInvalid(poolTx.remove(attacker, new BN(0), { nonce }));
      await expectInvalid(signedTx(attacker, 'pool', 'swap-exact-in', ['TFT', -5, new Uint8Array(0), 10], { nonce }));
      await expectInvalid(signedTx(attacker, 'pool', 'swap-exact-in', ['TFT', new Uint8Array(17).fill(0xff), new Uint8Array(0), 10], { nonce }));
      await expectInvalid(signedTx(attacker, 'pool', 'swap-exact-in', ['TFT', Uint8Array.of(0, 1), new Uint8Array(0), 10], { nonce }));
      await expectInvalid(signedTx(attacker, 'pool', 'swap-exact-in', ['TFT', Uint8Array.of(1), new Uint8Array(0), 10, 'extra'], { nonce }));
      expect(encodeCbor(encodeSwapExactIn({ assetIn: 'TFT', amountIn: new BN(1), minAmountOut: new BN(0), deadline: 1 })).length).to.be.lessThan(16);
    });

    it('amounts above the balance fail LEDGER_INSUFFICIENT_BALANCE; above the reserve AMM_INSUFFICIENT_LIQUIDITY; past the cap AMM_RESERVE_CAP', async () => {
      await expectFailed(poolTx.swapIn(attacker, 'TFT', FUNDS.addn(1), { nonce: nonce++ }), 'LEDGER_INSUFFICIENT_BALANCE');
      const p = await poolOf(chain);
      await expectFailed(poolTx.swapOut(attacker, 'TFT', p.reserves.REGIONAL, FUNDS, { nonce: nonce++ }), 'AMM_INSUFFICIENT_LIQUIDITY');
      await expectFailed(poolTx.swapOut(attacker, 'TFT', p.reserves.REGIONAL.subn(1), FUNDS, { nonce: nonce++ }), 'AMM_SLIPPAGE');
      await expectFailed(poolTx.swapIn(attacker, 'TFT', new BN(1).shln(127), { nonce: nonce++ }), 'AMM_RESERVE_CAP');
      await expectFailed(poolTx.remove(attacker, new BN(1), { nonce: nonce++ }), 'AMM_INSUFFICIENT_SHARES');
    });
  });
});
