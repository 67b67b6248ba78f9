/**
 * NODE-ONLY. ed25519 verification for the node's hot paths through node:crypto (OpenSSL): ~14x
 * noble's speed here. Browsers and the SDK use `verifyEd25519Portable` (ed25519-sign.ts); a test
 * checks both agree on the RFC 8032 vectors.
 *
 * Raw 32-byte keys are imported through JWK (~9 µs; DER/SPKI costs ~100 µs) and the KeyObjects kept
 * in a bounded cache, since the same accounts and validators sign again and again.
 * Both functions answer false, never throw, on malformed input: callers treat any bad signature alike.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { BoundedCache } from '../bounded-cache.ts';

const PUBLIC_KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;
/** ~100k keys cover every account active in a long while; beyond that the oldest is dropped. */
const KEY_CACHE_LIMIT = 100_000;

const keyCache = new BoundedCache<string, KeyObject>(KEY_CACHE_LIMIT);

function base64url(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
}

/** The cached KeyObject for a raw public key, or undefined when it has the wrong size or will not import. */
function keyObjectFor(publicKey: Uint8Array): KeyObject | undefined {
  if (publicKey.length !== PUBLIC_KEY_BYTES) return undefined;
  const x = base64url(publicKey);
  const cached = keyCache.get(x);
  if (cached !== undefined) return cached;
  let key: KeyObject;
  try {
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch {
    return undefined;
  }
  keyCache.set(x, key);
  return key;
}

/** Synchronous verify on the calling thread (~62 µs here). */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  const key = keyObjectFor(publicKey);
  if (key === undefined) return false;
  try {
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/**
 * Verify on libuv's thread pool (callback form of crypto.verify): with many checks in flight this
 * uses every core without worker threads. Never rejects.
 */
export function verifyEd25519Async(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (signature.length !== SIGNATURE_BYTES) return Promise.resolve(false);
  const key = keyObjectFor(publicKey);
  if (key === undefined) return Promise.resolve(false);
  return new Promise<boolean>((resolve) => {
    try {
      verify(null, message, key, signature, (err, ok) => resolve(err === null && ok));
    } catch {
      resolve(false);
    }
  });
}

/** Number of KeyObjects cached (for metrics and tests). */
export function ed25519KeyCacheSize(): number {
  return keyCache.size;
}
