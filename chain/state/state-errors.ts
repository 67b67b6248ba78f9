export const STATE_ERRORS = {
  STATE_MISSING_NODE: 'A Merkle tree node referenced by a root is not in the node store.',
  STATE_BAD_PROOF: 'A Merkle proof is malformed or does not lead to the expected root.',
  STATE_CORRUPT: 'Stored state does not decode; the database is damaged.',
} as const;
