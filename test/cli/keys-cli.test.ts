import { expect } from 'chai';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir, tfr } from './run-tfr.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';

function field(output: string, name: string): string {
  const m = new RegExp(`^${name}\\s+(\\S+)$`, 'm').exec(output);
  if (m === null) throw new Error(`no "${name}" in:\n${output}`);
  return m[1]!;
}

describe('cli: tfr keys', function () {
  this.timeout(30_000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.remove());

  it('new writes a 0600 key file, show reads it back without the secret', async () => {
    const made = await tfr(['keys', 'new', 'carol', '--dir', tmp.dir]);
    expect(made.code, made.stderr).to.equal(0);
    const file = join(tmp.dir, 'carol.json');
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    expect(Object.keys(stored)).to.deep.equal(['name', 'publicKey', 'secretKey']);
    expect(stored['publicKey']).to.equal(toHex(ed25519PublicKey(Buffer.from(stored['secretKey']!, 'hex'))));
    expect(field(made.stdout, 'public key')).to.equal(stored['publicKey']);
    expect(field(made.stdout, 'address')).to.match(/^testnet1/);
    expect(made.stdout).to.not.contain(stored['secretKey']!);

    const shown = await tfr(['keys', 'show', 'carol', '--dir', tmp.dir]);
    expect(shown.code, shown.stderr).to.equal(0);
    expect(field(shown.stdout, 'name')).to.equal('carol');
    expect(field(shown.stdout, 'public key')).to.equal(stored['publicKey']);
    expect(field(shown.stdout, 'address')).to.equal(field(made.stdout, 'address'));
    expect(shown.stdout).to.not.contain(stored['secretKey']!);
    expect(shown.stdout).to.not.contain('secret');

    const secret = await tfr(['keys', 'show', file, '--secret', '--prefix', 'hub']);
    expect(field(secret.stdout, 'secret key')).to.equal(stored['secretKey']);
    expect(field(secret.stdout, 'address')).to.match(/^hub1/);
  });

  it('two random keys differ, and a key is never overwritten', async () => {
    await tfr(['keys', 'new', 'a', '--dir', tmp.dir]);
    await tfr(['keys', 'new', 'b', '--dir', tmp.dir]);
    const a = readFileSync(join(tmp.dir, 'a.json'), 'utf8');
    expect(JSON.parse(a).secretKey).to.not.equal(JSON.parse(readFileSync(join(tmp.dir, 'b.json'), 'utf8')).secretKey);
    const again = await tfr(['keys', 'new', 'a', '--dir', tmp.dir]);
    expect(again.code).to.equal(1);
    expect(again.stderr).to.match(/^error: CLI_FILE_EXISTS: /);
    expect(readFileSync(join(tmp.dir, 'a.json'), 'utf8')).to.equal(a);
  });

  it('materializes a test account from the published seed, matching testnet.json', async () => {
    const r = await tfr(['keys', 'new', 'alice', '--dir', tmp.dir, '--seed', TESTNET_SEED, '--path', 'account/alice']);
    expect(r.code, r.stderr).to.equal(0);
    const expected = testAccountKey(TESTNET_SEED, 'alice');
    expect(JSON.parse(readFileSync(join(tmp.dir, 'alice.json'), 'utf8')).secretKey).to.equal(toHex(expected.secret));
    const testnet = JSON.parse(readFileSync('genesis/testnet.json', 'utf8')) as { accounts: { name: string; address: string }[] };
    const alice = testnet.accounts.find((a) => a.name === 'alice')!;
    expect(field(r.stdout, 'address')).to.equal(alice.address);
    const shown = await tfr(['keys', 'show', 'alice', '--dir', tmp.dir, '--genesis', 'genesis/hub-testnet.json']);
    expect(field(shown.stdout, 'address')).to.equal(addressFromPublicKey('hub', expected.publicKey));
  });

  it('defaults to $TFR_HOME/keys, and TFR_HOME to ~/.tfr', async () => {
    let r = await tfr(['keys', 'new', 'dave'], { env: { TFR_HOME: join(tmp.dir, 'home') } });
    expect(r.code, r.stderr).to.equal(0);
    expect(statSync(join(tmp.dir, 'home', 'keys', 'dave.json')).isFile()).to.equal(true);
    expect(statSync(join(tmp.dir, 'home', 'keys')).mode & 0o777).to.equal(0o700);
    r = await tfr(['keys', 'new', 'erin'], { env: { HOME: tmp.dir } });
    expect(r.code, r.stderr).to.equal(0);
    expect(statSync(join(tmp.dir, '.tfr', 'keys', 'erin.json')).isFile()).to.equal(true);
    r = await tfr(['keys', 'show', 'erin'], { env: { HOME: tmp.dir } });
    expect(field(r.stdout, 'name')).to.equal('erin');
  });

  it('rejects bad usage with exit 2 and bad key files with exit 1', async () => {
    for (const argv of [
      ['keys', 'new', '../evil', '--dir', tmp.dir],
      ['keys', 'new', 'x', '--dir', tmp.dir, '--seed', 's'],
      ['keys', 'new', 'x', '--dir', tmp.dir, '--path', 'account/x'],
      ['keys', 'new', 'x', '--dir', tmp.dir, '--prefix', 'Bad'],
      ['keys', 'show', 'x', '--dir', tmp.dir, '--prefix', 'hub', '--genesis', 'genesis/testnet.json'],
      ['keys', 'show'],
    ]) {
      const r = await tfr(argv);
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).to.equal(2);
      expect(r.stderr).to.match(/^error: CLI_USAGE: /);
    }
    const missing = await tfr(['keys', 'show', 'nobody', '--dir', tmp.dir]);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.match(/^error: CLI_FILE_NOT_FOUND: /);

    await tfr(['keys', 'new', 'k', '--dir', tmp.dir]);
    const file = join(tmp.dir, 'k.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const other = toHex(testAccountKey('x', 'y').publicKey);
    for (const content of ['not json', '[]', JSON.stringify({ ...stored, publicKey: other }), JSON.stringify({ ...stored, extra: 1 }), JSON.stringify({ ...stored, secretKey: 'ab' })]) {
      writeFileSync(file, content);
      const r = await tfr(['keys', 'show', file]);
      expect(r.code, content).to.equal(1);
      expect(r.stderr).to.match(/^error: CLI_BAD_KEY_FILE: /);
    }
  });
});
