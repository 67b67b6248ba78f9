/**
 * BLS12-381 signatures for anchor certificates (never per vote): the IETF proof-of-possession scheme
 * (draft-irtf-cfrg-bls-signature-05), minimal-pubkey-size variant: public keys in G1 (48 bytes
 * compressed), signatures in G2 (96 bytes compressed), noble's `bls12_381.longSignatures`.
 *
 * Fast aggregate verification is only safe against rogue-key attacks for keys whose proof of
 * possession was checked once, when they were registered (genesis, validator-set change).
 *
 * Decoding a point from bytes costs ~1.2-3.8 ms (square root plus subgroup check), more than a
 * 99-signer aggregation, so validated public-key points are cached by their bytes.
 * Portable (no node:*): the SDK and an offline checker verify certificates too.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { mapHashToField } from '@noble/curves/abstract/modular.js';
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { bytesToNumberBE } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ChainError } from '../errors.ts';
import { BoundedCache } from '../bounded-cache.ts';

/** Ciphersuite for messages (certificates). */
export const BLS_SIG_DST = 'BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
/** Ciphersuite for proofs of possession, which sign the 48-byte public key. */
export const BLS_POP_DST = 'BLS_POP_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_';
/** Our own tag for deriving a secret from a seed (blsSecretFromSeed). */
export const BLS_KEYGEN_DST = 'TFR-BLS-keygen-v1';

export const BLS_SECRET_BYTES = 32;
export const BLS_PUBLIC_KEY_BYTES = 48;
export const BLS_SIGNATURE_BYTES = 96;

type G1Point = WeierstrassPoint<bigint>;
type G2Point = ReturnType<typeof scheme.Signature.fromBytes>;

const scheme = bls12_381.longSignatures;
const G1 = bls12_381.G1.Point;
const CURVE_ORDER = bls12_381.fields.Fr.ORDER;

/** Validator sets are ~100 per chain; 20k keys cover the Hub's view of many regions. */
const pubPointCache = new BoundedCache<string, G1Point>(20_000);

function secretScalarCheck(secret: Uint8Array): void {
  if (!(secret instanceof Uint8Array) || secret.length !== BLS_SECRET_BYTES) {
    throw new ChainError('CRYPTO_BAD_KEY', `BLS secret key must be ${BLS_SECRET_BYTES} bytes`);
  }
  // noble reduces out-of-range scalars silently; a secret must already be in [1, r-1].
  const k = bytesToNumberBE(secret);
  if (k === 0n || k >= CURVE_ORDER) throw new ChainError('CRYPTO_BAD_KEY', 'BLS secret key is not in [1, r-1]');
}

/**
 * The decoded point of a public key, or undefined unless it is a valid, non-identity G1 point in the
 * prime-order subgroup (KeyValidate of the IETF draft). Valid points are cached.
 */
function publicKeyPoint(publicKey: Uint8Array): G1Point | undefined {
  if (publicKey.length !== BLS_PUBLIC_KEY_BYTES) return undefined;
  const hex = bytesToHex(publicKey);
  const cached = pubPointCache.get(hex);
  if (cached !== undefined) return cached;
  let point: G1Point;
  try {
    point = G1.fromBytes(publicKey);
  } catch {
    return undefined;
  }
  if (point.is0()) return undefined;
  pubPointCache.set(hex, point);
  return point;
}

function signaturePoint(signature: Uint8Array): G2Point | undefined {
  if (signature.length !== BLS_SIGNATURE_BYTES) return undefined;
  try {
    const point = scheme.Signature.fromBytes(signature);
    return point.is0() ? undefined : point;
  } catch {
    return undefined;
  }
}

function signWith(secret: Uint8Array, message: Uint8Array, dst: string): Uint8Array {
  secretScalarCheck(secret);
  return scheme.Signature.toBytes(scheme.sign(scheme.hash(message, dst), secret));
}

function verifyWith(publicKey: G1Point, message: Uint8Array, signature: Uint8Array, dst: string): boolean {
  const sig = signaturePoint(signature);
  if (sig === undefined) return false;
  try {
    return scheme.verify(sig, scheme.hash(message, dst), publicKey);
  } catch {
    return false;
  }
}

/** 48-byte compressed G1 public key of a 32-byte big-endian secret scalar in [1, r-1]. */
export function blsPublicKey(secret: Uint8Array): Uint8Array {
  secretScalarCheck(secret);
  return scheme.getPublicKey(secret).toBytes(true);
}

/** 96-byte compressed G2 signature of `message` under the POP ciphersuite's message DST. */
export function blsSign(secret: Uint8Array, message: Uint8Array): Uint8Array {
  return signWith(secret, message, BLS_SIG_DST);
}

/** False, never throws, on malformed or identity keys and signatures. */
export function blsVerify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const pub = publicKeyPoint(publicKey);
  return pub !== undefined && verifyWith(pub, message, signature, BLS_SIG_DST);
}

/** Proof of possession: a signature of the 48-byte public key under the POP DST. */
export function blsProvePossession(secret: Uint8Array): Uint8Array {
  return signWith(secret, blsPublicKey(secret), BLS_POP_DST);
}

/** False, never throws, on malformed input or the identity point as public key. */
export function blsVerifyPossession(publicKey: Uint8Array, pop: Uint8Array): boolean {
  const pub = publicKeyPoint(publicKey);
  return pub !== undefined && verifyWith(pub, publicKey, pop, BLS_POP_DST);
}

/** Sum of signatures (96 bytes). Throws CRYPTO_BAD_SIGNATURE on an empty list or a malformed signature. */
export function blsAggregateSignatures(signatures: readonly Uint8Array[]): Uint8Array {
  if (signatures.length === 0) throw new ChainError('CRYPTO_BAD_SIGNATURE', 'cannot aggregate zero BLS signatures');
  let sum: G2Point | undefined;
  for (let i = 0; i < signatures.length; i++) {
    const point = signaturePoint(signatures[i]!);
    if (point === undefined) {
      throw new ChainError('CRYPTO_BAD_SIGNATURE', `BLS signature ${i} is malformed`, { index: i });
    }
    sum = sum === undefined ? point : sum.add(point);
  }
  return scheme.Signature.toBytes(sum!);
}

/**
 * The sum of public keys whose proofs of possession were checked, as an opaque value for
 * `blsVerifyAggregate`: a caller that verifies many messages with one signer set (anchor
 * certificates) aggregates once and then pays one pairing check per message. Undefined on an
 * empty list, a malformed key or a sum at the identity. Decoded keys come from the point cache.
 */
export interface BlsAggregateKey {
  readonly [aggregateKeyBrand]: G1Point;
}
declare const aggregateKeyBrand: unique symbol;

export function blsAggregatePublicKeys(publicKeys: readonly Uint8Array[]): BlsAggregateKey | undefined {
  let sum: G1Point | undefined;
  for (const pk of publicKeys) {
    const point = publicKeyPoint(pk);
    if (point === undefined) return undefined;
    sum = sum === undefined ? point : sum.add(point);
  }
  if (sum === undefined || sum.is0()) return undefined;
  return sum as unknown as BlsAggregateKey;
}

/** Verify against an aggregate key (FastAggregateVerify with the aggregation done). False, never throws, on malformed input. */
export function blsVerifyAggregate(key: BlsAggregateKey, message: Uint8Array, aggregateSignature: Uint8Array): boolean {
  return verifyWith(key as unknown as G1Point, message, aggregateSignature, BLS_SIG_DST);
}

/**
 * FastAggregateVerify: all `publicKeys` signed the same `message`. Every key must have had its proof
 * of possession verified beforehand. False, never throws, on an empty set or any malformed input.
 * Decoded keys come from the cache, so verifying again with the same set costs one aggregation and
 * one pairing check.
 */
export function blsFastAggregateVerify(publicKeys: readonly Uint8Array[], message: Uint8Array, aggregateSignature: Uint8Array): boolean {
  const key = blsAggregatePublicKeys(publicKeys);
  return key !== undefined && blsVerifyAggregate(key, message, aggregateSignature);
}

/**
 * A secret scalar from a seed of at least 32 bytes, deterministically:
 *   secret = mapHashToField(expand_message_xmd(seed, "TFR-BLS-keygen-v1", 48, sha256), r)
 * expand_message_xmd is RFC 9380 section 5.3.1; mapHashToField reads the 48 bytes big-endian and
 * returns (x mod (r-1)) + 1 as 32 big-endian bytes: always in [1, r-1], with bias below 2^-128.
 */
export function blsSecretFromSeed(seed: Uint8Array): Uint8Array {
  if (!(seed instanceof Uint8Array) || seed.length < 32) throw new RangeError('BLS seed must be at least 32 bytes');
  return mapHashToField(expand_message_xmd(seed, BLS_KEYGEN_DST, 48, sha256), CURVE_ORDER);
}

/** Number of decoded public-key points cached (for metrics and tests). */
export function blsPublicKeyCacheSize(): number {
  return pubPointCache.size;
}

/** Pairs (public key, pop) that verified in this process: a check costs ~25 ms and genesis files and registrations repeat them. */
const verifiedPops = new BoundedCache<string, true>(10_000);

/**
 * `blsVerifyPossession`, remembering successes by the exact bytes (so the answer is always the same
 * as the uncached check's). Used by genesis parsing and the Hub's registrations.
 */
export function blsVerifyPossessionCached(publicKey: Uint8Array, pop: Uint8Array): boolean {
  const key = `${bytesToHex(publicKey)}:${bytesToHex(pop)}`;
  if (verifiedPops.get(key) === true) return true;
  const ok = blsVerifyPossession(publicKey, pop);
  if (ok) verifiedPops.set(key, true);
  return ok;
}

/** Forgets the remembered proof-of-possession checks (tests that count checks). */
export function clearPossessionCache(): void {
  verifiedPops.clear();
}
