/**
 * The validator set a block commits to: genesis order (indices in votes and commits refer to it),
 * each validator's ed25519 key, BLS key and power. Its hash goes into every header, so a light
 * client or the Hub knows which set signed; anchoring certificates reuse it.
 */
import { encodeCbor } from '../codec/cbor.ts';
import { sha256 } from '../codec/hash.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';

export interface Validator {
  readonly name: string;
  readonly publicKey: Uint8Array;
  readonly blsPublicKey: Uint8Array;
  readonly power: number;
}

export interface ValidatorSet {
  readonly validators: readonly Validator[];
  readonly totalPower: number;
  /** sha256 of the canonical encoding of [[publicKey, blsPublicKey, power], ...] in set order. */
  readonly hash: Uint8Array;
}

export function validatorSet(validators: readonly Validator[]): ValidatorSet {
  const list = Object.freeze(validators.map((v) => Object.freeze({ ...v })));
  return Object.freeze({
    validators: list,
    totalPower: list.reduce((n, v) => n + v.power, 0),
    hash: sha256(encodeCbor(list.map((v) => [v.publicKey, v.blsPublicKey, v.power]))),
  });
}

export function validatorSetFromGenesis(g: Genesis): ValidatorSet {
  return validatorSet(g.validators.map((v) => ({ name: v.name, publicKey: v.publicKey, blsPublicKey: v.blsPublicKey, power: v.power })));
}

/** Index of the validator with this ed25519 key, or -1. */
export function validatorIndex(set: ValidatorSet, publicKey: Uint8Array): number {
  return set.validators.findIndex((v) => v.publicKey.length === publicKey.length && v.publicKey.every((b, i) => b === publicKey[i]));
}
