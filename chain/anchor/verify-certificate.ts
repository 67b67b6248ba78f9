/**
 * Verification of an aggregate certificate against a certificate validator set, pure (no state,
 * no clock): what the Hub's `anchor.submit` checks once it has found the region, and what an
 * offline checker or the SDK can run on the same bytes.
 *
 *   1. bitmap well-formed (ceil(n/8) bytes, no bit at or beyond n, at least one signer)  ANCHOR_BAD_BITMAP
 *   2. signers' weight >= the set's threshold                                            ANCHOR_INSUFFICIENT_WEIGHT
 *   3. validatorsHash = the set's hash, or the carried update's (checked set)            ANCHOR_VALIDATORS_HASH_MISMATCH,
 *                                                                                        ANCHOR_BAD_VALIDATOR_SET, ANCHOR_BAD_THRESHOLD
 *   4. one fast-aggregate-verify against the signers' keys                               ANCHOR_BAD_SIGNATURE
 *   5. a proof of possession for every key of the update that the set does not hold      ANCHOR_BAD_POP
 *
 * Cheap checks first; the pairing (~25 ms) and the proofs of possession (~25 ms each) last.
 *
 * Caches (bounded, process-wide; each gives exactly the answer the computation would):
 * - the aggregate public key of a signer set, keyed by (set hash, bitmap): the same validators
 *   signing again cost one pairing check, not 99 point additions;
 * - aggregates that verified, keyed by (set hash, bitmap, signed bytes, signature): the command's
 *   `verify` (mempool admission, then the block) and `execute` check a certificate once per process;
 * - proofs of possession that verified (a registration, then each update, then the genesis).
 * Failures are never cached. Portable (no node:*): the SDK and an offline checker run it too.
 */
import { bytesEqual, compareBytes } from '../codec/bytes-portable.ts';
import { sha256Portable } from '../codec/hash-portable.ts';
import { bytesToHex } from '@noble/hashes/utils.js';
import { BoundedCache } from '../bounded-cache.ts';
import { blsAggregatePublicKeys, blsAggregateSignatures, blsVerifyAggregate, blsVerifyPossessionCached, clearPossessionCache, type BlsAggregateKey } from '../crypto/bls.ts';
import { ChainError } from '../errors.ts';
import { checkedAnchorSet, type AnchorSet } from './anchor-set.ts';
import { certificateSignBytes, type AggregateCertificate, type Certificate } from './certificate.ts';
import type { RegionRecord } from './hub-records.ts';
import type { RegisteringValidator, ValidatorSetUpdate } from './anchor-params.ts';
import { bitmapFromIndices, signerIndices } from './signer-bitmap.ts';

/** Aggregate keys of signer sets: a few regions, each with a few recurring signer sets. */
const aggregateKeys = new BoundedCache<string, BlsAggregateKey>(1_024);
/** Aggregates that verified (successes only). */
const verifiedAggregates = new BoundedCache<string, true>(4_096);

export interface VerifiedSigners {
  /** Ascending indices into the set. */
  readonly signers: readonly number[];
  readonly weight: number;
}

export interface VerifiedCertificate extends VerifiedSigners {
  /** The set that signs the region's next certificates: the update's when one was carried, else the signing set. */
  readonly nextSet: AnchorSet;
  readonly updated: boolean;
}

/** The registered set of a region record (checked again: its hash is what certificates name). */
export function anchorSetOfRegion(region: RegionRecord): AnchorSet {
  return checkedAnchorSet(region.validators, region.threshold);
}

/** Steps 1 and 2: signer indices of a well-formed bitmap whose weight reaches the threshold. */
export function checkSigners(set: AnchorSet, bitmap: Uint8Array): VerifiedSigners {
  const signers = signerIndices(set.validators.length, bitmap);
  let weight = 0;
  for (const i of signers) weight += set.validators[i]!.weight;
  if (weight < set.threshold) {
    throw new ChainError('ANCHOR_INSUFFICIENT_WEIGHT', `the signers' weight ${weight} is below the threshold ${set.threshold}`, { weight, threshold: set.threshold });
  }
  return { signers, weight };
}

/** The aggregate public key of these signers of `set`, cached by (set hash, bitmap). */
export function signersAggregateKey(set: AnchorSet, bitmap: Uint8Array, signers: readonly number[]): BlsAggregateKey | undefined {
  const cacheKey = `${bytesToHex(set.hash)}:${bytesToHex(bitmap)}`;
  const cached = aggregateKeys.get(cacheKey);
  if (cached !== undefined) return cached;
  const key = blsAggregatePublicKeys(signers.map((i) => set.validators[i]!.blsPublicKey));
  if (key !== undefined) aggregateKeys.set(cacheKey, key);
  return key;
}

/**
 * Steps 1, 2 and 4 against `set`: always one pairing check (the benchmark's figure), with the
 * signers' aggregate key from its cache. Throws ANCHOR_BAD_BITMAP, ANCHOR_INSUFFICIENT_WEIGHT or
 * ANCHOR_BAD_SIGNATURE.
 */
export function verifyAggregateSignature(aggregate: AggregateCertificate, set: AnchorSet): VerifiedSigners {
  const checked = checkSigners(set, aggregate.signers);
  const key = signersAggregateKey(set, aggregate.signers, checked.signers);
  if (key === undefined || !blsVerifyAggregate(key, certificateSignBytes(aggregate.certificate), aggregate.signature)) {
    throw new ChainError('ANCHOR_BAD_SIGNATURE', `the aggregate signature of ${checked.signers.length} signers does not verify for certificate ${aggregate.certificate.chainId}@${aggregate.certificate.height}`, {
      signers: checked.signers.length,
    });
  }
  return checked;
}

function verifiedKey(set: AnchorSet, aggregate: AggregateCertificate): string {
  const message = sha256Portable(certificateSignBytes(aggregate.certificate));
  return `${bytesToHex(set.hash)}:${bytesToHex(aggregate.signers)}:${bytesToHex(message)}:${bytesToHex(aggregate.signature)}`;
}

/** `verifyAggregateSignature`, remembering successes: a second call with the same bytes does no pairing. */
export function verifyAggregateSignatureOnce(aggregate: AggregateCertificate, set: AnchorSet): VerifiedSigners {
  const key = verifiedKey(set, aggregate);
  if (verifiedAggregates.get(key) === true) return checkSigners(set, aggregate.signers);
  const checked = verifyAggregateSignature(aggregate, set);
  verifiedAggregates.set(key, true);
  return checked;
}

/** The keys and weights of an update as given (the order must already be ascending). */
function updateValidators(update: ValidatorSetUpdate): { blsPublicKey: Uint8Array; weight: number }[] {
  return update.validators.map((v) => ({ blsPublicKey: v.blsPublicKey, weight: v.weight }));
}

/**
 * Step 3: the set that must have signed and the set that follows. Without an update,
 * `validatorsHash` must be the signing set's hash; with one, the update must be a checked set
 * (sorted, unique, positive weights, threshold in range) whose hash is `validatorsHash`.
 */
export function checkValidatorsHash(certificate: Certificate, signing: AnchorSet, update: ValidatorSetUpdate | null): AnchorSet {
  if (update === null) {
    if (!bytesEqual(certificate.validatorsHash, signing.hash)) {
      throw new ChainError('ANCHOR_VALIDATORS_HASH_MISMATCH', "the certificate's validatorsHash is not the registered set's and no update is carried", { field: 'validatorsHash' });
    }
    return signing;
  }
  const next = checkedAnchorSet(updateValidators(update), update.threshold);
  if (!bytesEqual(certificate.validatorsHash, next.hash)) {
    throw new ChainError('ANCHOR_VALIDATORS_HASH_MISMATCH', "the carried update does not hash to the certificate's validatorsHash", { field: 'update' });
  }
  return next;
}

/** Every proof of possession of `validators` verifies (ANCHOR_BAD_POP with the index otherwise); keys of `known` are skipped. */
export function checkPops(validators: readonly RegisteringValidator[], known?: AnchorSet): void {
  const knownKeys = new Set(known?.validators.map((v) => bytesToHex(v.blsPublicKey)) ?? []);
  validators.forEach((v, index) => {
    if (knownKeys.has(bytesToHex(v.blsPublicKey))) return;
    if (!blsVerifyPossessionCached(v.blsPublicKey, v.blsPop)) {
      throw new ChainError('ANCHOR_BAD_POP', `validator ${index}: the proof of possession does not verify for its BLS key`, { index });
    }
  });
}

/**
 * The five steps: `aggregate` signed by `signing` (the registered set), carrying `update` or not.
 * Successful signature checks and proofs of possession are remembered, so calling this again for
 * the same tx (verify, then execute) costs no pairing.
 */
export function verifyCertificate(aggregate: AggregateCertificate, signing: AnchorSet, update: ValidatorSetUpdate | null): VerifiedCertificate {
  const signers = checkSigners(signing, aggregate.signers);
  const nextSet = checkValidatorsHash(aggregate.certificate, signing, update);
  verifyAggregateSignatureOnce(aggregate, signing);
  if (update !== null) checkPops(update.validators, signing);
  return { ...signers, nextSet, updated: update !== null && !bytesEqual(nextSet.hash, signing.hash) };
}

/** `verifyCertificate` against a region's record; a certificate of another chain is ANCHOR_UNKNOWN_REGION. */
export function verifyCertificateForRegion(aggregate: AggregateCertificate, region: RegionRecord, update: ValidatorSetUpdate | null): VerifiedCertificate {
  if (aggregate.certificate.chainId !== region.chainId) {
    throw new ChainError('ANCHOR_UNKNOWN_REGION', `the certificate is for ${JSON.stringify(aggregate.certificate.chainId)}, not region ${JSON.stringify(region.chainId)}`);
  }
  return verifyCertificate(aggregate, anchorSetOfRegion(region), update);
}

export interface IndexedSignature {
  /** Index into the sorted certificate set. */
  readonly index: number;
  readonly signature: Uint8Array;
}

/**
 * An aggregate from individual signatures given with their signer indices (what a region's
 * validators or a relayer collect). The one place signers come as a list: a repeated index is
 * ANCHOR_DUPLICATE_SIGNER, an index outside the set ANCHOR_BAD_BITMAP. Signatures are not checked
 * here (the Hub checks the aggregate).
 */
export function buildAggregate(certificate: Certificate, setSize: number, signatures: readonly IndexedSignature[]): AggregateCertificate {
  const signers = bitmapFromIndices(setSize, signatures.map((s) => s.index));
  if (signatures.length === 0) throw new ChainError('ANCHOR_BAD_BITMAP', 'no signer is set');
  return { certificate, signers, signature: blsAggregateSignatures(signatures.map((s) => s.signature)) };
}

/** Sorts validators ascending by BLS key (what a set must be before `checkedAnchorSet`). */
export function sortByBlsKey<T extends { readonly blsPublicKey: Uint8Array }>(validators: readonly T[]): T[] {
  return [...validators].sort((a, b) => compareBytes(a.blsPublicKey, b.blsPublicKey));
}

/** Empties the caches (tests and benchmarks measure a cold start with it). */
export function clearCertificateCaches(): void {
  aggregateKeys.clear();
  verifiedAggregates.clear();
  clearPossessionCache();
}
