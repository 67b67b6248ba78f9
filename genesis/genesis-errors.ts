export const GENESIS_ERRORS = {
  GENESIS_INVALID_JSON: 'The genesis file is not valid JSON.',
  GENESIS_DUPLICATE_JSON_KEY: 'A JSON object in the genesis file repeats a key.',
  GENESIS_MISSING_FIELD: 'A required genesis field is missing.',
  GENESIS_UNKNOWN_FIELD: 'A genesis field is not part of the format (a typo never passes silently).',
  GENESIS_INVALID_FIELD: 'A genesis field has the wrong type or an out-of-range value.',
} as const;
