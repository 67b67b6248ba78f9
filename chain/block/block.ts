/**
 * Blocks. A header commits to its parent, to the state the block is applied to (`stateRoot`: the
 * root after the parent, as Tendermint's app hash), to its txs (`txsHash`, a Merkle root of tx
 * hashes) and to the results of the parent block (`lastResultsHash`). The block hash is the hash
 * of the header's canonical encoding. Consensus fields (last commit, evidence) join in the
 * consensus issue.
 */
import type { ErrorCode } from '../error-codes.ts';
import type { ChainEvent } from '../execution/events.ts';
import type { Commit, DuplicateVoteEvidence } from '../consensus/messages.ts';

export const BLOCK_VERSION = 1;

export interface BlockHeader {
  readonly version: number;
  readonly chainId: string;
  readonly height: number;
  /** ms since the Unix epoch; strictly above the parent's time. */
  readonly time: number;
  readonly parentHash: Uint8Array;
  readonly stateRoot: Uint8Array;
  readonly txsHash: Uint8Array;
  readonly lastResultsHash: Uint8Array;
  /** ed25519 key of the validator that proposed the block. */
  readonly proposer: Uint8Array;
  /** sha256 of the encoded `lastCommit` (of `null` at height 1). */
  readonly lastCommitHash: Uint8Array;
  /** Merkle root of the encoded evidence items. */
  readonly evidenceHash: Uint8Array;
  /** Hash of the validator set that decides this block. */
  readonly validatorsHash: Uint8Array;
}

export interface Block {
  readonly header: BlockHeader;
  /** Encoded txs, exactly as signed. */
  readonly txs: readonly Uint8Array[];
  /** The commit of the parent block; null at height 1. */
  readonly lastCommit: Commit | null;
  readonly evidence: readonly DuplicateVoteEvidence[];
}

export type TxCode = 'OK' | ErrorCode;

export interface TxResult {
  readonly hash: Uint8Array;
  readonly code: TxCode;
  readonly events: readonly ChainEvent[];
}

export interface BlockResults {
  readonly txs: readonly TxResult[];
  /** Events of the block phases (begin and end block hooks, or genesis). */
  readonly blockEvents: readonly ChainEvent[];
}
