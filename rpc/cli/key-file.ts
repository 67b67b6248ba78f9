/**
 * Key files written by `tfr keys new`: `DIR/NAME.json`, mode 0600, holding
 *   { "name": "alice", "publicKey": "<64 hex>", "secretKey": "<64 hex>" }
 * (ed25519; the secret is the 32-byte RFC 8032 seed). Reading checks that the public key belongs to
 * the secret. A validator's key file also holds `"blsSecret": "<64 hex>"` (`tfr keys new --bls`):
 * the BLS12-381 secret scalar (big-endian, in [1, r-1]) it signs anchor certificates with; `tfr
 * node --key` checks it against the validator's genesis `blsPublicKey`.
 */
import { bytesEqual, fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import { blsPublicKey } from '../../chain/crypto/bls.ts';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
import { isChainError } from '../../chain/errors.ts';
import { CliError } from './cli-errors.ts';

export const KEY_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface KeyFile {
  readonly name: string;
  readonly publicKey: Uint8Array;
  readonly secretKey: Uint8Array;
  /** A validator's BLS secret (32 bytes), for anchor certificates. */
  readonly blsSecret?: Uint8Array;
}

export function encodeKeyFile(key: KeyFile): string {
  const fields = { name: key.name, publicKey: toHex(key.publicKey), secretKey: toHex(key.secretKey), ...(key.blsSecret !== undefined && { blsSecret: toHex(key.blsSecret) }) };
  return `${JSON.stringify(fields, null, 2)}\n`;
}

export function decodeKeyFile(text: string, path: string): KeyFile {
  const bad = (why: string): CliError => new CliError('CLI_BAD_KEY_FILE', `${path}: ${why}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw bad('not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('not a JSON object');
  const fields = value as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => !['name', 'publicKey', 'secretKey', 'blsSecret'].includes(k));
  if (unknown.length > 0) throw bad(`unknown field ${JSON.stringify(unknown[0])}`);
  const { name, publicKey, secretKey, blsSecret } = fields;
  if (typeof name !== 'string' || !KEY_NAME_RE.test(name)) throw bad('"name" must be 1..64 of A-Z a-z 0-9 . _ -');
  const pub = typeof publicKey === 'string' ? fromHexStrict(publicKey) : undefined;
  if (pub === undefined || pub.length !== 32) throw bad('"publicKey" must be 64 lowercase hex characters');
  const secret = typeof secretKey === 'string' ? fromHexStrict(secretKey) : undefined;
  if (secret === undefined || secret.length !== 32) throw bad('"secretKey" must be 64 lowercase hex characters');
  if (!bytesEqual(ed25519PublicKey(secret), pub)) throw bad('"publicKey" does not belong to "secretKey"');
  if (blsSecret === undefined) return { name, publicKey: pub, secretKey: secret };
  const bls = typeof blsSecret === 'string' ? fromHexStrict(blsSecret) : undefined;
  if (bls === undefined || bls.length !== 32) throw bad('"blsSecret" must be 64 lowercase hex characters');
  try {
    blsPublicKey(bls);
  } catch (e) {
    if (isChainError(e)) throw bad('"blsSecret" is not a BLS12-381 secret (zero, or not below the group order)');
    throw e;
  }
  return { name, publicKey: pub, secretKey: secret, blsSecret: bls };
}
