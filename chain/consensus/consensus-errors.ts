/**
 * Error codes of the consensus area. The core itself never throws on network input (it ignores
 * what it cannot use); these codes are for decoding consensus messages.
 */
import { ChainError } from '../errors.ts';

export const CONS_ERRORS = {
  CONS_MALFORMED: 'A consensus message decodes but breaks its schema (unknown vote type, commit signers unsorted or repeated, evidence votes that do not conflict or are out of order).',
} as const;

export type ConsErrorCode = keyof typeof CONS_ERRORS;

export function consError(code: ConsErrorCode, message: string, details?: Record<string, unknown>): ChainError {
  return new ChainError(code, message, details);
}
