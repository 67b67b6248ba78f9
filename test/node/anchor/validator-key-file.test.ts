/**
 * A validator's BLS secret in its key file: `tfr keys new --seed --path --bls` writes the test
 * validator's key (the genesis blsPublicKey and proof of possession are printed); the codec
 * round-trips it and refuses a malformed or out-of-range one; `tfr node --key` refuses, before it
 * starts anything, a key file without `blsSecret` or with the wrong one (CLI_BAD_KEY_FILE).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { toHex } from '../../../chain/codec/bytes.ts';
import { formatGenesisJson } from '../../../genesis/genesis-file.ts';
import { decodeKeyFile, encodeKeyFile } from '../../../rpc/cli/key-file.ts';
import { generateGenesis } from '../../../genesis/generate-genesis.ts';
import { testValidatorKeys } from '../../../genesis/test-validator-keys.ts';
import { CliError } from '../../../rpc/cli/cli-errors.ts';
import { field, tempDir, tfr } from '../../cli/run-tfr.ts';

const SEED = 'bls-key-file';
const REGION = 'keyfile';

describe('anchoring: the validator key file carries its BLS secret', function () {
  this.timeout(60_000);
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.remove());

  it('keys new --bls derives the test validator’s BLS key; the file round-trips', async () => {
    const made = await tfr(['keys', 'new', 'v1', '--dir', tmp.dir, '--seed', SEED, '--path', `${REGION}/validator/1`, '--bls']);
    expect(made.code, made.stderr).to.equal(0);
    const k = testValidatorKeys(SEED, REGION, 1);
    expect(field(made.stdout, 'bls key')).to.equal(toHex(k.bls.publicKey));
    expect(field(made.stdout, 'bls pop')).to.equal(toHex(k.bls.pop));
    expect(made.stdout).to.not.contain(toHex(k.bls.secret));
    const file = join(tmp.dir, 'v1.json');
    const text = readFileSync(file, 'utf8');
    expect(Object.keys(JSON.parse(text))).to.deep.equal(['name', 'publicKey', 'secretKey', 'blsSecret']);
    const key = decodeKeyFile(text, file);
    expect(key.blsSecret).to.deep.equal(k.bls.secret);
    expect(encodeKeyFile(key)).to.equal(text);
    const shown = await tfr(['keys', 'show', file, '--secret']);
    expect(field(shown.stdout, 'bls secret')).to.equal(toHex(k.bls.secret));
    // Random, without --seed: a fresh key each time.
    const random = await tfr(['keys', 'new', 'r', '--dir', tmp.dir, '--bls']);
    expect(random.code, random.stderr).to.equal(0);
    expect(field(random.stdout, 'bls key')).to.have.length(96);
  });

  /** The CliError code a call throws. */
  const codeOf = (f: () => unknown): string => {
    try {
      f();
    } catch (e) {
      if (e instanceof CliError) return e.code;
      throw e;
    }
    return 'no error';
  };

  it('refuses a malformed or out-of-range blsSecret', () => {
    const k = testValidatorKeys(SEED, REGION, 1);
    const base = JSON.parse(encodeKeyFile({ name: 'v', publicKey: k.ed25519.publicKey, secretKey: k.ed25519.secret })) as Record<string, unknown>;
    const withBls = (v: unknown) => JSON.stringify({ ...base, blsSecret: v });
    expect(codeOf(() => decodeKeyFile(withBls('zz'), 'f'))).to.equal('CLI_BAD_KEY_FILE');
    expect(codeOf(() => decodeKeyFile(withBls('00'.repeat(31)), 'f'))).to.equal('CLI_BAD_KEY_FILE');
    expect(codeOf(() => decodeKeyFile(withBls('00'.repeat(32)), 'f'))).to.equal('CLI_BAD_KEY_FILE');
    expect(codeOf(() => decodeKeyFile(withBls('ff'.repeat(32)), 'f'))).to.equal('CLI_BAD_KEY_FILE');
    expect(codeOf(() => decodeKeyFile(withBls(7), 'f'))).to.equal('CLI_BAD_KEY_FILE');
    expect(decodeKeyFile(JSON.stringify(base), 'f').blsSecret).to.equal(undefined);
  });

  it('tfr node --key refuses a validator key file without its BLS secret, or with another one', async () => {
    const genesisFile = join(tmp.dir, 'genesis.json');
    writeFileSync(genesisFile, formatGenesisJson(generateGenesis({ region: REGION, validators: 4, seed: SEED, accounts: 1, pool: false, dao: false })));
    const k = testValidatorKeys(SEED, REGION, 2);
    const other = testValidatorKeys(SEED, REGION, 3);
    const run = async (blsSecret: Uint8Array | undefined) => {
      const file = join(tmp.dir, 'v2.json');
      writeFileSync(file, encodeKeyFile({ name: 'v2', publicKey: k.ed25519.publicKey, secretKey: k.ed25519.secret, ...(blsSecret !== undefined && { blsSecret }) }));
      return tfr(['node', '--genesis', genesisFile, '--key', file, '--data', join(tmp.dir, 'data'), '--p2p', '127.0.0.1:0', '--rpc', '127.0.0.1:0']);
    };
    const missing = await run(undefined);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.match(/CLI_BAD_KEY_FILE: .*no "blsSecret": validator-02 signs anchor certificates/);
    const wrong = await run(other.bls.secret);
    expect(wrong.code).to.equal(1);
    expect(wrong.stderr).to.match(/CLI_BAD_KEY_FILE: .*"blsSecret" is not the key of validator-02's genesis blsPublicKey/);
  });
});
