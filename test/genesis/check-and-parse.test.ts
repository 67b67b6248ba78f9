import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { expectIssue, issuesOf, loose, smallGenesis, textOf } from './fixtures.ts';
import { isChainError } from '../../chain/errors.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { amountToBytes } from '../../chain/amount.ts';
import { checkGenesis, formatIssue, parseGenesis } from '../../genesis/parse-genesis.ts';
import { GENESIS_ERRORS } from '../../genesis/genesis-errors.ts';

describe('genesis: checkGenesis and parseGenesis', () => {
  it('collects every issue at once', () => {
    const g = smallGenesis();
    loose(g)['chainId'] = 'Bad Id';
    g.assets.tft.decimals = 8;
    g.validators[1]!.blsPop = g.validators[0]!.blsPop;
    g.accounts[2]!.balances['CHI'] = '1.5';
    loose(g.consensus)['anchorIntervall'] = 5;
    const issues = issuesOf(textOf(g));
    expectIssue(issues, 'GENESIS_INVALID_FIELD', 'chainId');
    expectIssue(issues, 'GENESIS_WRONG_DECIMALS', 'assets.tft.decimals');
    expectIssue(issues, 'GENESIS_BAD_POP', 'validators[1].blsPop');
    expectIssue(issues, 'GENESIS_INVALID_AMOUNT', 'accounts[2].balances.CHI');
    expectIssue(issues, 'GENESIS_UNKNOWN_FIELD', 'consensus.anchorIntervall');
    expect(issues).to.have.length(5);
    expect(Object.isFrozen(issues)).to.equal(true);
  });

  it('parseGenesis throws a ChainError with the first issue and lists them all in details', () => {
    const g = smallGenesis();
    delete loose(g)['region'];
    g.accounts[0]!.balances['XYZ'] = '1';
    let thrown: unknown;
    try {
      parseGenesis(textOf(g));
    } catch (e) {
      thrown = e;
    }
    if (!isChainError(thrown)) return expect.fail('expected a ChainError');
    expect(thrown.code).to.equal('GENESIS_MISSING_FIELD');
    expect(thrown.message).to.contain('region').and.to.contain('1 more issue');
    expect(thrown.details?.['field']).to.equal('region');
    const issues = thrown.details?.['issues'] as readonly { code: string; field: string }[];
    expect(issues.map((i) => [i.code, i.field])).to.deep.equal([
      ['GENESIS_MISSING_FIELD', 'region'],
      ['GENESIS_UNKNOWN_ASSET', 'accounts[0].balances.XYZ'],
    ]);
  });

  it('parseGenesis throws the code of a lone defect', () => {
    const g = smallGenesis();
    g.assets.regional.decimals = 19;
    expect(() => parseGenesis(textOf(g))).to.throw().that.satisfies((e: unknown) => isChainError(e) && e.code === 'GENESIS_WRONG_DECIMALS');
  });

  it('hashes the exact UTF-8 bytes of the text', () => {
    const text = textOf(smallGenesis());
    const genesis = parseGenesis(text);
    expect(toHex(genesis.hash)).to.equal(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    // Same content, different bytes: a different genesis.
    const compact = JSON.stringify(JSON.parse(text));
    expect(toHex(parseGenesis(compact).hash)).to.not.equal(toHex(genesis.hash));
  });

  it('reads the header fields', () => {
    const genesis = parseGenesis(textOf(smallGenesis()));
    expect(genesis.chainId).to.equal('tfr-testnet-1');
    expect(genesis.region).to.equal('testnet');
    expect(genesis.genesisTime).to.equal(Date.UTC(2026, 10, 1));
    expect(genesis.addressPrefix).to.equal('testnet');
    expect(genesis.assets).to.deep.equal({ tft: { symbol: 'TFT', decimals: 7 }, regional: { symbol: 'CHI', decimals: 7 } });
    expect(genesis.consensus.timeouts.proposeMs).to.equal(1000);
    expect(genesis.ledger.minFee.toString()).to.equal('1000');
    expect(genesis.app).to.deep.equal({});
  });

  describe('the result is deeply frozen', () => {
    const genesis = parseGenesis(textOf(smallGenesis()));

    it('freezes objects and arrays at every level', () => {
      for (const o of [genesis, genesis.assets, genesis.assets.tft, genesis.consensus, genesis.consensus.timeouts, genesis.ledger, genesis.validators, genesis.validators[0], genesis.accounts, genesis.accounts[0], genesis.accounts[0]!.balances, genesis.app]) {
        expect(Object.isFrozen(o)).to.equal(true);
      }
      expect(() => {
        (genesis as { chainId: string }).chainId = 'x';
      }).to.throw(TypeError);
      expect(() => (genesis.validators as unknown[]).push({})).to.throw(TypeError);
    });

    it('freezes amounts: mutating BN methods throw, reading ones work (also on zero)', () => {
      const tft = genesis.accounts[0]!.balances.TFT;
      expect(() => tft.iaddn(1)).to.throw(TypeError);
      expect(() => tft.isub(tft)).to.throw(TypeError);
      expect(tft.toString()).to.equal('10000000000000');
      expect(tft.addn(1).toString()).to.equal('10000000000001');
      expect(genesis.ledger.minFee.toArrayLike(Buffer, 'be', 16).length).to.equal(16);
      const g = smallGenesis();
      g.accounts[0]!.balances = { TFT: '0' };
      const zero = parseGenesis(textOf(g)).accounts[0]!.balances.REGIONAL;
      expect(Object.isFrozen(zero)).to.equal(true);
      expect(zero.toArray('be', 4)).to.deep.equal([0, 0, 0, 0]);
      expect(amountToBytes(zero).length).to.equal(0);
      expect(() => zero.iaddn(1)).to.throw(TypeError);
      expect(zero.isZero()).to.equal(true);
    });
  });

  it('formats an issue as one line with code and field', () => {
    expect(formatIssue({ code: 'GENESIS_BAD_POP', field: 'validators[3].blsPop', message: 'does not verify' })).to.equal(
      'GENESIS_BAD_POP validators[3].blsPop: does not verify',
    );
    expect(formatIssue({ code: 'GENESIS_INVALID_JSON', field: '', message: 'x' })).to.equal('GENESIS_INVALID_JSON (file): x');
  });

  it('documents every GENESIS_ code in genesis/README.md', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../genesis/README.md', import.meta.url), 'utf8');
    for (const code of Object.keys(GENESIS_ERRORS)) expect(readme, code).to.contain(`\`${code}\``);
  });

  it('rejects a non-string input as a programming error', () => {
    expect(() => checkGenesis(undefined as unknown as string)).to.throw(TypeError);
  });
});
