/**
 * `--key NAME|FILE` of the commands that sign: a path (anything with a "/" or ending in ".json"),
 * else $TFR_HOME/keys/NAME.json, else, if NAME is one of the published test accounts (alice, bob,
 * ... niaj), its key derived from the public testnet seed: worthless keys, handy on the testnet.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
import { TEST_ACCOUNT_NAMES, TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import { CliError } from './cli-errors.ts';
import { readTextFile, resolvePath, tfrHome } from './cli-files.ts';
import type { CliContext } from './cli-io.ts';
import { decodeKeyFile, KEY_NAME_RE } from './key-file.ts';

export interface ResolvedKey {
  readonly name: string;
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  /** The key file read, or undefined for a test account. */
  readonly file: string | undefined;
}

/** `spec` from --key, else $TFR_KEY; CLI_USAGE if neither is given. */
export function resolveKey(ctx: CliContext, spec: string | undefined): ResolvedKey {
  const env = ctx.io.env['TFR_KEY'];
  const given = spec ?? (env !== undefined && env !== '' ? env : undefined);
  if (given === undefined) throw new CliError('CLI_USAGE', 'this command needs --key NAME|FILE (or $TFR_KEY)');
  if (given.includes('/') || given.endsWith('.json')) return fromFile(resolvePath(ctx.io, given));
  if (!KEY_NAME_RE.test(given)) throw new CliError('CLI_USAGE', `--key wants a key name or a key file path, got ${JSON.stringify(given)}`);
  const file = join(tfrHome(ctx.io), 'keys', `${given}.json`);
  if (existsSync(file)) return fromFile(file);
  if ((TEST_ACCOUNT_NAMES as readonly string[]).includes(given)) {
    const k = testAccountKey(TESTNET_SEED, given);
    return { name: given, secretKey: k.secret, publicKey: k.publicKey, file: undefined };
  }
  throw new CliError('CLI_KEY_NOT_FOUND', `no key ${JSON.stringify(given)}: ${file} does not exist and it is not a test account name`);
}

function fromFile(path: string): ResolvedKey {
  const k = decodeKeyFile(readTextFile(path), path);
  return { name: k.name, secretKey: k.secretKey, publicKey: ed25519PublicKey(k.secretKey), file: path };
}

/** A line for stderr when the key is a published test key (anyone can sign with it), else undefined. */
export function keySourceNote(key: ResolvedKey): string | undefined {
  return key.file === undefined ? `note: signing as test account ${key.name}, whose key derives from the published seed ${JSON.stringify(TESTNET_SEED)}\n` : undefined;
}
