/**
 * Deterministic keys from a seed string and a path, so `tfr genesis new --seed S` rebuilds the same
 * testnet keys everywhere:
 *
 *   deriveSecret(seed, path) = sha256(utf8("TFR-key-v1") || 0x00 || utf8(seed) || 0x00 || utf8(path))
 *   ed25519 secret           = deriveSecret(seed, path)
 *   BLS secret               = blsSecretFromSeed(deriveSecret(seed, path))   (see bls.ts)
 *
 * Neither seed nor path may contain U+0000, so the 0x00 separators keep (seed, path) pairs apart.
 * Use a distinct path per key (e.g. "validator/7/ed25519" and "validator/7/bls"): with the same path
 * the ed25519 secret would determine the BLS secret.
 * For TEST NETWORKS: a guessable seed gives guessable keys; real validators use random keys.
 * Portable (no node:*).
 */
import { sha256Portable } from '../codec/hash-portable.ts';
import { blsProvePossession, blsPublicKey, blsSecretFromSeed } from './bls.ts';
import { ed25519PublicKey } from './ed25519-sign.ts';

export type Ed25519KeyPair = { readonly secret: Uint8Array; readonly publicKey: Uint8Array };
export type BlsKeyPair = { readonly secret: Uint8Array; readonly publicKey: Uint8Array; readonly pop: Uint8Array };

const encoder = new TextEncoder();
const TAG = encoder.encode('TFR-key-v1');
const ZERO = new Uint8Array([0]);

function checkPart(name: string, s: string): void {
  if (typeof s !== 'string' || s.includes('\u0000')) throw new RangeError(`${name} must be a string without U+0000`);
}

/** 32 secret bytes for (seed, path), by the rule above. */
export function deriveSecret(seed: string, path: string): Uint8Array {
  checkPart('seed', seed);
  checkPart('path', path);
  return sha256Portable(TAG, ZERO, encoder.encode(seed), ZERO, encoder.encode(path));
}

export function deriveEd25519Key(seed: string, path: string): Ed25519KeyPair {
  const secret = deriveSecret(seed, path);
  return { secret, publicKey: ed25519PublicKey(secret) };
}

/** A BLS key with its proof of possession (what genesis records for each validator). */
export function deriveBlsKey(seed: string, path: string): BlsKeyPair {
  const secret = blsSecretFromSeed(deriveSecret(seed, path));
  return { secret, publicKey: blsPublicKey(secret), pop: blsProvePossession(secret) };
}

/** A random ed25519 key from the platform CSPRNG (globalThis.crypto: Node >= 19 and browsers). */
export function generateEd25519Key(): Ed25519KeyPair {
  const secret = globalThis.crypto.getRandomValues(new Uint8Array(32));
  return { secret, publicKey: ed25519PublicKey(secret) };
}

/** A random BLS key with its proof of possession (32 random bytes through blsSecretFromSeed). */
export function generateBlsKey(): BlsKeyPair {
  const secret = blsSecretFromSeed(globalThis.crypto.getRandomValues(new Uint8Array(32)));
  return { secret, publicKey: blsPublicKey(secret), pop: blsProvePossession(secret) };
}
