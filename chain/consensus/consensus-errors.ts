/**
 * Error codes of the consensus area. The core itself never throws on network input (it ignores
 * what it cannot use); these codes are for decoding consensus messages.
 */
import { ChainError } from '../errors.ts';

export const CONS_ERRORS = {
  CONS_MALFORMED: 'A consensus message decodes but breaks its schema (unknown vote type, commit signers unsorted or repeated, evidence votes that do not conflict or are out of order).',
  CONS_BAD_COMMIT: 'A commit does not prove its block: unknown signer, a bad signature, or less than +2/3 of the voting power.',
  CONS_BAD_EVIDENCE: 'Evidence of a double vote names an unknown validator or carries a signature that does not verify.',
  CONS_BAD_PROPOSAL: 'A proposed block is not valid for this height and round (wrong proposer, bad last commit, bad evidence, or a header that does not follow).',
} as const;

export type ConsErrorCode = keyof typeof CONS_ERRORS;

export function consError(code: ConsErrorCode, message: string, details?: Record<string, unknown>): ChainError {
  return new ChainError(code, message, details);
}
