export const STATE_ERRORS = {
  STATE_MISSING_NODE: 'A Merkle tree node referenced by a root is not in the node store.',
  STATE_BAD_PROOF: 'A Merkle proof is malformed or does not lead to the expected root.',
  STATE_CORRUPT: 'Stored state does not decode; the database is damaged.',
  STATE_STORE_CLOSED: 'The key-value store was used after close().',
  STATE_STALE_PREPARE: 'A prepared state change was computed on a root that is no longer the committed one.',
  STATE_FORBIDDEN_KEY: 'An extra op given to commit writes a key the state store owns (tree node, state value, state root).',
} as const;
