/**
 * `--node-key NAME|FILE` of the farming commands: the ed25519 key of a node (it signs the node's
 * registration, capacity updates and uptime reports). A path (anything with a "/" or ending in
 * ".json"), else $TFR_HOME/keys/NAME.json (the key file format of `tfr keys new`), else a test node
 * name `node-N`: the published testnet's test node N, deriveEd25519Key(TESTNET_SEED, "node/N"),
 * worthless keys anyone can rebuild (as the test accounts are).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { TESTNET_SEED } from '../../genesis/test-accounts.ts';
import { CliError } from './cli-errors.ts';
import { readTextFile, resolvePath, tfrHome } from './cli-files.ts';
import type { CliContext } from './cli-io.ts';
import { decodeKeyFile, KEY_NAME_RE } from './key-file.ts';
import type { ResolvedKey } from './key-resolve.ts';

export const TEST_NODE_RE = /^node-([1-9][0-9]{0,5})$/;

/** The published testnet's test node `n`: deriveEd25519Key(TESTNET_SEED, "node/n"). */
export function testNodeKey(n: number): { secret: Uint8Array; publicKey: Uint8Array } {
  return deriveEd25519Key(TESTNET_SEED, `node/${n}`);
}

export function resolveNodeKey(ctx: CliContext, spec: string): ResolvedKey {
  if (spec.includes('/') || spec.endsWith('.json')) return fromFile(resolvePath(ctx.io, spec));
  if (!KEY_NAME_RE.test(spec)) throw new CliError('CLI_USAGE', `--node-key wants a key name, a key file path or a test node name (node-1, node-2, ...), got ${JSON.stringify(spec)}`);
  const file = join(tfrHome(ctx.io), 'keys', `${spec}.json`);
  if (existsSync(file)) return fromFile(file);
  const m = TEST_NODE_RE.exec(spec);
  if (m !== null) {
    const k = testNodeKey(Number(m[1]));
    return { name: spec, secretKey: k.secret, publicKey: k.publicKey, file: undefined };
  }
  throw new CliError('CLI_KEY_NOT_FOUND', `no node key ${JSON.stringify(spec)}: ${file} does not exist and it is not a test node name (node-N)`);
}

function fromFile(path: string): ResolvedKey {
  const k = decodeKeyFile(readTextFile(path), path);
  return { name: k.name, secretKey: k.secretKey, publicKey: k.publicKey, file: path };
}

/** A line for stderr when the node key is a published test node key, else undefined. */
export function nodeKeySourceNote(key: ResolvedKey): string | undefined {
  return key.file === undefined ? `note: node key of test node ${key.name.slice('node-'.length)}, derived from the published seed ${JSON.stringify(TESTNET_SEED)} (path node/${key.name.slice('node-'.length)})\n` : undefined;
}
