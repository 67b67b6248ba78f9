/**
 * Property tests of the pool module (fast-check): random sequences of swaps, deposits and
 * withdrawals by several users, run through the commands' execute on state layers.
 */
import { expect } from 'chai';
import BN from 'bn.js';
import fc from 'fast-check';
import { MINIMUM_LIQUIDITY } from '../../defi/math.ts';
import { encodeAddLiquidity, encodeRemoveLiquidity, encodeSwapExactIn, encodeSwapExactOut } from '../../defi/pool-params.ts';
import type { AssetId } from '../../genesis/genesis-types.ts';
import { poolSection } from '../fixtures/pool-chain.ts';
import { PoolWorld } from './pool-harness.ts';

const NAMES = ['alice', 'bob', 'carol'];
const FUNDS = new BN(10).pow(new BN(16));
const Z = new BN(0);
const D = 1_000_000;

/** An amount on a log scale, 1 .. ~10^17 (tiny, ordinary and larger than any balance). */
const amount = fc.tuple(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 9 })).map(([e, m]) => new BN(10).pow(new BN(e)).muln(m));
const asset = fc.constantFrom<AssetId>('TFT', 'REGIONAL');
const user = fc.integer({ min: 0, max: NAMES.length - 1 });

type Op =
  | { kind: 'swapIn'; user: number; asset: AssetId; amount: BN }
  | { kind: 'swapOut'; user: number; asset: AssetId; amount: BN }
  | { kind: 'add'; user: number; a: BN; b: BN }
  | { kind: 'remove'; user: number; fraction: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('swapIn' as const), user, asset, amount }),
  fc.record({ kind: fc.constant('swapOut' as const), user, asset, amount }),
  fc.record({ kind: fc.constant('add' as const), user, a: amount, b: amount }),
  fc.record({ kind: fc.constant('remove' as const), user, fraction: fc.integer({ min: 1, max: 100 }) }),
);

async function apply(w: PoolWorld, o: Op): Promise<string> {
  switch (o.kind) {
    case 'swapIn':
      return w.run(o.user, 'swap-exact-in', encodeSwapExactIn({ assetIn: o.asset, amountIn: o.amount, minAmountOut: Z, deadline: D }));
    case 'swapOut':
      return w.run(o.user, 'swap-exact-out', encodeSwapExactOut({ assetIn: o.asset, amountOut: o.amount, maxAmountIn: FUNDS.muln(10), deadline: D }));
    case 'add':
      return w.run(o.user, 'add-liquidity', encodeAddLiquidity({ tftDesired: o.a, regionalDesired: o.b, tftMin: Z, regionalMin: Z, deadline: D }));
    case 'remove': {
      const held = await w.shares(o.user);
      const shares = held.muln(o.fraction).divn(100);
      if (shares.isZero()) return 'skip';
      return w.run(o.user, 'remove-liquidity', encodeRemoveLiquidity({ shares, tftMin: Z, regionalMin: Z, deadline: D }));
    }
  }
}

async function totals(w: PoolWorld): Promise<{ TFT: BN; REGIONAL: BN; shares: BN }> {
  const p = await w.poolRecord();
  let tft = p.reserves.TFT;
  let regional = p.reserves.REGIONAL;
  let shares = MINIMUM_LIQUIDITY.add(await w.treasuryShares());
  for (let i = 0; i < NAMES.length; i++) {
    const b = await w.balance(i);
    tft = tft.add(b.TFT);
    regional = regional.add(b.REGIONAL);
    shares = shares.add(await w.shares(i));
  }
  return { TFT: tft, REGIONAL: regional, shares };
}

const smallPool = poolSection({ reserves: { TFT: new BN(10).pow(new BN(12)), REGIONAL: new BN(10).pow(new BN(13)) } });

describe('pool properties', function () {
  this.timeout(300_000);

  it('random operation sequences: balances conserved, k never falls on a swap, reserves > 0, shares add up and stay >= 1000', async () => {
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), fc.boolean(), fc.integer({ min: 0, max: 1000 }), async (ops, protocolFee, feeBps) => {
        const w = await PoolWorld.create(NAMES, FUNDS, { ...smallPool, protocolFee, feeBps });
        const start = await totals(w);
        for (const o of ops) {
          const before = await w.poolRecord();
          const code = await apply(w, o);
          codes.set(code, (codes.get(code) ?? 0) + 1);
          const after = await w.poolRecord();
          if (code === 'OK' && (o.kind === 'swapIn' || o.kind === 'swapOut')) {
            expect(after.reserves.TFT.mul(after.reserves.REGIONAL).gte(before.reserves.TFT.mul(before.reserves.REGIONAL)), 'k fell').to.equal(true);
          }
          if (code !== 'OK') expect(after).to.deep.equal(before);
          expect(after.reserves.TFT.gtn(0) && after.reserves.REGIONAL.gtn(0), 'empty reserve').to.equal(true);
          expect(after.totalShares.gte(MINIMUM_LIQUIDITY)).to.equal(true);
          const t = await totals(w);
          expect(t.TFT.toString()).to.equal(start.TFT.toString());
          expect(t.REGIONAL.toString()).to.equal(start.REGIONAL.toString());
          expect(t.shares.toString(), 'shares held + locked = total').to.equal(after.totalShares.toString());
        }
      }),
      { numRuns: 1500 },
    );
    // the sequences did exercise successes and failures of each kind
    expect(codes.get('OK') ?? 0).to.be.greaterThan(1000);
    for (const code of ['LEDGER_INSUFFICIENT_BALANCE', 'AMM_INSUFFICIENT_LIQUIDITY']) expect(codes.get(code) ?? 0, code).to.be.greaterThan(0);
  });

  it('no swap round trip profits (exact-in there, everything received back)', async () => {
    await fc.assert(
      fc.asyncProperty(asset, amount, fc.integer({ min: 0, max: 1000 }), async (a, amt, feeBps) => {
        const w = await PoolWorld.create(['alice'], FUNDS, { ...smallPool, feeBps });
        const before = await w.balance(0);
        if ((await apply(w, { kind: 'swapIn', user: 0, asset: a, amount: amt })) !== 'OK') return;
        const mid = await w.balance(0);
        const other: AssetId = a === 'TFT' ? 'REGIONAL' : 'TFT';
        const got = mid[other].sub(before[other]);
        if ((await apply(w, { kind: 'swapIn', user: 0, asset: other, amount: got })) !== 'OK') return; // the way back buys nothing: a trade, not a round trip
        const after = await w.balance(0);
        expect(after[a].lte(before[a]), 'round trip profit').to.equal(true);
        expect(after[other].lte(before[other])).to.equal(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('a deposit then an immediate withdrawal of its shares never returns more than was deposited', async () => {
    await fc.assert(
      fc.asyncProperty(amount, amount, fc.array(op, { maxLength: 4 }), async (a, b, warmup) => {
        const w = await PoolWorld.create(['alice', 'bob'], FUNDS, smallPool);
        for (const o of warmup) await apply(w, { ...o, user: 1 });
        const before = await w.balance(0);
        if ((await apply(w, { kind: 'add', user: 0, a, b })) !== 'OK') return;
        const shares = await w.shares(0);
        await w.run(0, 'remove-liquidity', encodeRemoveLiquidity({ shares, tftMin: Z, regionalMin: Z, deadline: D }));
        const after = await w.balance(0);
        expect(after.TFT.lte(before.TFT) && after.REGIONAL.lte(before.REGIONAL), 'deposit/withdraw profit').to.equal(true);
      }),
      { numRuns: 1000 },
    );
  });
});
