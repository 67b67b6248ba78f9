/** The explorer's text: tokens from base units and back (agreeing with chain/amount.ts), hashes, shares, durations, prices. */
import BN from 'bn.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { formatHumanAmount, parseHumanAmount } from '../../chain/amount.ts';
import {
  formatBlockTime,
  formatBps,
  formatDuration,
  formatPermille,
  formatPercent,
  formatPrice,
  formatTokens,
  formatUnits,
  formatWeight,
  groupDigits,
  parseTokens,
  shortHash,
} from '../../rpc/explorer/view/format.ts';

describe('explorer view: format', () => {
  it('formatUnits: whole tokens, grouped, trailing zeros dropped', () => {
    expect(formatUnits('125000000', 7)).to.equal('12.5');
    expect(formatUnits('0', 7)).to.equal('0');
    expect(formatUnits('1', 7)).to.equal('0.0000001');
    expect(formatUnits('1000000000000', 7)).to.equal('100,000');
    expect(formatUnits(12345678901234567890n, 7)).to.equal('1,234,567,890,123.456789');
    expect(formatUnits('42', 0)).to.equal('42');
    expect(formatUnits(-15n, 1)).to.equal('-1.5');
    expect(formatTokens('9960069810', 7, 'CHI')).to.equal('996.006981 CHI');
    expect(groupDigits('1234567')).to.equal('1,234,567');
    expect(groupDigits('123')).to.equal('123');
  });

  it('formatUnits agrees with the chain formatter (without the grouping), for any amount and decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 18 }), (v, d) => {
        expect(formatUnits(v, d).replaceAll(',', '')).to.equal(formatHumanAmount(new BN(v.toString()), d));
      }),
    );
  });

  it('parseTokens: what a person types, to base units; undefined for anything else', () => {
    expect(parseTokens('12.5', 7)).to.equal(125_000_000n);
    expect(parseTokens(' 3 ', 7)).to.equal(30_000_000n);
    expect(parseTokens('.5', 1)).to.equal(5n);
    expect(parseTokens('5.', 1)).to.equal(50n);
    expect(parseTokens('0.0000001', 7)).to.equal(1n);
    expect(parseTokens('007', 0)).to.equal(7n);
    for (const bad of ['', ' ', '.', '-1', '1e5', '1,000', '0x10', '1.2.3', '0.00000001', 'abc', '١٢']) expect(parseTokens(bad, 7), bad).to.equal(undefined);
    expect(parseTokens('1.5', 0)).to.equal(undefined);
  });

  it('parseTokens inverts formatUnits, and agrees with the chain parser on canonical input', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), fc.integer({ min: 0, max: 18 }), (v, d) => {
        const text = formatUnits(v, d).replaceAll(',', '');
        expect(parseTokens(text, d)).to.equal(v);
        expect(parseHumanAmount(text, d)!.toString()).to.equal(v.toString());
      }),
    );
  });

  it('short hashes, percentages, weights', () => {
    const h = 'ab'.repeat(32);
    expect(shortHash(h)).to.equal('abababab…abababab');
    expect(shortHash('abcd')).to.equal('abcd');
    expect(formatPermille(334)).to.equal('33.4%');
    expect(formatPermille(1000)).to.equal('100%');
    expect(formatBps(30)).to.equal('0.3%');
    expect(formatBps(5)).to.equal('0.05%');
    expect(formatBps(0)).to.equal('0%');
    expect(formatPercent(1, 3)).to.equal('33.33%');
    expect(formatPercent(1, 0)).to.equal('0%');
    expect(formatWeight(1500)).to.equal('1.5');
    expect(formatWeight(2_000_000)).to.equal('2,000');
  });

  it('durations and block times', () => {
    expect(formatDuration(0)).to.equal('0 s');
    expect(formatDuration(44.6)).to.equal('45 s');
    expect(formatDuration(60)).to.equal('1 min');
    expect(formatDuration(185)).to.equal('3 min 5 s');
    expect(formatDuration(3600)).to.equal('1 h');
    expect(formatDuration(7440)).to.equal('2 h 4 min');
    expect(formatDuration(86_400 * 3 + 3600 * 4)).to.equal('3 d 4 h');
    expect(formatDuration(86_400)).to.equal('1 d');
    expect(formatDuration(-5)).to.equal('0 s');
    expect(formatBlockTime(660)).to.equal('0.66 s');
    expect(formatBlockTime(12_345)).to.equal('12.3 s');
  });

  it('prices: a few significant digits of the exact decimal', () => {
    expect(formatPrice('3.99880071964010795')).to.equal('3.998801');
    expect(formatPrice('10')).to.equal('10');
    expect(formatPrice('0.25')).to.equal('0.25');
    expect(formatPrice('0.000123456789')).to.equal('0.0001234568');
    expect(formatPrice('0')).to.equal('0');
    expect(formatPrice('123456789.123')).to.equal('123456789');
    expect(formatPrice('12345678901234567')).to.match(/^1\.234568e\+16$/);
  });
});
