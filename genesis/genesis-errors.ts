export const GENESIS_ERRORS = {
  GENESIS_INVALID_JSON: 'The genesis file is not valid JSON.',
  GENESIS_DUPLICATE_JSON_KEY: 'A JSON object in the genesis file repeats a key.',
  GENESIS_MISSING_FIELD: 'A required genesis field is missing.',
  GENESIS_UNKNOWN_FIELD: 'A genesis field is not part of the format (a typo never passes silently).',
  GENESIS_INVALID_FIELD: 'A genesis field has the wrong type or an out-of-range value.',
  GENESIS_DUPLICATE_VALUE: 'A value that must be unique (validator name, ed25519 key, BLS key, account address) appears twice.',
  GENESIS_UNKNOWN_ASSET: 'A balance names an asset symbol that is neither TFT nor the regional token.',
  GENESIS_WRONG_DECIMALS: "An asset's decimals are not allowed (TFT exactly 7, a regional token 0..18).",
  GENESIS_BAD_POP: "A validator's BLS proof of possession does not verify for its BLS public key.",
  GENESIS_INVALID_AMOUNT: 'An amount is not a decimal string of non-negative base units, or it (or a total supply) exceeds 2^128 - 1.',
  GENESIS_INVALID_ADDRESS: "An account address is not bech32m with the chain's prefix and 20 bytes.",
} as const;
