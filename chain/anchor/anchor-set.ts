/**
 * The certificate validator set of a region (Lisk LIP 0061's "BFT weights and threshold"): each
 * validator's BLS key with its weight, sorted ascending by key bytes, and the weight that signers
 * must reach. Its hash is a certificate's `validatorsHash`:
 *
 *   hash = sha256(cbor([threshold, [[blsPublicKey, weight], ...]]))   (keys ascending)
 *
 * Signer bitmaps index this sorted order. A region derives its set from its genesis validators
 * (weight = power, threshold = the consensus quorum floor(2W/3) + 1). Portable (no node:*).
 */
import type { Genesis } from '../../genesis/genesis-types.ts';
import { encodeCbor } from '../codec/cbor.ts';
import { compareBytes } from '../codec/bytes-portable.ts';
import { sha256Portable } from '../codec/hash-portable.ts';
import { BLS_PUBLIC_KEY_BYTES } from '../crypto/bls.ts';
import { ChainError } from '../errors.ts';

/** Far above any region (99) or the Hub (100); bounds what a registration or an update may carry. */
export const MAX_ANCHOR_VALIDATORS = 1_000;

export interface AnchorValidator {
  readonly blsPublicKey: Uint8Array;
  readonly weight: number;
}

export interface AnchorSet {
  /** Ascending by `blsPublicKey`, unique. */
  readonly validators: readonly AnchorValidator[];
  readonly threshold: number;
  readonly totalWeight: number;
  readonly hash: Uint8Array;
}

export function anchorSetHash(validators: readonly AnchorValidator[], threshold: number): Uint8Array {
  return sha256Portable(encodeCbor([threshold, validators.map((v) => [v.blsPublicKey, v.weight])]));
}

/**
 * A checked set: 1..MAX_ANCHOR_VALIDATORS validators with 48-byte keys strictly ascending (so
 * unique), positive safe-integer weights, and a threshold in [floor(W/3) + 1, W]. Lisk once
 * accepted a threshold of 0 in an update; the range check is what stops it.
 */
export function checkedAnchorSet(validators: readonly AnchorValidator[], threshold: number): AnchorSet {
  if (validators.length === 0 || validators.length > MAX_ANCHOR_VALIDATORS) {
    throw new ChainError('ANCHOR_BAD_VALIDATOR_SET', `a certificate validator set has 1..${MAX_ANCHOR_VALIDATORS} validators, got ${validators.length}`);
  }
  let total = 0;
  validators.forEach((v, i) => {
    if (v.blsPublicKey.length !== BLS_PUBLIC_KEY_BYTES) throw new ChainError('ANCHOR_BAD_VALIDATOR_SET', `validator ${i}: a BLS key is ${BLS_PUBLIC_KEY_BYTES} bytes`, { index: i });
    if (!Number.isSafeInteger(v.weight) || v.weight < 1) throw new ChainError('ANCHOR_BAD_VALIDATOR_SET', `validator ${i}: weight must be a positive integer`, { index: i });
    if (i > 0) {
      const order = compareBytes(validators[i - 1]!.blsPublicKey, v.blsPublicKey);
      if (order === 0) throw new ChainError('ANCHOR_BAD_VALIDATOR_SET', `validator ${i}: BLS key repeated`, { index: i });
      if (order > 0) throw new ChainError('ANCHOR_BAD_VALIDATOR_SET', `validator ${i}: BLS keys must be sorted ascending`, { index: i });
    }
    total += v.weight;
  });
  if (!Number.isSafeInteger(total)) throw new ChainError('ANCHOR_BAD_VALIDATOR_SET', 'total weight overflows');
  const min = Math.floor(total / 3) + 1;
  if (!Number.isSafeInteger(threshold) || threshold < min || threshold > total) {
    throw new ChainError('ANCHOR_BAD_THRESHOLD', `threshold must be in [${min}, ${total}], got ${threshold}`, { threshold, min, max: total });
  }
  const list = Object.freeze(validators.map((v) => Object.freeze({ blsPublicKey: v.blsPublicKey, weight: v.weight })));
  return Object.freeze({ validators: list, threshold, totalWeight: total, hash: anchorSetHash(list, threshold) });
}

/** A region's set from its genesis: weight = power, threshold = floor(2W/3) + 1 (the consensus quorum). */
export function anchorSetFromGenesis(genesis: Genesis): AnchorSet {
  const sorted = [...genesis.validators]
    .map((v) => ({ blsPublicKey: v.blsPublicKey, weight: v.power }))
    .sort((a, b) => compareBytes(a.blsPublicKey, b.blsPublicKey));
  const total = sorted.reduce((n, v) => n + v.weight, 0);
  return checkedAnchorSet(sorted, Math.floor((2 * total) / 3) + 1);
}
