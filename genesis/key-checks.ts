/**
 * Whether key bytes are usable keys, so a validator whose key could never sign is refused at genesis
 * rather than discovered when consensus stalls.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { ed25519 } from '@noble/curves/ed25519.js';
import { blsVerifyPossessionCached } from '../chain/crypto/bls.ts';

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

/** A (BLS public key, proof of possession) pair verifies; successes are remembered per process. */
export const popVerifies = blsVerifyPossessionCached;
