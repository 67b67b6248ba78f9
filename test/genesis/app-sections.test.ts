import { expect } from 'chai';
import { expectDefect, loose, smallGenesis, textOf } from './fixtures.ts';
import { ChainError } from '../../chain/errors.ts';
import { checkGenesis, parseGenesis } from '../../genesis/parse-genesis.ts';
import type { SectionParser } from '../../genesis/section-parser.ts';

interface Pool {
  readonly feeBps: number;
  readonly pairs: readonly string[];
}

const parsePool: SectionParser = (value, field) => {
  const v = value as { feeBps?: unknown; pairs?: unknown };
  if (typeof v.feeBps !== 'number' || v.feeBps < 0 || v.feeBps > 10_000) {
    throw new ChainError('GENESIS_INVALID_FIELD', 'feeBps must be 0..10000', { field: `${field}.feeBps` });
  }
  return { feeBps: v.feeBps, pairs: ['TFT/CHI'] } satisfies Pool;
};

describe('genesis: application sections', () => {
  it('rejects a section without a registered parser as an unknown field', () => {
    expectDefect((g) => void (loose(g)['pool'] = { feeBps: 30 }), 'GENESIS_UNKNOWN_FIELD', 'pool');
    expectDefect((g) => void (loose(g)['dao'] = {}), 'GENESIS_UNKNOWN_FIELD', 'dao', { sections: { pool: parsePool } });
  });

  it("puts the parser's result in genesis.app, frozen", () => {
    const g = smallGenesis();
    loose(g)['pool'] = { feeBps: 30 };
    const genesis = parseGenesis(textOf(g), { sections: { pool: parsePool } });
    const pool = genesis.app['pool'] as Pool;
    expect(pool).to.deep.equal({ feeBps: 30, pairs: ['TFT/CHI'] });
    expect(Object.isFrozen(pool)).to.equal(true);
    expect(Object.isFrozen(pool.pairs)).to.equal(true);
  });

  it('leaves a registered but absent section out of genesis.app', () => {
    const genesis = parseGenesis(textOf(smallGenesis()), { sections: { pool: parsePool } });
    expect(Object.keys(genesis.app)).to.deep.equal([]);
  });

  it("reports a parser's ChainError with its code and field", () => {
    expectDefect((g) => void (loose(g)['pool'] = { feeBps: 20_000 }), 'GENESIS_INVALID_FIELD', 'pool.feeBps', { sections: { pool: parsePool } });
    const noField: SectionParser = () => {
      throw new ChainError('GENESIS_INVALID_AMOUNT', 'bad reserve');
    };
    expectDefect((g) => void (loose(g)['pool'] = {}), 'GENESIS_INVALID_AMOUNT', 'pool', { sections: { pool: noField } });
  });

  it('lets a parser bug (not a ChainError) surface', () => {
    const g = smallGenesis();
    loose(g)['pool'] = {};
    const buggy: SectionParser = () => {
      throw new TypeError('oops');
    };
    expect(() => checkGenesis(textOf(g), { sections: { pool: buggy } })).to.throw(TypeError, 'oops');
  });

  it('refuses a section parser named like a core field', () => {
    expect(() => checkGenesis(textOf(smallGenesis()), { sections: { ledger: parsePool } })).to.throw(RangeError, 'ledger');
  });
});
