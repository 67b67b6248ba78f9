import { expect } from 'chai';
import { expectDefect, expectIssue, issuesOf, loose, smallGenesis, textOf } from './fixtures.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { bech32, bech32m } from '@scure/base';
import { MAX_AMOUNT } from '../../chain/amount.ts';
import { testAccountKey } from '../../genesis/test-accounts.ts';
import { SMALL_SEED } from './fixtures.ts';

describe('genesis: accounts', () => {
  it('parses addresses, names and balances keyed by symbol', () => {
    const g = smallGenesis();
    const genesis = parseGenesis(textOf(g));
    expect(genesis.accounts).to.have.length(12);
    const alice = genesis.accounts[0]!;
    expect(alice.name).to.equal('alice');
    expect(alice.address).to.equal(addressFromPublicKey('testnet', testAccountKey(SMALL_SEED, 'alice').publicKey));
    expect(alice.addressBytes.length).to.equal(20);
    expect(alice.balances.TFT.toString()).to.equal('10000000000000');
    expect(alice.balances.REGIONAL.toString()).to.equal('10000000000000');
  });

  it('treats a missing asset as 0 and accepts an account without a name', () => {
    const g = smallGenesis();
    delete g.accounts[1]!.balances['CHI'];
    g.accounts[2]!.balances = {};
    delete g.accounts[3]!.name;
    const genesis = parseGenesis(textOf(g));
    expect(genesis.accounts[1]!.balances.REGIONAL.isZero()).to.equal(true);
    expect(genesis.accounts[1]!.balances.TFT.isZero()).to.equal(false);
    expect(genesis.accounts[2]!.balances.TFT.isZero()).to.equal(true);
    expect(genesis.accounts[3]!.name).to.equal(undefined);
  });

  it('accepts no accounts at all', () => {
    const g = smallGenesis();
    g.accounts = [];
    expect(parseGenesis(textOf(g)).accounts).to.have.length(0);
  });

  describe('addresses', () => {
    const pub = testAccountKey(SMALL_SEED, 'alice').publicKey;
    const good = addressFromPublicKey('testnet', pub);
    const bad: [string, unknown][] = [
      ['another prefix', addressFromPublicKey('hub', pub)],
      ['a bad checksum', `${good.slice(0, -1)}${good.endsWith('q') ? 'p' : 'q'}`],
      ['bech32 instead of bech32m', bech32.encode('testnet', bech32.toWords(new Uint8Array(20)))],
      ['uppercase', good.toUpperCase()],
      ['a 32-byte payload', bech32m.encode('testnet', bech32m.toWords(pub))],
      ['garbage', 'testnet1xyz'],
      ['a public key in hex', Buffer.from(pub).toString('hex')],
      ['a number', 12],
    ];
    for (const [what, address] of bad) {
      it(`rejects ${what} with GENESIS_INVALID_ADDRESS`, () =>
        expectDefect((g) => void (loose(g.accounts[4])['address'] = address), 'GENESIS_INVALID_ADDRESS', 'accounts[4].address'));
    }
  });

  it('rejects a duplicate address and a duplicate name', () => {
    expectDefect((g) => void (g.accounts[5]!.address = g.accounts[1]!.address), 'GENESIS_DUPLICATE_VALUE', 'accounts[5].address');
    expectDefect((g) => void (g.accounts[5]!.name = 'bob'), 'GENESIS_DUPLICATE_VALUE', 'accounts[5].name');
  });

  it('rejects a balance in an unknown asset with GENESIS_UNKNOWN_ASSET', () => {
    expectDefect((g) => void (g.accounts[2]!.balances['ETH'] = '5'), 'GENESIS_UNKNOWN_ASSET', 'accounts[2].balances.ETH');
    expectDefect((g) => void (g.accounts[2]!.balances['tft'] = '5'), 'GENESIS_UNKNOWN_ASSET', 'accounts[2].balances.tft');
    expectDefect((g) => void (g.accounts[2]!.balances['REGIONAL'] = '5'), 'GENESIS_UNKNOWN_ASSET', 'accounts[2].balances.REGIONAL');
  });

  it('names balances by the regional symbol the genesis declares', () => {
    const g = smallGenesis();
    g.assets.regional.symbol = 'GENT';
    const issues = issuesOf(textOf(g));
    expectIssue(issues, 'GENESIS_UNKNOWN_ASSET', 'accounts[0].balances.CHI');
    for (const a of g.accounts) a.balances = { TFT: '1', GENT: '2' };
    expect(parseGenesis(textOf(g)).accounts[0]!.balances.REGIONAL.toString()).to.equal('2');
  });

  describe('amounts', () => {
    const bad: unknown[] = ['-5', '1.5', '1e3', '', '012', '00', '+1', ' 1', '1 ', '0x1f', '١٢', MAX_AMOUNT.addn(1).toString(), 5, null, ['1']];
    for (const amount of bad) {
      it(`rejects ${JSON.stringify(amount)} with GENESIS_INVALID_AMOUNT`, () =>
        expectDefect((g) => void (loose(g.accounts[2]!.balances)['CHI'] = amount), 'GENESIS_INVALID_AMOUNT', 'accounts[2].balances.CHI'));
    }

    it('accepts 0 and 2^128 - 1', () => {
      const g = smallGenesis();
      g.accounts = g.accounts.slice(0, 2);
      g.accounts[0]!.balances = { TFT: '0', CHI: MAX_AMOUNT.toString() };
      g.accounts[1]!.balances = { TFT: '5' };
      const genesis = parseGenesis(textOf(g));
      expect(genesis.accounts[0]!.balances.REGIONAL.eq(MAX_AMOUNT)).to.equal(true);
      expect(genesis.accounts[0]!.balances.TFT.isZero()).to.equal(true);
    });

    it('rejects a total supply above 2^128 - 1, naming the balance that overflows', () => {
      const half = MAX_AMOUNT.shrn(1); // 2^127 - 1
      expectDefect((g) => {
        g.accounts[0]!.balances['TFT'] = half.toString();
        g.accounts[1]!.balances['TFT'] = half.toString();
        g.accounts[2]!.balances['TFT'] = '100';
      }, 'GENESIS_INVALID_AMOUNT', 'accounts[2].balances.TFT');
      // Exactly 2^128 - 1 in total is fine.
      const g = smallGenesis();
      g.accounts = g.accounts.slice(0, 3);
      g.accounts[0]!.balances['TFT'] = half.toString();
      g.accounts[1]!.balances['TFT'] = half.toString();
      g.accounts[2]!.balances['TFT'] = '1';
      expect(parseGenesis(textOf(g)).accounts).to.have.length(3);
    });
  });

  it('rejects missing and unknown account fields and wrong types', () => {
    expectDefect((g) => void delete loose(g.accounts[0])['address'], 'GENESIS_MISSING_FIELD', 'accounts[0].address');
    expectDefect((g) => void delete loose(g.accounts[0])['balances'], 'GENESIS_MISSING_FIELD', 'accounts[0].balances');
    expectDefect((g) => void (loose(g.accounts[0])['nonce'] = 0), 'GENESIS_UNKNOWN_FIELD', 'accounts[0].nonce');
    expectDefect((g) => void (loose(g.accounts[0])['balances'] = ['1']), 'GENESIS_INVALID_FIELD', 'accounts[0].balances');
    expectDefect((g) => void (loose(g.accounts[0])['name'] = 'Alice Smith'), 'GENESIS_INVALID_FIELD', 'accounts[0].name');
    expectDefect((g) => void (loose(g.accounts)[3] = 'dave'), 'GENESIS_INVALID_FIELD', 'accounts[3]');
  });

  it('reports balance keys that need quoting in their path', () => {
    expectDefect((g) => void (g.accounts[1]!.balances['T F T'] = '1'), 'GENESIS_UNKNOWN_ASSET', 'accounts[1].balances["T F T"]');
  });
});
