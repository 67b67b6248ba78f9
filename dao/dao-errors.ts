/** The DAO and farming error codes (area DAO_), merged into chain/error-codes.ts. */
export const DAO_ERRORS = {
  DAO_BAD_NAME: 'A farm or policy name is empty, too long, or has characters other than A-Z a-z 0-9 _ - . (farms: 1..40, policies: 1..64).',
  DAO_BAD_RESOURCES: 'Reported node resources are out of range (cru 1..4096 cores; mru, sru, hru at most 2^50 bytes; public IPs at most 256).',
  DAO_BAD_POLICY: 'A farming policy field is out of range (minimal uptime 0..1000 permille, an end height in the past, an unknown certification).',
  DAO_FARM_NAME_TAKEN: 'Another farm already has this name.',
  DAO_FARM_NOT_FOUND: 'No farm has this id.',
  DAO_NODE_NOT_FOUND: 'No node has this id.',
  DAO_NODE_KEY_TAKEN: 'A node with this node key is already registered.',
  DAO_BAD_NODE_SIGNATURE: 'The node key did not sign this registration (chain id, farm id and owner).',
  DAO_NOT_FARM_OWNER: 'The tx sender does not own the farm.',
  DAO_NOT_NODE_KEY: 'The tx is not signed by the node key of the node it reports for.',
  DAO_BAD_UPTIME: 'An uptime report is out of range (uptime above 100 years, traffic above 2^53 bytes).',
  DAO_POLICY_NOT_FOUND: 'No farming policy has this id.',
  DAO_POLICY_IMMUTABLE: 'The farming policy is immutable: it cannot be updated.',
  DAO_POLICY_EXPIRED: 'The farming policy has ended: it cannot be attached.',
  DAO_BAD_LIMITS: 'Policy limits are out of range (node count, CU or SU budget, or an end height in the past).',
  DAO_PROPOSAL_NOT_FOUND: 'No proposal has this id.',
  DAO_BAD_PROPOSAL: 'A proposal is malformed (title 1..128 characters, description at most 4,096, at most 16 actions, an unknown action).',
  DAO_DEPOSIT_TOO_LOW: "The proposal's deposit is below the DAO's minimum deposit.",
  DAO_VOTING_PERIOD: "The proposal's voting period is outside the DAO's minimum and maximum voting periods.",
  DAO_VOTING_CLOSED: 'The proposal is not open for votes (its end height has passed).',
  DAO_NO_WEIGHT: 'The farm had no voting weight (2*CU + SU of its nodes) when the proposal was created.',
  DAO_BAD_VOTE: 'A vote is not one of yes, no, abstain, veto.',
  DAO_BELOW_FLOOR: 'A DAO parameter would be set outside the bounds the genesis fixed (floors of deposit, voting period, quorum and threshold).',
  DAO_BAD_PARAMS: 'DAO parameters are inconsistent (quorum, threshold or veto outside 1..1000 permille, or a maximum voting period below the minimum).',
} as const;

export type DaoErrorCode = keyof typeof DAO_ERRORS;
