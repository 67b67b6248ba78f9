/**
 * `tfr keys new` and `tfr keys show`: ed25519 account keys in key files; with `--bls`, a
 * validator's BLS key too (anchor certificates), random or derived at `PATH/bls` from `--seed`
 * (the rule of genesis/test-validator-keys.ts, so `--seed S --path REGION/validator/N --bls`
 * rebuilds a test validator's key file).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { toHex } from '../../chain/codec/bytes.ts';
import { addressFromPublicKey, isValidHrp } from '../../chain/crypto/addresses.ts';
import { blsProvePossession, blsPublicKey } from '../../chain/crypto/bls.ts';
import { deriveBlsKey, deriveEd25519Key, generateBlsKey, generateEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { CliError } from './cli-errors.ts';
import { readTextFile, resolvePath, tfrHome, writeTextFile } from './cli-files.ts';
import type { CliContext } from './cli-io.ts';
import { cliGenesisSections } from './genesis-sections.ts';
import { decodeKeyFile, encodeKeyFile, KEY_NAME_RE, type KeyFile } from './key-file.ts';

/** Address prefix used when neither --prefix nor --genesis is given. */
export const DEFAULT_PREFIX = 'testnet';

interface NewOptions {
  dir?: string;
  prefix: string;
  seed?: string;
  path?: string;
  bls?: boolean;
}

interface ShowOptions {
  dir?: string;
  prefix?: string;
  genesis?: string;
  secret?: boolean;
}

function keysDir(ctx: CliContext, dir: string | undefined): string {
  return dir === undefined ? join(tfrHome(ctx.io), 'keys') : resolvePath(ctx.io, dir);
}

function checkPrefix(prefix: string): string {
  if (!isValidHrp(prefix)) throw new CliError('CLI_USAGE', `--prefix must be 1..16 of a-z, 0-9: ${JSON.stringify(prefix)}`);
  return prefix;
}

function describe(key: KeyFile, prefix: string, showSecret: boolean): string {
  const lines = [`name        ${key.name}`, `public key  ${toHex(key.publicKey)}`, `address     ${addressFromPublicKey(prefix, key.publicKey)}`];
  if (key.blsSecret !== undefined) {
    // What a genesis records for a validator: its BLS public key and proof of possession.
    lines.push(`bls key     ${toHex(blsPublicKey(key.blsSecret))}`, `bls pop     ${toHex(blsProvePossession(key.blsSecret))}`);
  }
  if (showSecret) lines.push(`secret key  ${toHex(key.secretKey)}`);
  if (showSecret && key.blsSecret !== undefined) lines.push(`bls secret  ${toHex(key.blsSecret)}`);
  return `${lines.join('\n')}\n`;
}

/** A name is looked up in the keys directory; anything with a "/" or ending in ".json" is a file. */
function keyFilePath(ctx: CliContext, nameOrFile: string, dir: string | undefined): string {
  if (nameOrFile.includes('/') || nameOrFile.endsWith('.json')) return resolvePath(ctx.io, nameOrFile);
  if (!KEY_NAME_RE.test(nameOrFile)) throw new CliError('CLI_USAGE', `not a key name: ${JSON.stringify(nameOrFile)}`);
  return join(keysDir(ctx, dir), `${nameOrFile}.json`);
}

export function registerKeysCommands(program: Command, ctx: CliContext): void {
  const keys = program.command('keys').description('create and show ed25519 account keys');

  keys
    .command('new')
    .description('create a key file DIR/NAME.json (mode 0600); never overwrites')
    .argument('<name>', 'key name (1..64 of A-Z a-z 0-9 . _ -)')
    .option('--dir <dir>', 'keys directory (default $TFR_HOME/keys, TFR_HOME default ~/.tfr)')
    .option('--prefix <hrp>', 'address prefix for the printed address', DEFAULT_PREFIX)
    .option('--seed <seed>', 'derive the key from this seed (with --path) instead of randomly')
    .option('--path <path>', 'derivation path, e.g. account/alice (with --seed)')
    .option('--bls', "also a BLS key (a validator's, for anchor certificates); with --seed derived at PATH/bls")
    .action((name: string, options: NewOptions) => {
      if (!KEY_NAME_RE.test(name)) throw new CliError('CLI_USAGE', `key name must be 1..64 of A-Z a-z 0-9 . _ - (not starting with . _ -): ${JSON.stringify(name)}`);
      const prefix = checkPrefix(options.prefix);
      if ((options.seed === undefined) !== (options.path === undefined)) {
        throw new CliError('CLI_USAGE', '--seed and --path go together');
      }
      const derived = options.seed !== undefined && options.path !== undefined ? { seed: options.seed, path: options.path } : undefined;
      const pair = derived !== undefined ? deriveEd25519Key(derived.seed, derived.path) : generateEd25519Key();
      const bls = options.bls === true ? (derived !== undefined ? deriveBlsKey(derived.seed, `${derived.path}/bls`) : generateBlsKey()) : undefined;
      const key: KeyFile = { name, publicKey: pair.publicKey, secretKey: pair.secret, ...(bls !== undefined && { blsSecret: bls.secret }) };
      const file = join(keysDir(ctx, options.dir), `${name}.json`);
      writeTextFile(file, encodeKeyFile(key), { mode: 0o600, dirMode: 0o700 });
      ctx.io.out(`${describe(key, prefix, false)}key file    ${file}\n`);
    });

  keys
    .command('show')
    .description('print the name, public key and address of a key (the secret only with --secret)')
    .argument('<name-or-file>', 'key name in the keys directory, or a key file path')
    .option('--dir <dir>', 'keys directory (default $TFR_HOME/keys)')
    .option('--prefix <hrp>', `address prefix (default ${DEFAULT_PREFIX})`)
    .option('--genesis <file>', "take the address prefix from this genesis file")
    .option('--secret', 'also print the secret key')
    .action((nameOrFile: string, options: ShowOptions) => {
      if (options.prefix !== undefined && options.genesis !== undefined) {
        throw new CliError('CLI_USAGE', 'give --prefix or --genesis, not both');
      }
      let prefix = DEFAULT_PREFIX;
      if (options.prefix !== undefined) prefix = checkPrefix(options.prefix);
      if (options.genesis !== undefined) {
        prefix = parseGenesis(readTextFile(resolvePath(ctx.io, options.genesis)), { sections: cliGenesisSections() }).addressPrefix;
      }
      const path = keyFilePath(ctx, nameOrFile, options.dir);
      const key = decodeKeyFile(readTextFile(path), path);
      ctx.io.out(describe(key, prefix, options.secret === true));
    });
}
