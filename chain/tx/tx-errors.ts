export const TX_ERRORS = {
  TX_MALFORMED: 'The transaction bytes do not decode to a transaction envelope.',
  TX_TOO_LARGE: 'The transaction is larger than the maximum transaction size.',
  TX_WRONG_CHAIN: 'The transaction is for another chain id.',
  TX_BAD_SIGNATURE: 'The transaction signature does not verify for its sender key.',
  TX_EXPIRED: 'The transaction expiry height is below the height of the block.',
  TX_UNKNOWN_COMMAND: 'The transaction names a module or command this chain does not have.',
  TX_BAD_PARAMS: 'The command parameters are malformed or out of range.',
} as const;
