/**
 * The one error type of the chain. Every rejection carries a stable string code with an area
 * prefix (CODEC_, CRYPTO_, GENESIS_, TX_, LEDGER_, STATE_, EXEC_, ...); the codes and their meaning
 * are listed in `error-codes.ts`, and the RPC maps them to HTTP statuses.
 */
import type { ErrorCode } from './error-codes.ts';

export class ChainError extends Error {
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ChainError';
    this.code = code;
    this.details = details === undefined ? undefined : Object.freeze({ ...details });
  }
}

export function isChainError(e: unknown): e is ChainError {
  return e instanceof ChainError;
}

/** Throws a ChainError unless `condition` holds. */
export function ensure(condition: unknown, code: ErrorCode, message: string, details?: Record<string, unknown>): asserts condition {
  if (!condition) throw new ChainError(code, message, details);
}
