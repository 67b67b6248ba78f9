import { expect } from 'chai';
import BN from 'bn.js';
import { amountToBytes, formatHumanAmount, MAX_AMOUNT, parseBaseUnits, parseHumanAmount, readAmount } from '../../chain/amount.ts';
import { isChainError } from '../../chain/errors.ts';

describe('amounts', () => {
  it('parses only plain decimal base units up to 2^128 - 1', () => {
    expect(parseBaseUnits('0')?.toString()).to.equal('0');
    expect(parseBaseUnits('125000000')?.toString()).to.equal('125000000');
    expect(parseBaseUnits(MAX_AMOUNT.toString())?.eq(MAX_AMOUNT)).to.equal(true);
    for (const bad of ['', '-5', '1.5', '1e3', '012', ' 1', '0x10', MAX_AMOUNT.addn(1).toString()]) {
      expect(parseBaseUnits(bad), bad).to.equal(undefined);
    }
  });

  it('formats and parses human amounts with the asset decimals', () => {
    expect(formatHumanAmount(new BN('125000000'), 7)).to.equal('12.5');
    expect(formatHumanAmount(new BN('1'), 7)).to.equal('0.0000001');
    expect(formatHumanAmount(new BN('0'), 7)).to.equal('0');
    expect(formatHumanAmount(new BN('42'), 0)).to.equal('42');
    expect(parseHumanAmount('12.5', 7)?.toString()).to.equal('125000000');
    expect(parseHumanAmount('0.0000001', 7)?.toString()).to.equal('1');
    expect(parseHumanAmount('0.00000001', 7)).to.equal(undefined);
    expect(parseHumanAmount('-1', 7)).to.equal(undefined);
  });

  it('encodes minimal big-endian bytes and rejects any other form', () => {
    expect(amountToBytes(new BN(0))).to.deep.equal(new Uint8Array());
    expect(amountToBytes(new BN(256))).to.deep.equal(Uint8Array.of(1, 0));
    expect(readAmount(Uint8Array.of(1, 0), 'x').toNumber()).to.equal(256);
    for (const bad of [Uint8Array.of(0, 1), Uint8Array.of(0), new Uint8Array(17).fill(1)]) {
      try {
        readAmount(bad, 'fee');
        expect.fail('accepted a non-canonical amount');
      } catch (e) {
        expect(isChainError(e) && e.code).to.equal('CODEC_WRONG_TYPE');
        expect((e as Error).message).to.contain('fee');
      }
    }
    expect(() => amountToBytes(new BN(-1))).to.throw(RangeError);
  });
});
