/**
 * The one error type of the SDK for anything that went wrong talking to a node: the node's own
 * answer (`{ code, message, details? }` with its HTTP status), or a client-side failure with
 * status 0 (the codes in CLIENT_ERRORS). Local input problems (a bad address, amount or key) are
 * ChainErrors with the chain's codes, thrown before anything is sent.
 */

export const CLIENT_ERRORS = {
  RPC_UNREACHABLE: 'The node could not be reached (connection refused, DNS, network down, socket closed).',
  RPC_TIMEOUT: 'The node did not answer within the request timeout.',
  RPC_BAD_RESPONSE: 'The node answered something that is not the JSON the API promises.',
  RPC_WAIT_TIMEOUT: 'The tx was not committed within the wait timeout (it may still be, later).',
} as const;

export type ClientErrorCode = keyof typeof CLIENT_ERRORS;

export class RpcError extends Error {
  /** Stable code: the node's (LEDGER_NONCE_TOO_LOW, RPC_NOT_FOUND, ...) or a client-side one. */
  readonly code: string;
  /** HTTP status of the answer; 0 when there was no usable answer. */
  readonly status: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, message: string, status: number, details?: Record<string, unknown>) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.status = status;
    this.details = details === undefined ? undefined : Object.freeze({ ...details });
  }
}

export function isRpcError(e: unknown): e is RpcError {
  return e instanceof RpcError;
}

/** The error a non-2xx answer stands for: its JSON `{ code, message, details }`, or a generic one. */
export function errorFromResponse(status: number, text: string): RpcError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    if (typeof b['code'] === 'string' && typeof b['message'] === 'string') {
      const details = typeof b['details'] === 'object' && b['details'] !== null && !Array.isArray(b['details']) ? (b['details'] as Record<string, unknown>) : undefined;
      return new RpcError(b['code'], b['message'], status, details);
    }
  }
  const snippet = text.length > 200 ? `${text.slice(0, 200)}...` : text;
  return new RpcError('RPC_BAD_RESPONSE', `HTTP ${status} without an error body${snippet === '' ? '' : `: ${snippet}`}`, status);
}
