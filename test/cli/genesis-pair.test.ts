/** `checkGenesisPair`: what `tfr testnet --with-hub` refuses before starting a region and a Hub that do not belong together. */
import { expect } from 'chai';
import { regionGenesisSections } from '../../chain/node/region-modules.ts';
import { generateGenesis, type GenerateGenesisOptions } from '../../genesis/generate-genesis.ts';
import { formatGenesisJson } from '../../genesis/genesis-file.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { CliError } from '../../rpc/cli/cli-errors.ts';
import { checkGenesisPair } from '../../rpc/cli/genesis-pair.ts';

const SEED = 'pair-seed';
const FILES = { region: 'region.json', hub: 'hub.json' };
const parsed = (o: Omit<GenerateGenesisOptions, 'seed' | 'accounts'> & { seed?: string }): Genesis =>
  parseGenesis(formatGenesisJson(generateGenesis({ seed: SEED, accounts: 1, ...o })), { sections: regionGenesisSections() });
const regionOf = (o: Partial<GenerateGenesisOptions> = {}): Genesis => parsed({ region: 'gent', validators: 4, hub: { chainId: 'tfr-hub-1', region: 'hub', validators: 3 }, ...o });
const hubOf = (o: Partial<GenerateGenesisOptions> = {}): Genesis =>
  parsed({ region: 'hub', validators: 3, registerRegions: [{ chainId: 'tfr-gent-1', region: 'gent', validators: 4 }], ...o });

function refusal(region: Genesis, hub: Genesis): string {
  try {
    checkGenesisPair(region, hub, FILES);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    expect(e.code).to.equal('CLI_GENESIS_MISMATCH');
    return e.message;
  }
  expect.fail('the pair was accepted');
}

describe('cli: checkGenesisPair (tfr testnet --with-hub)', function () {
  this.timeout(30_000);

  it('accepts a generated pair, with a warning only when the anchor intervals differ', () => {
    expect(checkGenesisPair(regionOf(), hubOf(), FILES)).to.deep.equal([]);
    const warnings = checkGenesisPair(regionOf({ anchorInterval: 5 }), hubOf(), FILES);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('anchorInterval is 5 in region.json but 50 in hub.json');
  });

  it('refuses the files swapped, a region without a bridge, and one chain id for both', () => {
    // (The files' names stay as given: here the region's genesis was given as the Hub's.)
    expect(refusal(hubOf(), regionOf())).to.equal('hub.json (tfr-gent-1) is not a Hub genesis: it has no "anchor" section');
    expect(refusal(parsed({ region: 'gent', validators: 4 }), hubOf())).to.equal('region.json (tfr-gent-1) has no "hub" section: the region has no bridge to a Hub (generate it with --hub tfr-hub-1:hub:3)');
    expect(refusal(regionOf({ chainId: 'tfr-hub-1', hub: { chainId: 'tfr-hub-2', region: 'hub', validators: 3 } }), hubOf())).to.equal('the region and the Hub have the same chain id tfr-hub-1');
  });

  it('refuses a region whose hub section names another Hub, or other Hub validators', () => {
    expect(refusal(regionOf({ hub: { chainId: 'tfr-hub-9', region: 'hub', validators: 3 } }), hubOf())).to.equal('region.json bridges to Hub tfr-hub-9, but hub.json is tfr-hub-1');
    expect(refusal(regionOf({ hub: { chainId: 'tfr-hub-1', region: 'hub', validators: 2 } }), hubOf())).to.equal('the "hub" section of region.json lists 2 Hub validators, hub.json has 3');
    expect(refusal(regionOf({ hub: { chainId: 'tfr-hub-1', region: 'other', validators: 3 } }), hubOf())).to.match(/^hub\.validators\[0\] of region\.json is not validator 1 \(.+\) of hub\.json: keys or power differ$/);
  });

  it('refuses a Hub that does not register the region, or registers another certificate set', () => {
    expect(refusal(regionOf(), hubOf({ registerRegions: [{ chainId: 'tfr-other-1', region: 'other', validators: 4 }] }))).to.equal(
      'hub.json does not register region tfr-gent-1 (it registers: tfr-other-1; generate it with --register-region tfr-gent-1:gent:4)',
    );
    expect(refusal(regionOf(), hubOf({ registerRegions: [{ chainId: 'tfr-gent-1', region: 'gent', validators: 3 }] }))).to.match(
      /^hub\.json registers tfr-gent-1 with another certificate set \(3 validators, threshold 3, hash [0-9a-f]{16}\.\.\.\) than its genesis gives \(4 validators, threshold 3, hash [0-9a-f]{16}\.\.\.\)$/,
    );
  });
});
