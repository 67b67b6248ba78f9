export const MEMPOOL_ERRORS = {
  MEMPOOL_FULL: 'The mempool holds its maximum number of txs or bytes; try again after the next block.',
  MEMPOOL_DUPLICATE: 'The same tx is already in the mempool.',
} as const;
