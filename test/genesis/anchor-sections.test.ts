/** The generator's anchoring sections: "anchor" (a Hub registering seeded regions) and "hub" (a region's Hub). */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHex } from '../../chain/codec/bytes.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { isChainError } from '../../chain/errors.ts';
import { anchorSetFromGenesis } from '../../chain/anchor/anchor-set.ts';
import { parseAnchorSection, type AnchorGenesis } from '../../chain/anchor/anchor-genesis.ts';
import { regionGenesisSections } from '../../chain/node/region-modules.ts';
import { generateGenesis, type GenerateGenesisOptions } from '../../genesis/generate-genesis.ts';
import { formatGenesisJson } from '../../genesis/genesis-file.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { testAccountKey } from '../../genesis/test-accounts.ts';
import { testValidatorKeys } from '../../genesis/test-validator-keys.ts';
import { tempDir, tfr } from '../cli/run-tfr.ts';

const SEED = 'anchor-sections-test';

interface AnchorJson {
  registrar: string;
  regions: { chainId: string; threshold: number; validators: { blsPublicKey: string; blsPop: string; weight: number }[] }[];
}
interface HubJson {
  chainId: string;
  validators: { publicKey: string; blsPublicKey: string; power: number }[];
}

function codeAndField(f: () => unknown): [string, string] {
  try {
    f();
  } catch (e) {
    if (!isChainError(e)) throw e;
    return [e.code, String(e.details?.['field'])];
  }
  return ['no error', ''];
}

describe('genesis: anchor and hub sections of generateGenesis', function () {
  this.timeout(120_000);
  const hubOptions: GenerateGenesisOptions = {
    region: 'hub',
    chainId: 'tfr-hub-1',
    regionalSymbol: 'HUB',
    validators: 5,
    seed: SEED,
    registerRegions: [
      { chainId: 'tfr-testnet-1', region: 'testnet', validators: 7 },
      { chainId: 'tfr-other-1', region: 'other', validators: 4 },
    ],
  };

  it('a Hub genesis registers the seeded regions: keys ascending, weight 1, threshold floor(2n/3) + 1, registrar alice', () => {
    const file = generateGenesis(hubOptions);
    const anchor = file['anchor'] as AnchorJson;
    expect(anchor.registrar).to.equal(addressFromPublicKey('hub', testAccountKey(SEED, 'alice').publicKey));
    expect(anchor.regions.map((r) => [r.chainId, r.threshold, r.validators.length])).to.deep.equal([
      ['tfr-testnet-1', 5, 7],
      ['tfr-other-1', 3, 4],
    ]);
    const keys = anchor.regions[0]!.validators.map((v) => v.blsPublicKey);
    expect(keys).to.deep.equal([...keys].sort());
    const expected = Array.from({ length: 7 }, (_, i) => testValidatorKeys(SEED, 'testnet', i + 1).bls);
    expect([...keys].sort()).to.deep.equal(expected.map((k) => toHex(k.publicKey)).sort());
    for (const v of anchor.regions[0]!.validators) {
      expect(v.weight).to.equal(1);
      expect(v.blsPop).to.equal(toHex(expected.find((k) => toHex(k.publicKey) === v.blsPublicKey)!.pop));
    }
    expect(file['hub']).to.equal(undefined);
    // Still deterministic.
    expect(formatGenesisJson(generateGenesis(hubOptions))).to.equal(formatGenesisJson(file));
  });

  it('the registered set is exactly the one the region derives from its own generated genesis', () => {
    const hub = parseGenesis(formatGenesisJson(generateGenesis(hubOptions)), { sections: { anchor: parseAnchorSection } });
    const anchor = hub.app['anchor'] as AnchorGenesis;
    const regionFile = generateGenesis({ region: 'testnet', validators: 7, seed: SEED, hub: { chainId: 'tfr-hub-1', region: 'hub', validators: 5 } });
    const region = parseGenesis(formatGenesisJson(regionFile), { sections: { ...regionGenesisSections(), hub: (v) => v } });
    expect(region.chainId).to.equal(anchor.regions[0]!.chainId);
    const own = anchorSetFromGenesis(region);
    expect(toHex(anchor.regions[0]!.set.hash)).to.equal(toHex(own.hash));
    expect(anchor.regions[0]!.set.threshold).to.equal(own.threshold);
  });

  it('a region genesis names its Hub: chain id and the Hub validators in Hub genesis order', () => {
    const regionFile = generateGenesis({ region: 'testnet', validators: 3, seed: SEED, hub: { chainId: 'tfr-hub-1', region: 'hub', validators: 5 } });
    const hubFile = generateGenesis(hubOptions);
    const hub = regionFile['hub'] as HubJson;
    expect(hub.chainId).to.equal(hubFile.chainId);
    expect(hub.validators).to.deep.equal(hubFile.validators.map((v) => ({ publicKey: v.publicKey, blsPublicKey: v.blsPublicKey, power: v.power })));
    expect(regionFile['anchor']).to.equal(undefined);
    // Without the options, nothing changes.
    const plain = generateGenesis({ region: 'testnet', validators: 3, seed: SEED });
    expect(plain['hub']).to.equal(undefined);
    expect(Object.keys(regionFile).filter((k) => k !== 'hub')).to.deep.equal(Object.keys(plain));
  });

  it('checks the options: chain ids, regions, counts, duplicates, both sections at once', () => {
    const base = { region: 'hub', validators: 3, seed: SEED };
    const region = (chainId: string, r = 'testnet', validators = 4) => ({ chainId, region: r, validators });
    expect(codeAndField(() => generateGenesis({ ...base, registerRegions: [region('Bad Id')] }))).to.deep.equal(['GENESIS_INVALID_FIELD', 'registerRegions[0].chainId']);
    expect(codeAndField(() => generateGenesis({ ...base, registerRegions: [region('tfr-a-1', 'Bad')] }))).to.deep.equal(['GENESIS_INVALID_FIELD', 'registerRegions[0].region']);
    expect(codeAndField(() => generateGenesis({ ...base, registerRegions: [region('tfr-a-1', 'a', 0)] }))).to.deep.equal(['GENESIS_INVALID_FIELD', 'registerRegions[0].validators']);
    expect(codeAndField(() => generateGenesis({ ...base, registerRegions: [region('tfr-a-1', 'a', 101)] }))).to.deep.equal(['GENESIS_INVALID_FIELD', 'registerRegions[0].validators']);
    expect(codeAndField(() => generateGenesis({ ...base, registerRegions: [region('tfr-a-1'), region('tfr-a-1', 'b')] }))).to.deep.equal(['GENESIS_DUPLICATE_VALUE', 'registerRegions[1].chainId']);
    expect(codeAndField(() => generateGenesis({ ...base, registerRegions: [region('tfr-hub-1')] }))).to.deep.equal(['GENESIS_INVALID_FIELD', 'registerRegions[0].chainId']);
    expect(codeAndField(() => generateGenesis({ ...base, region: 'testnet', hub: region('tfr-testnet-1', 'hub') }))).to.deep.equal(['GENESIS_INVALID_FIELD', 'hub.chainId']);
    expect(codeAndField(() => generateGenesis({ ...base, registerRegions: [region('tfr-a-1')], hub: region('tfr-b-1') }))).to.deep.equal(['GENESIS_INVALID_FIELD', 'hub']);
  });

  describe('tfr genesis new --register-region / --hub', () => {
    let tmp: ReturnType<typeof tempDir>;
    beforeEach(() => (tmp = tempDir()));
    afterEach(() => tmp.remove());

    it('writes the sections the generator makes', async () => {
      const common = ['--seed', SEED, '--accounts', '2'];
      let r = await tfr(['genesis', 'new', '--region', 'hub', '--chain-id', 'tfr-hub-1', '--symbol', 'HUB', '--validators', '5', ...common, '--register-region', 'tfr-testnet-1:testnet:7', '--register-region', 'tfr-other-1:other:4', '--out', 'hub.json'], { cwd: tmp.dir });
      expect(r.code, r.stderr).to.equal(0);
      const hub = JSON.parse(readFileSync(join(tmp.dir, 'hub.json'), 'utf8')) as { anchor: AnchorJson };
      expect(hub.anchor).to.deep.equal(generateGenesis({ ...hubOptions, accounts: 2 })['anchor']);
      r = await tfr(['genesis', 'new', '--region', 'testnet', '--validators', '3', ...common, '--hub', 'tfr-hub-1:hub:5', '--out', 'region.json'], { cwd: tmp.dir });
      expect(r.code, r.stderr).to.equal(0);
      const region = JSON.parse(readFileSync(join(tmp.dir, 'region.json'), 'utf8')) as { hub: HubJson };
      expect(region.hub.chainId).to.equal('tfr-hub-1');
      expect(region.hub.validators).to.have.length(5);
    });

    it('exits 2 on a malformed value and 1 on an invalid one', async () => {
      const argv = (opt: string, value: string) => ['genesis', 'new', '--region', 'hub', '--validators', '1', '--seed', 's', opt, value, '--out', join(tmp.dir, 'x.json')];
      for (const [opt, value] of [['--register-region', 'tfr-a-1:a'], ['--register-region', 'tfr-a-1:a:many'], ['--hub', 'nothing']] as const) {
        const r = await tfr(argv(opt, value));
        expect(r.code, `${opt} ${value}`).to.equal(2);
        expect(r.stderr).to.match(/^error: CLI_USAGE: /);
      }
      const r = await tfr(argv('--register-region', 'tfr-a-1:a:0'));
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('GENESIS_INVALID_FIELD: registerRegions[0].validators');
    });
  });
});
