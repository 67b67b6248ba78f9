import { expect } from 'chai';
import { expectDefect, expectIssue, issuesOf, loose, smallGenesis, textOf } from './fixtures.ts';
import { checkGenesis, parseGenesis } from '../../genesis/parse-genesis.ts';
import type { GenesisFileValidator } from '../../genesis/genesis-file.ts';
import { toHex } from '../../chain/codec/bytes.ts';

const SMALL_ORDER_ED25519 = `01${'00'.repeat(31)}`; // the identity point
const BLS_IDENTITY = `c0${'00'.repeat(47)}`;

describe('genesis: validators', () => {
  it('parses keys as bytes and keeps order, names and power', () => {
    const g = smallGenesis();
    const genesis = parseGenesis(textOf(g));
    expect(genesis.validators.map((v) => v.name)).to.deep.equal(['validator-01', 'validator-02', 'validator-03', 'validator-04']);
    const [first] = genesis.validators;
    expect(toHex(first!.publicKey)).to.equal(g.validators[0]!.publicKey);
    expect(first!.blsPublicKey.length).to.equal(48);
    expect(first!.blsPop.length).to.equal(96);
    expect(first!.power).to.equal(1);
    expect(first!.networkAddress).to.equal(undefined);
  });

  it('rejects an empty list and more than 100 validators', () => {
    expectDefect((g) => void (g.validators = []), 'GENESIS_INVALID_FIELD', 'validators');
    expectDefect((g) => {
      const many: GenesisFileValidator[] = [];
      for (let i = 0; i < 101; i++) many.push({ ...g.validators[i % 4]!, name: `v-${i}` });
      g.validators = many;
    }, 'GENESIS_INVALID_FIELD', 'validators');
  });

  it('rejects duplicate names, ed25519 keys and BLS keys, naming the later entry', () => {
    const issues = expectDefect((g) => void (g.validators[3]!.name = g.validators[1]!.name), 'GENESIS_DUPLICATE_VALUE', 'validators[3].name');
    expect(issues.find((i) => i.field === 'validators[3].name')!.message).to.contain('validators[1].name');
    expectDefect((g) => void (g.validators[2]!.publicKey = g.validators[0]!.publicKey), 'GENESIS_DUPLICATE_VALUE', 'validators[2].publicKey');
    expectDefect((g) => {
      g.validators[3]!.blsPublicKey = g.validators[0]!.blsPublicKey;
      g.validators[3]!.blsPop = g.validators[0]!.blsPop;
    }, 'GENESIS_DUPLICATE_VALUE', 'validators[3].blsPublicKey');
  });

  describe('key encodings', () => {
    const bad = (field: 'publicKey' | 'blsPublicKey' | 'blsPop', value: unknown) =>
      expectDefect((g) => void (loose(g.validators[1])[field] = value), 'GENESIS_INVALID_FIELD', `validators[1].${field}`);

    it('rejects ed25519 keys of the wrong length, case or type', () => {
      const key = smallGenesis().validators[1]!.publicKey;
      bad('publicKey', key.slice(2));
      bad('publicKey', `${key}00`);
      bad('publicKey', key.toUpperCase());
      bad('publicKey', `0x${key.slice(2)}`);
      bad('publicKey', 42);
    });

    it('rejects an ed25519 key that is not a usable point', () => bad('publicKey', SMALL_ORDER_ED25519));

    it('rejects BLS keys and pops of the wrong length', () => {
      const v = smallGenesis().validators[1]!;
      bad('blsPublicKey', v.blsPublicKey.slice(2));
      bad('blsPublicKey', v.publicKey);
      bad('blsPop', v.blsPop.slice(0, 190));
      bad('blsPop', null);
    });

    it('rejects a BLS key that is not a valid G1 point', () => {
      bad('blsPublicKey', BLS_IDENTITY);
      bad('blsPublicKey', 'ff'.repeat(48));
    });
  });

  it('rejects a proof of possession that does not verify, with GENESIS_BAD_POP', () => {
    expectDefect((g) => void (g.validators[1]!.blsPop = g.validators[2]!.blsPop), 'GENESIS_BAD_POP', 'validators[1].blsPop');
    // A valid key with someone else's pop: the pop is what is wrong.
    const issues = expectDefect((g) => void (g.validators[2]!.blsPublicKey = g.validators[3]!.blsPublicKey), 'GENESIS_BAD_POP', 'validators[2].blsPop');
    expectIssue(issues, 'GENESIS_DUPLICATE_VALUE', 'validators[3].blsPublicKey');
  });

  describe('power', () => {
    for (const value of [0, -1, 1.5, '1', null, 2 ** 53]) {
      it(`rejects ${JSON.stringify(value)}`, () => expectDefect((g) => void (loose(g.validators[0])['power'] = value), 'GENESIS_INVALID_FIELD', 'validators[0].power'));
    }

    it('rejects a total above 2^50 and accepts exactly 2^50', () => {
      expectDefect((g) => g.validators.forEach((v) => (v.power = 2 ** 49)), 'GENESIS_INVALID_FIELD', 'validators');
      const g = smallGenesis();
      g.validators.forEach((v) => (v.power = 2 ** 48));
      expect(parseGenesis(textOf(g)).validators[0]!.power).to.equal(2 ** 48);
    });
  });

  it('rejects missing and unknown validator fields', () => {
    for (const field of ['name', 'publicKey', 'blsPublicKey', 'blsPop', 'power']) {
      expectDefect((g) => void delete loose(g.validators[2])[field], 'GENESIS_MISSING_FIELD', `validators[2].${field}`);
    }
    expectDefect((g) => void (loose(g.validators[0])['pubKey'] = 'x'), 'GENESIS_UNKNOWN_FIELD', 'validators[0].pubKey');
    expectDefect((g) => void (loose(g.validators)[1] = 'validator-02'), 'GENESIS_INVALID_FIELD', 'validators[1]');
  });

  it('checks names and the optional network address', () => {
    expectDefect((g) => void (g.validators[0]!.name = 'Validator 1'), 'GENESIS_INVALID_FIELD', 'validators[0].name');
    expectDefect((g) => void (g.validators[0]!.name = ''), 'GENESIS_INVALID_FIELD', 'validators[0].name');
    expectDefect((g) => void (g.validators[0]!.networkAddress = 'has space'), 'GENESIS_INVALID_FIELD', 'validators[0].networkAddress');
    expectDefect((g) => void (loose(g.validators[0])['networkAddress'] = null), 'GENESIS_INVALID_FIELD', 'validators[0].networkAddress');
    const g = smallGenesis();
    g.validators[0]!.networkAddress = '/ip4/10.0.0.1/tcp/26656';
    expect(parseGenesis(textOf(g)).validators[0]!.networkAddress).to.equal('/ip4/10.0.0.1/tcp/26656');
  });

  it('reports every bad validator, not just the first', () => {
    const g = smallGenesis();
    g.validators[0]!.power = 0;
    g.validators[3]!.blsPop = g.validators[0]!.blsPop;
    const issues = issuesOf(textOf(g));
    expectIssue(issues, 'GENESIS_INVALID_FIELD', 'validators[0].power');
    expectIssue(issues, 'GENESIS_BAD_POP', 'validators[3].blsPop');
    expect(checkGenesis(textOf(smallGenesis())).ok).to.equal(true);
  });
});
