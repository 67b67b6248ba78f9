import { expect } from 'chai';
import BN from 'bn.js';
import fc from 'fast-check';
import { isChainError } from '../../chain/errors.ts';
import {
  checkSwapInvariant,
  depositShares,
  feeOf,
  firstDepositShares,
  getAmountIn,
  getAmountOut,
  isqrt,
  MAX_RESERVE,
  MINIMUM_LIQUIDITY,
  priceImpactBps,
  protocolFeeShares,
  quote,
  withdrawAmounts,
} from '../../defi/math.ts';

const E18 = new BN(10).pow(new BN(18));
const e18 = (n: number) => E18.muln(n);

function expectCode(f: () => unknown, code: string): void {
  try {
    f();
  } catch (e) {
    expect(isChainError(e) ? e.code : String(e)).to.equal(code);
    return;
  }
  expect.fail(`expected ${code}`);
}

/** Uniswap V2 core `swapTestCases` (amm.md): amountIn, reserveIn, reserveOut, expected out at 30 bps. */
const VECTORS: readonly [number, number, number, string][] = [
  [1, 5, 10, '1662497915624478906'],
  [1, 10, 5, '453305446940074565'],
  [2, 5, 10, '2851015155847869602'],
  [2, 10, 5, '831248957812239453'],
  [1, 10, 10, '906610893880149131'],
  [1, 100, 100, '987158034397061298'],
  [1, 1000, 1000, '996006981039903216'],
];

const big = (max: bigint) => fc.bigInt({ min: 1n, max }).map((b) => new BN(b.toString()));
const reserve = big((1n << 112n) - 1n);
const fee = fc.integer({ min: 0, max: 1000 });

describe('defi math', () => {
  describe('the published Uniswap V2 vectors', () => {
    for (const [a, rIn, rOut, expected] of VECTORS) {
      it(`${a}e18 into ${rIn}e18 / ${rOut}e18 gives ${expected}; the invariant holds there and fails one unit above`, () => {
        const out = getAmountOut(e18(a), e18(rIn), e18(rOut), 30);
        expect(out.toString()).to.equal(expected);
        expect(checkSwapInvariant(e18(rIn), e18(rOut), e18(a), out, 30)).to.equal(true);
        expect(checkSwapInvariant(e18(rIn), e18(rOut), e18(a), out.addn(1), 30)).to.equal(false);
      });
    }
  });

  it('first deposit (1e18, 4e18) mints 2e18 shares, 1000 of them locked', () => {
    expect(firstDepositShares(e18(1), e18(4)).toString()).to.equal(e18(2).sub(MINIMUM_LIQUIDITY).toString());
    expectCode(() => firstDepositShares(new BN(1000), new BN(1000)), 'AMM_MIN_LIQUIDITY');
    expect(firstDepositShares(new BN(1001), new BN(1001)).toString()).to.equal('1');
    expectCode(() => firstDepositShares(new BN(0), new BN(5)), 'AMM_ZERO_AMOUNT');
  });

  it('getAmountIn rounds up and is the least input that buys the output', () => {
    const rIn = e18(5);
    const rOut = e18(10);
    const out = new BN('1662497915624478906');
    const inp = getAmountIn(out, rIn, rOut, 30);
    expect(getAmountOut(inp, rIn, rOut, 30).gte(out)).to.equal(true);
    expect(getAmountOut(inp.subn(1), rIn, rOut, 30).lt(out)).to.equal(true);
    // exact division still adds one: floor(...) + 1
    expect(getAmountIn(new BN(1), new BN(10000), new BN(20000), 0).toString()).to.equal('1');
    expect(getAmountIn(new BN(10), new BN(100), new BN(110), 0).toString()).to.equal('11');
    expectCode(() => getAmountIn(rOut, rIn, rOut, 30), 'AMM_INSUFFICIENT_LIQUIDITY');
    expectCode(() => getAmountIn(new BN(0), rIn, rOut, 30), 'AMM_ZERO_AMOUNT');
  });

  it('rejects zero amounts, empty reserves and fees out of range', () => {
    expectCode(() => getAmountOut(new BN(0), e18(1), e18(1), 30), 'AMM_ZERO_AMOUNT');
    expectCode(() => getAmountOut(new BN(1), new BN(0), e18(1), 30), 'AMM_INSUFFICIENT_LIQUIDITY');
    expectCode(() => getAmountOut(new BN(1), e18(1), e18(1), 1001), 'AMM_INVALID_FEE');
    expectCode(() => getAmountOut(new BN(1), e18(1), e18(1), 2.5), 'AMM_INVALID_FEE');
    expectCode(() => quote(new BN(0), e18(1), e18(1)), 'AMM_ZERO_AMOUNT');
    expectCode(() => withdrawAmounts(new BN(5), e18(1), e18(1), new BN(4)), 'AMM_INSUFFICIENT_SHARES');
    expectCode(() => withdrawAmounts(new BN(1), new BN(5), e18(1), e18(1)), 'AMM_INSUFFICIENT_OUTPUT');
    expectCode(() => depositShares(new BN(1), new BN(1), e18(1), e18(1), new BN(10)), 'AMM_MIN_LIQUIDITY');
  });

  it('quote, deposit and withdrawal formulas round down', () => {
    expect(quote(new BN(10), new BN(3), new BN(2)).toString()).to.equal('6');
    expect(depositShares(new BN(10), new BN(7), new BN(3), new BN(2), new BN(3)).toString()).to.equal('10');
    const w = withdrawAmounts(new BN(1), new BN(10), new BN(7), new BN(3));
    expect([w.amount0.toString(), w.amount1.toString()]).to.deep.equal(['3', '2']);
  });

  it('protocol fee: 1/6 of the growth of sqrt(k), zero without growth or kLast', () => {
    expect(protocolFeeShares(e18(1), e18(1).mul(e18(1)), new BN(0)).isZero()).to.equal(true);
    expect(protocolFeeShares(e18(1), e18(1), e18(2)).isZero()).to.equal(true);
    // sqrt(k) from 100 to 106: supply * 6 / (530 + 100)
    expect(protocolFeeShares(new BN(630), new BN(106 * 106), new BN(100 * 100)).toString()).to.equal('6');
  });

  it('isqrt is the floor square root', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 300n) - 1n }), (n) => {
        const r = BigInt(isqrt(new BN(n.toString())).toString());
        return r * r <= n && (r + 1n) * (r + 1n) > n;
      }),
      { numRuns: 2000 },
    );
  });

  it('feeOf and priceImpactBps', () => {
    expect(feeOf(new BN(1000), 30).toString()).to.equal('3');
    expect(feeOf(new BN(1001), 30).toString()).to.equal('4');
    expect(priceImpactBps(new BN(100), new BN(99), new BN(1_000_000), new BN(1_000_000))).to.equal(100);
    expect(priceImpactBps(new BN(0), new BN(0), new BN(1), new BN(1))).to.equal(0);
  });

  describe('properties', () => {
    it('getAmountOut: the output passes the invariant, one more unit fails it, and it never empties the reserve', () => {
      fc.assert(
        fc.property(big(1n << 128n), reserve, reserve, fee, (amountIn, rIn, rOut, f) => {
          const out = getAmountOut(amountIn, rIn, rOut, f);
          if (out.gte(rOut)) return false;
          if (!checkSwapInvariant(rIn, rOut, amountIn, out, f)) return false;
          return out.addn(1).gte(rOut) || !checkSwapInvariant(rIn, rOut, amountIn, out.addn(1), f);
        }),
        { numRuns: 3000 },
      );
    });

    it('getAmountIn: an input whose output covers the asked amount, at most one above the least; it passes the invariant', () => {
      fc.assert(
        fc.property(reserve, reserve, fee, fc.double({ min: 0, max: 0.999, noNaN: true }), (rIn, rOut, f, frac) => {
          const amountOut = BN.max(new BN(1), rOut.muln(Math.floor(frac * 1000)).divn(1000));
          if (amountOut.gte(rOut)) return true;
          const inp = getAmountIn(amountOut, rIn, rOut, f);
          if (!checkSwapInvariant(rIn, rOut, inp, amountOut, f)) return false;
          if (getAmountOut(inp, rIn, rOut, f).lt(amountOut)) return false;
          // floor(...) + 1 is the least input, or one above it when the division is exact (the reference formula)
          return inp.lten(2) || getAmountOut(inp.subn(2), rIn, rOut, f).lt(amountOut) || !checkSwapInvariant(rIn, rOut, inp.subn(2), amountOut, f);
        }),
        { numRuns: 3000 },
      );
    });

    it('a swap round trip never returns more than was put in', () => {
      fc.assert(
        fc.property(big(1n << 100n), reserve, reserve, fee, (amountIn, rIn, rOut, f) => {
          const out = getAmountOut(amountIn, rIn, rOut, f);
          if (out.isZero()) return true;
          const back = getAmountOut(out, rOut.sub(out), rIn.add(amountIn), f);
          return back.lte(amountIn);
        }),
        { numRuns: 3000 },
      );
    });

    it('deposit then withdrawal never returns more than was deposited', () => {
      fc.assert(
        fc.property(reserve, reserve, big(1n << 110n), big(1n << 110n), (r0, r1, a0, a1) => {
          const supply = isqrt(r0.mul(r1));
          if (supply.lte(MINIMUM_LIQUIDITY)) return true;
          let shares: BN;
          try {
            shares = depositShares(a0, a1, r0, r1, supply);
          } catch {
            return true;
          }
          const newSupply = supply.add(shares);
          const r0n = r0.add(a0);
          const r1n = r1.add(a1);
          const w0 = shares.mul(r0n).div(newSupply);
          const w1 = shares.mul(r1n).div(newSupply);
          return w0.lte(a0) && w1.lte(a1);
        }),
        { numRuns: 3000 },
      );
    });

    it('getAmountOut never gives more than the reserve and is monotonic in the input', () => {
      fc.assert(
        fc.property(big(1n << 120n), big(1n << 120n), reserve, reserve, fee, (x, y, rIn, rOut, f) => {
          const [lo, hi] = x.lte(y) ? [x, y] : [y, x];
          const a = getAmountOut(lo, rIn, rOut, f);
          const b = getAmountOut(hi, rIn, rOut, f);
          return a.lte(b) && b.lt(rOut) && lo.eq(x.lte(y) ? x : y);
        }),
        { numRuns: 2000 },
      );
    });

    it('the reserve cap is 2^112 - 1', () => {
      expect(MAX_RESERVE.toString(16)).to.equal('f'.repeat(28));
    });
  });
});
