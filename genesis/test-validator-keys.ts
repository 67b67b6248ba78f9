/**
 * Deterministic validator keys for test networks (`tfr genesis new --seed`), by one rule that the
 * generator and anything that runs those validators share:
 *
 *   name        = "validator-" + i, two digits at least (validator-01 .. validator-99, validator-100)
 *   ed25519 key = deriveEd25519Key(seed, region + "/validator/" + i)
 *   BLS key     = deriveBlsKey(seed, region + "/validator/" + i + "/bls")
 *
 * i is 1-based. The region is part of the path, so the Hub's validators and a region's never
 * share keys even when both come from one public seed (they may run in one process). The BLS key has its own path, as chain/crypto/key-derivation.ts asks: with the same
 * path the ed25519 secret (the node's vote and network key) would determine the BLS secret.
 * Public seeds give public keys: for test networks only.
 */
import { deriveBlsKey, deriveEd25519Key, type BlsKeyPair, type Ed25519KeyPair } from '../chain/crypto/key-derivation.ts';

export interface TestValidatorKeys {
  readonly name: string;
  readonly ed25519: Ed25519KeyPair;
  readonly bls: BlsKeyPair;
}

export function testValidatorName(index: number): string {
  return `validator-${String(index).padStart(2, '0')}`;
}

export function testValidatorKeys(seed: string, region: string, index: number): TestValidatorKeys {
  if (!Number.isSafeInteger(index) || index < 1) throw new RangeError(`validator index must be a positive integer: ${index}`);
  return {
    name: testValidatorName(index),
    ed25519: deriveEd25519Key(seed, `${region}/validator/${index}`),
    bls: deriveBlsKey(seed, `${region}/validator/${index}/bls`),
  };
}
