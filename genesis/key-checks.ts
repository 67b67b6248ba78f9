/**
 * Whether key bytes are usable keys, so a validator whose key could never sign is refused at genesis
 * rather than discovered when consensus stalls.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { blsVerifyPossession } from '../chain/crypto/bls.ts';
import { BoundedCache } from '../chain/bounded-cache.ts';
import { toHex } from '../chain/codec/bytes.ts';

/** A canonical encoding (RFC 8032, strict) of an ed25519 point that is not of small order. */
export function isEd25519PublicKey(publicKey: Uint8Array): boolean {
  try {
    return !ed25519.Point.fromBytes(publicKey, false).isSmallOrder();
  } catch {
    return false;
  }
}

/** A compressed BLS12-381 G1 point other than the identity (used to tell a bad key from a bad pop). */
export function isBlsPublicKey(publicKey: Uint8Array): boolean {
  try {
    return !bls12_381.G1.Point.fromBytes(publicKey).is0();
  } catch {
    return false;
  }
}

/**
 * Pairs (BLS public key, proof of possession) that verified in this process: checking a pop costs
 * ~25 ms, and a process reads the same genesis again and again (node start, CLI, tests). Only
 * successful checks are remembered, keyed by the exact bytes, so the answer is always the same as
 * `blsVerifyPossession`'s.
 */
const verifiedPops = new BoundedCache<string, true>(10_000);

export function popVerifies(blsPublicKey: Uint8Array, pop: Uint8Array): boolean {
  const key = `${toHex(blsPublicKey)}:${toHex(pop)}`;
  if (verifiedPops.get(key) === true) return true;
  const ok = blsVerifyPossession(blsPublicKey, pop);
  if (ok) verifiedPops.set(key, true);
  return ok;
}
