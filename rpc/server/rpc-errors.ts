/**
 * Codes of errors the RPC itself raises (chain errors keep their own codes). Like `CLI_`, they
 * never appear in a block: they describe the request, not the chain.
 */
export const RPC_ERRORS = {
  RPC_BAD_REQUEST: 'The request does not match the route schema: malformed JSON, a wrong type, a missing or an extra field.',
  RPC_UNSUPPORTED_MEDIA_TYPE: 'The request body is not application/json.',
  RPC_BODY_TOO_LARGE: 'The request body is larger than the server accepts.',
  RPC_NOT_FOUND: 'No route has this method and path.',
  RPC_BLOCK_NOT_FOUND: 'No block at this height yet.',
  RPC_TX_NOT_FOUND: 'The node knows no tx with this hash (neither committed nor pending).',
  RPC_NO_POOL: 'This chain has no pool (its genesis has no pool section), so there is nothing to read or quote.',
  RPC_NO_DAO: 'This chain has no DAO (its genesis has no DAO section): no parameters, proposals or votes to read.',
  RPC_NO_FARMING: 'This chain has no farming registry (its genesis has no farming section): no policies, farms, nodes or rewards to read.',
  RPC_NO_NETWORK: 'This node runs without a peer-to-peer network (the in-process testnet): there are no peers to describe.',
  RPC_COMMIT_NOT_FOUND: 'The node holds no commit for this block yet (the tip of a node that synced it): ask for a lower height.',
  RPC_PERIOD_NOT_FOUND: 'No closed farming period has this number: it is the open period, a later one, or before the first.',
  RPC_UPGRADE_REQUIRED: 'GET /events is a WebSocket: the request must ask for the upgrade.',
  RPC_RATE_LIMITED: 'This client sent more requests than the per-client limit allows; retry after the time given.',
  RPC_WAIT_TIMEOUT: 'The tx is in the mempool but was not committed within the wait timeout; poll GET /txs/:hash.',
  RPC_UNAVAILABLE: 'The node is stopping or has stopped processing blocks.',
  RPC_EXPLORER_UNAVAILABLE: 'The node could not build the explorer page (its build tool failed; the log says why); every API route still answers.',
  RPC_INTERNAL: 'An unexpected server error (a bug); the request changed nothing.',
} as const;

export type RpcErrorCode = keyof typeof RPC_ERRORS;

/** An error the RPC raises itself; the error handler turns it into `{ code, message, details? }`. */
export class RpcError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}
