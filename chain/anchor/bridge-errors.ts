/** TFT bridge error codes (area BRIDGE_), merged into chain/error-codes.ts. */
export const BRIDGE_ERRORS = {
  BRIDGE_BAD_AMOUNT: 'A bridge amount is zero or above the maximum amount.',
  BRIDGE_WRONG_CHAIN: 'The transfer is for another chain (another region, or not this Hub).',
  BRIDGE_NOT_ANCHORED: 'The proof is against a height the Hub has not anchored for this region.',
  BRIDGE_BAD_PROOF: 'The Merkle proof does not prove the transfer against the state root it names.',
  BRIDGE_BAD_HUB_COMMIT: "The Hub header is not committed by more than 2/3 of the Hub's validators, or is not a Hub header.",
  BRIDGE_ALREADY_CLAIMED: 'This transfer was already claimed.',
  BRIDGE_UNKNOWN_TRANSFER: 'No bridge transfer has this id.',
  BRIDGE_NOT_CONFIGURED: 'This chain has no bridge (a region genesis without a "hub" section).',
} as const;

export type BridgeErrorCode = keyof typeof BRIDGE_ERRORS;
