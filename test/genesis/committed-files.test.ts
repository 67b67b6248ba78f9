/**
 * genesis/testnet.json and genesis/hub-testnet.json: valid, the right size, and exactly what the
 * commands in genesis/README.md produce (the test runs those commands through the CLI).
 */
import { regionGenesisSections } from '../../chain/node/region-modules.ts';
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { runCli } from '../../rpc/cli/main.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { anchorSectionOf } from '../../chain/anchor/anchor-genesis.ts';
import { anchorSetFromGenesis } from '../../chain/anchor/anchor-set.ts';
import { hubSectionOf } from '../../chain/anchor/bridge-genesis.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string): string => readFileSync(join(root, path), 'utf8');

/** The `npx tfr genesis new ...` lines of the README, as argument lists. */
function readmeCommands(): string[][] {
  const lines = read('genesis/README.md').split('\n');
  return lines.filter((l) => /^npx tfr genesis new /.test(l.trim())).map((l) => l.trim().split(/\s+/).slice(2));
}

describe('genesis: committed testnet files', function () {
  this.timeout(60_000);

  it('testnet.json: 99 validators, region testnet, CHI, the published seed', () => {
    const genesis = parseGenesis(read('genesis/testnet.json'), { sections: regionGenesisSections() });
    expect(genesis.validators).to.have.length(99);
    expect([genesis.chainId, genesis.region, genesis.addressPrefix, genesis.assets.regional.symbol]).to.deep.equal(['tfr-testnet-1', 'testnet', 'testnet', 'CHI']);
    expect(genesis.accounts[0]!.address).to.equal(addressFromPublicKey('testnet', testAccountKey(TESTNET_SEED, 'alice').publicKey));
    const pool = genesis.app['pool'] as { feeBps: number; reserves: { TFT: { toString(): string }; REGIONAL: { toString(): string } } };
    expect([pool.feeBps, pool.reserves.TFT.toString(), pool.reserves.REGIONAL.toString()]).to.deep.equal([30, '1000000000000', '10000000000000']);
  });

  it('hub-testnet.json: 100 validators, chain tfr-hub-1, HUB', () => {
    const genesis = parseGenesis(read('genesis/hub-testnet.json'), { sections: regionGenesisSections() });
    expect(genesis.validators).to.have.length(100);
    expect([genesis.chainId, genesis.region, genesis.addressPrefix, genesis.assets.regional.symbol]).to.deep.equal(['tfr-hub-1', 'hub', 'hub', 'HUB']);
    // The Hub's only section registers the testnet region, with the same BLS keys testnet.json has.
    expect(Object.keys(genesis.app)).to.deep.equal(['anchor']);
    const region = parseGenesis(read('genesis/testnet.json'), { sections: regionGenesisSections() });
    const registered = anchorSectionOf(genesis)!.regions;
    expect(registered.map((r) => r.chainId)).to.deep.equal(['tfr-testnet-1']);
    expect(toHex(registered[0]!.set.hash)).to.equal(toHex(anchorSetFromGenesis(region).hash));
    expect(hubSectionOf(region)!.chainId).to.equal('tfr-hub-1');
  });

  it("the README's commands regenerate both files byte for byte", async () => {
    const commands = readmeCommands();
    const outs = commands.map((argv) => argv[argv.indexOf('--out') + 1]).sort();
    expect(outs).to.deep.equal(['genesis/hub-testnet.json', 'genesis/testnet.json']);
    const dir = mkdtempSync(join(tmpdir(), 'tfr-genesis-'));
    try {
      for (const argv of commands) {
        const out = argv[argv.indexOf('--out') + 1]!;
        const target = join(dir, out.replace('genesis/', ''));
        const args = argv.map((a, i) => (i > 0 && argv[i - 1] === '--out' ? target : a));
        const err: string[] = [];
        const code = await runCli(args, { out: () => {}, err: (s) => err.push(s), env: {}, cwd: root });
        expect(code, err.join('')).to.equal(0);
        expect(readFileSync(target, 'utf8') === read(out), `${out} differs from its regeneration`).to.equal(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
