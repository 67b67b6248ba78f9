/** ratioDecimal: exact truncated decimals with integer math. */
import BN from 'bn.js';
import { expect } from 'chai';
import { ratioDecimal } from '../../rpc/server/decimal-ratio.ts';

const r = (a: string | number, b: string | number, d?: number) => ratioDecimal(new BN(a), new BN(b), d);

describe('rpc: ratioDecimal', () => {
  it('truncates to 18 significant digits, never rounding up', () => {
    expect(r(1, 3)).to.equal('0.333333333333333333');
    expect(r(2, 3)).to.equal('0.666666666666666666');
    expect(r(20, 3)).to.equal('6.66666666666666666');
    expect(r(1, 7_000_000)).to.equal('0.000000142857142857142857');
    expect(r('12345678901234567890123', 1000)).to.equal('12345678901234567890');
    expect(r(1, 3, 4)).to.equal('0.3333');
  });
  it('exact ratios lose their trailing zeros', () => {
    expect(r(0, 5)).to.equal('0');
    expect(r(10, 5)).to.equal('2');
    expect(r(1, 4)).to.equal('0.25');
    expect(r(1, 1000)).to.equal('0.001');
    expect(r(123456789, 1000)).to.equal('123456.789');
    expect(r(99, 100)).to.equal('0.99');
    expect(r(1, 10)).to.equal('0.1');
    expect(r(9, 10)).to.equal('0.9');
  });
  it('refuses a zero denominator', () => {
    expect(() => r(1, 0)).to.throw(RangeError);
  });
});
