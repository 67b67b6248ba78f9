/** Anchoring error codes (area ANCHOR_), merged into chain/error-codes.ts. */
export const ANCHOR_ERRORS = {
  ANCHOR_BAD_CERTIFICATE: 'A certificate or its aggregate is malformed (field lengths, chain id, an aggregate signature that is not 96 bytes).',
  ANCHOR_UNKNOWN_REGION: 'No region with this chain id is registered on the Hub.',
  ANCHOR_REGION_EXISTS: 'A region with this chain id is already registered.',
  ANCHOR_NOT_REGISTRAR: 'Only the registrar named in the Hub genesis may register regions.',
  ANCHOR_BAD_BITMAP: 'The signer bitmap is not ceil(n/8) bytes, or sets a bit at or beyond the number of validators.',
  ANCHOR_DUPLICATE_SIGNER: 'A signer index appears twice.',
  ANCHOR_INSUFFICIENT_WEIGHT: "The signers' weight is below the registered certificate threshold.",
  ANCHOR_BAD_SIGNATURE: "The aggregate BLS signature does not verify for the signers' public keys and the certificate.",
  ANCHOR_STALE_HEIGHT: 'The certificate height is not above the last height the Hub accepted for the region.',
  ANCHOR_BAD_VALIDATOR_SET: 'A validator set for certificates is malformed: keys not sorted ascending or repeated, a weight that is not a positive integer, no validators, or more than 1,000.',
  ANCHOR_BAD_THRESHOLD: 'A certificate threshold is outside [floor(W/3) + 1, W] for the total weight W.',
  ANCHOR_VALIDATORS_HASH_MISMATCH: "The certificate's validatorsHash is neither the registered set's hash nor the hash of the update it carries.",
  ANCHOR_BAD_POP: "A BLS public key's proof of possession does not verify.",
  ANCHOR_BRIDGE_FROZEN: "The region's bridge is frozen: the Hub holds fork evidence against it.",
  ANCHOR_BAD_RECEIPT: "A Hub receipt does not prove the region's anchored certificate (wrong header, commit or Merkle proof).",
} as const;

export type AnchorErrorCode = keyof typeof ANCHOR_ERRORS;
