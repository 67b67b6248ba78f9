import { regionGenesisSections } from '../../chain/node/region-modules.ts';
import { expect } from 'chai';
import { smallGenesis, SMALL_SEED, textOf } from './fixtures.ts';
import { generateGenesis } from '../../genesis/generate-genesis.ts';
import { formatGenesisJson } from '../../genesis/genesis-file.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { testAccountKey, TEST_ACCOUNT_NAMES, testAccountNames } from '../../genesis/test-accounts.ts';
import { testValidatorKeys } from '../../genesis/test-validator-keys.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { deriveBlsKey, deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { isChainError } from '../../chain/errors.ts';
import { parsePoolSection, type PoolGenesis } from '../../defi/pool-genesis.ts';

describe('genesis: generateGenesis', () => {
  it('is deterministic: same inputs, same bytes', () => {
    const again = generateGenesis({ region: 'testnet', validators: 4, seed: SMALL_SEED, pool: false, dao: false });
    expect(formatGenesisJson(again)).to.equal(formatGenesisJson(smallGenesis()));
  });

  it('derives different keys from a different seed', () => {
    const other = generateGenesis({ region: 'testnet', validators: 4, seed: `${SMALL_SEED}-2` });
    const mine = smallGenesis();
    other.validators.forEach((v, i) => {
      expect(v.publicKey).to.not.equal(mine.validators[i]!.publicKey);
      expect(v.blsPublicKey).to.not.equal(mine.validators[i]!.blsPublicKey);
    });
    expect(other.accounts[0]!.address).to.not.equal(mine.accounts[0]!.address);
  });

  it('uses the documented key derivation for validators and accounts', () => {
    const g = smallGenesis();
    g.validators.forEach((v, i) => {
      const keys = testValidatorKeys(SMALL_SEED, 'testnet', i + 1);
      expect(v.name).to.equal(`validator-0${i + 1}`);
      expect(v.publicKey).to.equal(toHex(deriveEd25519Key(SMALL_SEED, `testnet/validator/${i + 1}`).publicKey));
      expect(v.publicKey).to.equal(toHex(keys.ed25519.publicKey));
      expect(v.blsPublicKey).to.equal(toHex(deriveBlsKey(SMALL_SEED, `testnet/validator/${i + 1}/bls`).publicKey));
      expect(v.blsPop).to.equal(toHex(keys.bls.pop));
      expect(v.power).to.equal(1);
    });
    expect(g.accounts.map((a) => a.name)).to.deep.equal([...TEST_ACCOUNT_NAMES]);
    g.accounts.forEach((a) => {
      expect(a.address).to.equal(addressFromPublicKey('testnet', deriveEd25519Key(SMALL_SEED, `account/${a.name}`).publicKey));
      expect(a.address).to.equal(addressFromPublicKey('testnet', testAccountKey(SMALL_SEED, a.name!).publicKey));
      expect(a.balances).to.deep.equal({ TFT: '10000000000000', CHI: '10000000000000' });
    });
  });

  it('has at least 10 named test accounts, alice first', () => {
    expect(TEST_ACCOUNT_NAMES.length).to.be.at.least(10);
    expect(TEST_ACCOUNT_NAMES[0]).to.equal('alice');
    expect(testAccountNames(14).slice(11)).to.deep.equal(['niaj', 'account-13', 'account-14']);
  });

  it('applies the documented defaults', () => {
    const g = smallGenesis();
    expect(g.chainId).to.equal('tfr-testnet-1');
    expect(g.genesisTime).to.equal('2026-11-01T00:00:00Z');
    expect(g.addressPrefix).to.equal('testnet');
    expect(g.assets).to.deep.equal({ tft: { symbol: 'TFT', decimals: 7 }, regional: { symbol: 'CHI', decimals: 7 } });
    expect(g.consensus).to.deep.equal({
      timeouts: { proposeMs: 1000, proposeDeltaMs: 500, prevoteMs: 500, prevoteDeltaMs: 250, precommitMs: 500, precommitDeltaMs: 250, commitMs: 500 },
      maxBlockBytes: 4 * 1024 * 1024,
      maxBlockTxs: 10_000,
      maxTxBytes: 64 * 1024,
      anchorInterval: 50,
    });
    expect(g.ledger).to.deep.equal({ minFee: '1000' });
    expect(g.accounts).to.have.length(12);
  });

  it('names the hub token HUB and honours every option', () => {
    const hub = generateGenesis({ region: 'hub', validators: 1, seed: 's', accounts: 0 });
    expect(hub.assets.regional.symbol).to.equal('HUB');
    const region = generateGenesis({ region: 'testnet', validators: 1, seed: 's', accounts: 0 });
    expect(hub.validators[0]!.publicKey).to.not.equal(region.validators[0]!.publicKey);
    expect(hub.validators[0]!.blsPublicKey).to.not.equal(region.validators[0]!.blsPublicKey);
    expect(hub.chainId).to.equal('tfr-hub-1');
    const g = generateGenesis({
      region: 'gent',
      validators: 2,
      seed: 's',
      chainId: 'tfr-gent-7',
      genesisTime: '2027-01-01T12:00:00Z',
      addressPrefix: 'gnt',
      regionalSymbol: 'GENT',
      accounts: 13,
      dao: false,
      anchorInterval: 4,
    });
    expect(g.consensus.anchorInterval).to.equal(4);
    expect([g.chainId, g.genesisTime, g.addressPrefix, g.assets.regional.symbol]).to.deep.equal(['tfr-gent-7', '2027-01-01T12:00:00Z', 'gnt', 'GENT']);
    expect(g.accounts).to.have.length(13);
    expect(g.accounts[12]!.name).to.equal('account-13');
    expect(g.accounts[0]!.address.startsWith('gnt1')).to.equal(true);
    expect(g.accounts[0]!.balances).to.deep.equal({ TFT: '10000000000000', GENT: '10000000000000' });
    const genesis = parseGenesis(textOf(g), { sections: { pool: parsePoolSection } });
    expect(genesis.accounts[12]!.balances.REGIONAL.toString()).to.equal('10000000000000');
  });

  it('adds a pool section to regional genesis files (not the Hub), unless pool: false', () => {
    expect(generateGenesis({ region: 'hub', validators: 1, seed: 's', accounts: 0 })['pool']).to.equal(undefined);
    expect(generateGenesis({ region: 'gent', validators: 1, seed: 's', accounts: 0, pool: false })['pool']).to.equal(undefined);
    const g = generateGenesis({ region: 'gent', validators: 1, seed: 's', accounts: 0 });
    expect(g['pool']).to.deep.equal({ feeBps: 30, reserves: { TFT: '1000000000000', REGIONAL: '10000000000000' } });
    const pool = parseGenesis(textOf(g), { sections: regionGenesisSections() }).app['pool'] as PoolGenesis;
    expect([pool.feeBps, pool.protocolFee, pool.provider, pool.reserves.TFT.toString()]).to.deep.equal([30, false, undefined, '1000000000000']);
  });

  it('adds test farms, funded node accounts and a DAO to regional genesis files (not the Hub), unless dao: false', () => {
    expect(generateGenesis({ region: 'hub', validators: 1, seed: 's', accounts: 2 })['dao']).to.equal(undefined);
    expect(generateGenesis({ region: 'gent', validators: 1, seed: 's', accounts: 2, dao: false })['farming']).to.equal(undefined);
    const g = generateGenesis({ region: 'gent', validators: 1, seed: 's', accounts: 8 });
    const genesis = parseGenesis(textOf(g), { sections: regionGenesisSections() });
    const farming = genesis.app['farming'] as { periodBlocks: number; farms: Array<{ name: string; owner: string; nodes: unknown[] }> };
    // The first 6 accounts own a farm of 2 nodes each; the 12 node accounts follow the 8 test accounts.
    expect(farming.farms.map((f) => f.name)).to.deep.equal(['alice-farm', 'bob-farm', 'carol-farm', 'dave-farm', 'erin-farm', 'frank-farm']);
    expect(farming.farms[0]!.owner).to.equal(g.accounts[0]!.address);
    expect(farming.farms.every((f) => f.nodes.length === 2)).to.equal(true);
    expect(farming.periodBlocks).to.equal(100);
    expect(genesis.accounts.map((a) => a.name).slice(8)).to.deep.equal(Array.from({ length: 12 }, (_, i) => `node-${i + 1}`));
    expect(genesis.accounts[8]!.balances.REGIONAL.toString()).to.equal('10000000000');
    const dao = genesis.app['dao'] as { params: { minVotingPeriod: number; quorum: number; minDeposit: { toString(): string } }; floors: { minVotingPeriod: number } };
    expect([dao.params.minVotingPeriod, dao.params.quorum, dao.params.minDeposit.toString(), dao.floors.minVotingPeriod]).to.deep.equal([90, 334, '1000000000', 30]);
  });

  it('rejects bad options with a ChainError naming the field', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ validators: 0 }, 'validators'],
      [{ validators: 101 }, 'validators'],
      [{ validators: 2.5 }, 'validators'],
      [{ region: 'Gent' }, 'region'],
      [{ region: 'west-flanders' }, 'addressPrefix'],
      [{ addressPrefix: 'A' }, 'addressPrefix'],
      [{ chainId: 'x y' }, 'chainId'],
      [{ genesisTime: 'tomorrow' }, 'genesisTime'],
      [{ regionalSymbol: 'TFT' }, 'assets.regional.symbol'],
      [{ regionalSymbol: 'x' }, 'assets.regional.symbol'],
      [{ accounts: -1 }, 'accounts'],
      [{ seed: '' }, 'seed'],
      [{ anchorInterval: 0 }, 'consensus.anchorInterval'],
      [{ anchorInterval: 1_000_001 }, 'consensus.anchorInterval'],
      [{ anchorInterval: 2.5 }, 'consensus.anchorInterval'],
    ];
    for (const [override, field] of cases) {
      const options = { region: 'testnet', validators: 1, seed: 's', ...override };
      try {
        generateGenesis(options as Parameters<typeof generateGenesis>[0]);
        expect.fail(`accepted ${JSON.stringify(override)}`);
      } catch (e) {
        if (!isChainError(e)) throw e;
        expect(e.details?.['field'], JSON.stringify(override)).to.equal(field);
      }
    }
    // A region that is no valid prefix works with an explicit prefix.
    expect(generateGenesis({ region: 'west-flanders', validators: 1, seed: 's', addressPrefix: 'wfl', accounts: 1 }).chainId).to.equal('tfr-west-flanders-1');
  });
});
