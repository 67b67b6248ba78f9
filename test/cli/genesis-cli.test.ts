import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tfr } from './run-tfr.ts';

describe('cli: tfr genesis', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.remove());

  describe('check', () => {
    it('summarizes the committed testnet: 99 validators, quorum 67', async () => {
      const r = await tfr(['genesis', 'check', 'genesis/testnet.json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.contain('genesis/testnet.json: valid genesis');
      expect(r.stdout).to.match(/chain id\s+tfr-testnet-1/);
      expect(r.stdout).to.match(/region\s+testnet/);
      expect(r.stdout).to.match(/genesis time\s+2026-11-01T00:00:00Z/);
      expect(r.stdout).to.match(/validators\s+99 \(total power 99, quorum 67\)/);
      expect(r.stdout).to.match(/assets\s+TFT \(7 decimals\), CHI \(7 decimals\)/);
      expect(r.stdout).to.match(/accounts\s+24 funded/); // 12 test accounts and 12 test nodes
      expect(r.stdout).to.match(/total supply\s+12000000 TFT, 12012000 CHI/);
    });

    it('summarizes the hub testnet: 100 validators, quorum 67', async () => {
      const r = await tfr(['genesis', 'check', 'genesis/hub-testnet.json']);
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/validators\s+100 \(total power 100, quorum 67\)/);
      expect(r.stdout).to.match(/chain id\s+tfr-hub-1/);
    });

    it('exits 1 and lists every issue with code and field for a broken file', async () => {
      const g = JSON.parse(readFileSync('genesis/testnet.json', 'utf8')) as {
        chainId: unknown;
        validators: { blsPop: string; power: number }[];
        accounts: { balances: Record<string, string> }[];
      };
      g.chainId = 'Not Valid';
      g.validators[3]!.blsPop = g.validators[4]!.blsPop;
      g.accounts[2]!.balances['CHI'] = '-5';
      const file = join(tmp.dir, 'broken.json');
      writeFileSync(file, JSON.stringify(g));
      const r = await tfr(['genesis', 'check', file]);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('invalid genesis, 3 issues');
      expect(r.stderr).to.contain('GENESIS_INVALID_FIELD chainId:');
      expect(r.stderr).to.contain('GENESIS_BAD_POP validators[3].blsPop:');
      expect(r.stderr).to.contain('GENESIS_INVALID_AMOUNT accounts[2].balances.CHI:');
      expect(r.stdout).to.equal('');
    });

    it('exits 1 for invalid JSON, a missing file and a file that is not UTF-8', async () => {
      const bad = join(tmp.dir, 'bad.json');
      writeFileSync(bad, '{"chainId": ');
      let r = await tfr(['genesis', 'check', bad]);
      expect([r.code, r.stderr]).to.satisfy(([c, s]: [number, string]) => c === 1 && s.includes('GENESIS_INVALID_JSON (file)'));
      r = await tfr(['genesis', 'check', join(tmp.dir, 'none.json')]);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error: CLI_FILE_NOT_FOUND: /);
      writeFileSync(bad, Buffer.from([0x7b, 0xff, 0x7d]));
      r = await tfr(['genesis', 'check', bad]);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.contain('CLI_READ_FAILED');
    });

    it('exits 2 without a file argument', async () => {
      const r = await tfr(['genesis', 'check']);
      expect(r.code).to.equal(2);
      expect(r.stderr).to.contain('error: CLI_USAGE: missing required argument');
    });
  });

  describe('new', () => {
    const args = (out: string, seed = 'cli-test'): string[] => ['genesis', 'new', '--region', 'gent', '--validators', '3', '--seed', seed, '--accounts', '2', '--out', out];

    it('writes a valid genesis and says what it wrote', async () => {
      const r = await tfr(args('g.json'), { cwd: tmp.dir });
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout).to.match(/^wrote g\.json: chain tfr-gent-1, region gent, 3 validators, 6 accounts\ngenesis hash [0-9a-f]{64}\n$/);
      const check = await tfr(['genesis', 'check', join(tmp.dir, 'g.json')]);
      expect(check.code, check.stderr).to.equal(0);
      expect(check.stdout).to.match(/validators\s+3 \(total power 3, quorum 3\)/);
    });

    it('is deterministic: the same seed gives the same bytes, another seed other keys', async () => {
      await tfr(args('a.json'), { cwd: tmp.dir });
      await tfr(args('b.json'), { cwd: tmp.dir });
      await tfr(args('c.json', 'cli-test-2'), { cwd: tmp.dir });
      const [a, b, c] = ['a.json', 'b.json', 'c.json'].map((f) => readFileSync(join(tmp.dir, f), 'utf8'));
      expect(a === b).to.equal(true);
      const keys = (text: string): string[] => (JSON.parse(text) as { validators: { publicKey: string }[] }).validators.map((v) => v.publicKey);
      expect(keys(c!)).to.have.length(3);
      for (const k of keys(c!)) expect(keys(a!)).to.not.include(k);
    });

    it('refuses to overwrite unless --force', async () => {
      const file = join(tmp.dir, 'g.json');
      writeFileSync(file, 'keep me');
      const r = await tfr(args(file));
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error: CLI_FILE_EXISTS: .*use --force/);
      expect(readFileSync(file, 'utf8')).to.equal('keep me');
      const forced = await tfr([...args(file), '--force']);
      expect(forced.code, forced.stderr).to.equal(0);
      expect(readFileSync(file, 'utf8')).to.contain('"chainId": "tfr-gent-1"');
    });

    it('passes every option through', async () => {
      const r = await tfr(
        ['genesis', 'new', '--region', 'west-flanders', '--prefix', 'wfl', '--chain-id', 'wfl-9', '--time', '2027-03-01T08:00:00Z', '--symbol', 'WFL', '--validators', '1', '--accounts', '0', '--seed', 's', '--anchor-interval', '7', '--out', 'w.json'],
        { cwd: tmp.dir },
      );
      expect(r.code, r.stderr).to.equal(0);
      const g = JSON.parse(readFileSync(join(tmp.dir, 'w.json'), 'utf8')) as Record<string, unknown>;
      expect([g['chainId'], g['region'], g['addressPrefix'], g['genesisTime']]).to.deep.equal(['wfl-9', 'west-flanders', 'wfl', '2027-03-01T08:00:00Z']);
      expect((g['assets'] as { regional: { symbol: string } }).regional.symbol).to.equal('WFL');
      expect((g['consensus'] as { anchorInterval: number }).anchorInterval).to.equal(7);
    });

    it('exits 2 on usage errors and 1 on invalid values, writing nothing', async () => {
      const out = join(tmp.dir, 'x.json');
      for (const argv of [
        ['genesis', 'new', '--region', 'gent', '--validators', '3', '--out', out],
        ['genesis', 'new', '--region', 'gent', '--validators', '0', '--seed', 's', '--out', out],
        ['genesis', 'new', '--region', 'gent', '--validators', 'many', '--seed', 's', '--out', out],
        ['genesis', 'new', '--region', 'gent', '--validators', '101', '--seed', 's', '--out', out],
        ['genesis', 'new', '--region', 'gent', '--validators', '3', '--seed', 's', '--anchor-interval', '0', '--out', out],
        ['genesis', 'new', '--region', 'gent', '--validators', '3', '--seed', 's', '--out', out, '--colour', 'red'],
      ]) {
        const r = await tfr(argv);
        expect(r.code, argv.join(' ')).to.equal(2);
        expect(r.stderr).to.match(/^error: CLI_USAGE: /);
      }
      const r = await tfr(['genesis', 'new', '--region', 'gent', '--validators', '3', '--seed', 's', '--symbol', 'TFT', '--out', out]);
      expect(r.code).to.equal(1);
      expect(r.stderr).to.equal('error: GENESIS_INVALID_FIELD: assets.regional.symbol: the regional token cannot be called "TFT"\n');
      expect(() => readFileSync(out)).to.throw();
    });
  });

  it('answers --help with 0, and an unknown command with 2', async () => {
    const help = await tfr(['genesis', 'new', '--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.contain('--validators <n>');
    const unknown = await tfr(['genesis', 'burn']);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain("CLI_USAGE: unknown command 'burn'");
  });
});
