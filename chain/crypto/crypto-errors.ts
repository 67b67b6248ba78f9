export const CRYPTO_ERRORS = {
  CRYPTO_BAD_KEY: 'A public or secret key is malformed (wrong length, not a curve point).',
  CRYPTO_BAD_SIGNATURE: 'A signature is malformed or does not verify.',
  CRYPTO_BAD_ADDRESS: 'An address is not valid bech32m, has the wrong prefix or the wrong length.',
} as const;
