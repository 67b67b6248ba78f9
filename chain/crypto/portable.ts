/**
 * The browser-safe part of chain/crypto (no node:* anywhere below): for the SDK, the CLI's signing
 * and offline checkers. Node code imports index.ts, which adds the node:crypto verifier.
 */
export {
  ED25519_PUBLIC_KEY_BYTES,
  ED25519_SECRET_BYTES,
  ED25519_SIGNATURE_BYTES,
  ed25519PublicKey,
  signEd25519,
  verifyEd25519Portable,
} from './ed25519-sign.ts';
export {
  BLS_KEYGEN_DST,
  BLS_POP_DST,
  BLS_PUBLIC_KEY_BYTES,
  BLS_SECRET_BYTES,
  BLS_SIG_DST,
  BLS_SIGNATURE_BYTES,
  blsAggregateSignatures,
  blsFastAggregateVerify,
  blsProvePossession,
  blsPublicKey,
  blsPublicKeyCacheSize,
  blsSecretFromSeed,
  blsSign,
  blsVerify,
  blsVerifyPossession,
} from './bls.ts';
export {
  ADDRESS_BYTES,
  HRP_MAX_LENGTH,
  addressBytesFromPublicKey,
  addressFromPublicKey,
  decodeAddress,
  encodeAddress,
  isValidHrp,
} from './addresses.ts';
export { CHAIN_ID_MAX_LENGTH, SIGNING_PURPOSE, isValidChainId, signingBytes } from './domain.ts';
export type { SigningPurpose } from './domain.ts';
export { deriveBlsKey, deriveEd25519Key, deriveSecret, generateBlsKey, generateEd25519Key } from './key-derivation.ts';
export type { BlsKeyPair, Ed25519KeyPair } from './key-derivation.ts';
export { CRYPTO_ERRORS } from './crypto-errors.ts';
