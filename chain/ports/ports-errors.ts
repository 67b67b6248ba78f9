/**
 * Error codes of the node's ports and adapters (write-ahead log, signer). To be merged into
 * chain/error-codes.ts; until then `portsError` casts its code, a cast that becomes a no-op after
 * the merge.
 */
import { ChainError } from '../errors.ts';

/** One table per prefix, as chain/error-codes.ts and its test expect. */
export const WAL_ERRORS = {
  WAL_CORRUPT:
    'The write-ahead log is damaged before its last record (or in its header): the disk lost data the node may have acted on, so it refuses to replay it.',
  WAL_CLOSED: 'The write-ahead log was used after close().',
  WAL_FAILED: 'An earlier write to the write-ahead log failed; reopen it (a torn last record is then dropped).',
  WAL_RECORD_TOO_LARGE: 'A write-ahead log record is larger than the log accepts.',
  WAL_HEIGHT_REGRESSION: 'The write-ahead log was asked to rotate to a height below its current one.',
} as const;

export const NODE_ERRORS = {
  NODE_SIGN_REGRESSION:
    'The signer refused to sign at a (height, round, step) below the last one it signed: signing there could be a double sign.',
  NODE_SIGN_CONFLICT:
    'The signer refused to sign a different message at the (height, round, step) it already signed: that would be a double sign.',
  NODE_SIGNER_STATE_CORRUPT: 'The persisted signer state is unreadable (bad size, checksum or value); the node refuses to sign until it is repaired.',
} as const;

export const PORTS_ERRORS = { ...WAL_ERRORS, ...NODE_ERRORS } as const;

export type PortsErrorCode = keyof typeof PORTS_ERRORS;

export function portsError(code: PortsErrorCode, message: string, details?: Record<string, unknown>): ChainError {
  return new ChainError(code, message, details);
}
