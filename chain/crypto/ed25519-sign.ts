/**
 * Portable ed25519 (noble): signing for the SDK, the CLI and the browser, and a verifier for places
 * without node:crypto. Signatures are deterministic (RFC 8032), so noble and OpenSSL produce the same
 * bytes; the node verifies with `verifyEd25519` (ed25519-verify.ts), which is ~14x faster.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { ChainError } from '../errors.ts';

export const ED25519_SECRET_BYTES = 32;
export const ED25519_PUBLIC_KEY_BYTES = 32;
export const ED25519_SIGNATURE_BYTES = 64;

function checkSecret(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length !== ED25519_SECRET_BYTES) {
    throw new ChainError('CRYPTO_BAD_KEY', `ed25519 secret key must be ${ED25519_SECRET_BYTES} bytes`);
  }
}

/** The 32-byte public key of a 32-byte secret (the RFC 8032 "private key" seed). */
export function ed25519PublicKey(secret: Uint8Array): Uint8Array {
  checkSecret(secret);
  return ed25519.getPublicKey(secret);
}

/** A 64-byte RFC 8032 signature. Sign domain-separated bytes (domain.ts), never a bare payload. */
export function signEd25519(secret: Uint8Array, message: Uint8Array): Uint8Array {
  checkSecret(secret);
  return ed25519.sign(message, secret);
}

/**
 * Portable verify; false, never throws, on malformed input. Strict RFC 8032 decoding (zip215: false,
 * noble's ed25519 default is the laxer ZIP-215) to stay close to OpenSSL, which also rejects
 * non-canonical encodings. Consensus decisions use the node path.
 */
export function verifyEd25519Portable(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== ED25519_PUBLIC_KEY_BYTES || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}
