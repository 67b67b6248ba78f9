import { expect } from 'chai';
import { expectDefect, expectIssue, issuesOf, loose, smallGenesis, textOf } from './fixtures.ts';
import { checkGenesis } from '../../genesis/parse-genesis.ts';

describe('genesis: JSON syntax and top-level fields', () => {
  it('accepts the generated small genesis (baseline for every defect below)', () => {
    const result = checkGenesis(textOf(smallGenesis()));
    expect(result.ok, result.ok ? '' : JSON.stringify(result.issues)).to.equal(true);
  });

  describe('invalid JSON', () => {
    const text = textOf(smallGenesis());
    const cases: [string, string][] = [
      ['truncated', text.slice(0, text.length / 2)],
      ['empty', ''],
      ['a line comment', text.replace('{', '{ // comment\n')],
      ['a block comment', text.replace('{', '{ /* comment */')],
      ['a trailing comma', text.replace('"anchorInterval": 50', '"anchorInterval": 50,')],
      ['a byte order mark', `\uFEFF${text}`],
      ['single quotes', text.replace('"chainId"', "'chainId'")],
      ['NaN', text.replace('"power": 1', '"power": NaN')],
      ['two documents', `${text}{}`],
    ];
    for (const [what, bad] of cases) {
      it(`rejects ${what}`, () => expectIssue(issuesOf(bad), 'GENESIS_INVALID_JSON', ''));
    }
  });

  it('rejects a repeated key at the top level', () => {
    const text = textOf(smallGenesis()).replace('{', '{\n  "chainId": "tfr-other-1",');
    expectIssue(issuesOf(text), 'GENESIS_DUPLICATE_JSON_KEY', 'chainId');
  });

  it('rejects a repeated key deep inside, naming its path', () => {
    const text = textOf(smallGenesis());
    // The third account's balances object: repeat its TFT key.
    const at = text.indexOf('"balances": {', text.indexOf('"name": "carol"'));
    const bad = `${text.slice(0, at)}"balances": {\n "TFT": "1",${text.slice(at + '"balances": {'.length)}`;
    expectIssue(issuesOf(bad), 'GENESIS_DUPLICATE_JSON_KEY', 'accounts[2].balances.TFT');
  });

  it('rejects a file that is not an object', () => {
    expectIssue(issuesOf('[1, 2]'), 'GENESIS_INVALID_FIELD', '');
    expectIssue(issuesOf('"genesis"'), 'GENESIS_INVALID_FIELD', '');
  });

  for (const field of ['chainId', 'region', 'genesisTime', 'addressPrefix', 'assets', 'consensus', 'ledger', 'validators', 'accounts']) {
    it(`rejects a missing ${field}`, () => expectDefect((g) => void delete loose(g)[field], 'GENESIS_MISSING_FIELD', field));
  }

  it('rejects unknown top-level fields (typos never pass)', () => {
    expectDefect((g) => void (loose(g)['chainID'] = 'tfr-testnet-1'), 'GENESIS_UNKNOWN_FIELD', 'chainID');
    expectDefect((g) => void (loose(g)['toString'] = {}), 'GENESIS_UNKNOWN_FIELD', 'toString');
    const text = textOf(smallGenesis()).replace('{', '{\n  "__proto__": {},');
    expectIssue(issuesOf(text), 'GENESIS_UNKNOWN_FIELD', '__proto__');
  });

  describe('chainId', () => {
    for (const bad of ['', 'TFR-1', 'tfr_1', 'tfr 1', 'a'.repeat(65), 42, null]) {
      it(`rejects ${JSON.stringify(bad)}`, () => expectDefect((g) => void (loose(g)['chainId'] = bad), 'GENESIS_INVALID_FIELD', 'chainId'));
    }
    it('accepts 64 characters', () => {
      const g = smallGenesis();
      g.chainId = 'a'.repeat(64);
      expect(checkGenesis(textOf(g)).ok).to.equal(true);
    });
  });

  describe('region', () => {
    for (const bad of ['', 'Europe', 'eu west', 'a'.repeat(33), 7]) {
      it(`rejects ${JSON.stringify(bad)}`, () => expectDefect((g) => void (loose(g)['region'] = bad), 'GENESIS_INVALID_FIELD', 'region'));
    }
  });

  describe('genesisTime', () => {
    const bad = [
      '2026-11-01 00:00:00Z',
      '2026-11-01T00:00:00',
      '2026-11-01T00:00:00+01:00',
      '2026-11-01t00:00:00z',
      '2026-13-01T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-11-01T24:00:00Z',
      '2026-11-01T23:59:60Z',
      '2026-11-01T00:00:00.1234Z',
      '1969-12-31T23:59:59Z',
      '2026-11-01',
      1793491200000,
    ];
    for (const value of bad) {
      it(`rejects ${JSON.stringify(value)}`, () => expectDefect((g) => void (loose(g)['genesisTime'] = value), 'GENESIS_INVALID_FIELD', 'genesisTime'));
    }
  });

  describe('addressPrefix', () => {
    for (const bad of ['', 'Testnet', 'test-net', 'a'.repeat(17), 1]) {
      it(`rejects ${JSON.stringify(bad)}`, () => expectDefect((g) => void (loose(g)['addressPrefix'] = bad), 'GENESIS_INVALID_FIELD', 'addressPrefix'));
    }
  });

  it('rejects sections of the wrong type', () => {
    expectDefect((g) => void (loose(g)['consensus'] = 'fast'), 'GENESIS_INVALID_FIELD', 'consensus');
    expectDefect((g) => void (loose(g)['assets'] = []), 'GENESIS_INVALID_FIELD', 'assets');
    expectDefect((g) => void (loose(g)['validators'] = {}), 'GENESIS_INVALID_FIELD', 'validators');
    expectDefect((g) => void (loose(g)['accounts'] = null), 'GENESIS_INVALID_FIELD', 'accounts');
    expectDefect((g) => void (loose(g)['ledger'] = 1000), 'GENESIS_INVALID_FIELD', 'ledger');
  });
});
