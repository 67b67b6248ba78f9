export const EXEC_ERRORS = {
  EXEC_INVALID_BLOCK: 'A block is not a valid successor of the stored chain (height, parent, state root, tx root).',
  EXEC_INVALID_TX: 'A block includes a transaction that is invalid; the whole block is rejected.',
  EXEC_DUPLICATE_TX: 'A block includes the same transaction twice.',
  EXEC_BLOCK_TOO_LARGE: 'A block exceeds the maximum number of transactions or bytes.',
  EXEC_GENESIS_MISMATCH: 'The database was initialized from another genesis than the one given.',
  EXEC_NOT_INITIALIZED: 'The database holds no chain yet (initialize it from genesis first).',
} as const;
