/**
 * Error codes of the real network (libp2p transport, wire format) and of block sync. Merged into
 * chain/error-codes.ts like every area table.
 */
import { ChainError } from '../../errors.ts';

export const P2P_ERRORS = {
  P2P_BAD_MESSAGE: 'A network message is not a well-formed message of this protocol (bad encoding, unknown kind, wrong field).',
  P2P_MESSAGE_TOO_LARGE: 'A network message is larger than the protocol allows for its kind.',
  P2P_WRONG_CHAIN: 'A network message belongs to another chain (its chain id or validator set is not ours).',
  P2P_BAD_ADDRESS: 'A peer or listen address is not a valid libp2p multiaddr (or HOST:PORT where one is accepted).',
  P2P_PEER_UNAVAILABLE: 'No connected peer could answer the request (none connected, or every one failed or timed out).',
} as const;

export const SYNC_ERRORS = {
  SYNC_BAD_RANGE: 'Blocks received by block sync do not continue our chain (wrong heights, a broken parent-hash chain, or more than asked for).',
  SYNC_BAD_COMMIT: 'The commit closing a synced range does not commit its last block with +2/3 valid signatures of the validator set.',
  SYNC_BLOCK_REJECTED: 'A synced block, tied to a verified commit, failed to apply (its state root or results disagree with ours): the peer served a block our execution contradicts.',
  SYNC_NO_PROGRESS: 'Block sync gave up: no peer served the next blocks it needed within its attempts.',
  SYNC_BELOW_ANCHOR: 'A synced block at or below an anchored checkpoint is not the anchored chain (its hash, or the hash its successors pin, differs from the checkpoint the Hub anchored).',
} as const;

export type P2pErrorCode = keyof typeof P2P_ERRORS | keyof typeof SYNC_ERRORS;

export function p2pError(code: P2pErrorCode, message: string, details?: Record<string, unknown>): ChainError {
  return new ChainError(code, message, details);
}
