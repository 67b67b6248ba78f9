/**
 * Builds the next block on the stored tip from a list of encoded txs: the header fields that
 * follow from the chain (height, parent, state root, results hash, tx root). Used by proposers,
 * tests and benchmarks; the txs must already be valid in this order, or applyBlock rejects it.
 */
import { BLOCK_VERSION, type Block } from './block.ts';
import { evidenceHashOf, lastCommitHashOf, txsHashOf } from './block-codec.ts';
import type { Commit, DuplicateVoteEvidence } from '../consensus/messages.ts';
import type { ChainStore } from './chain-store.ts';

export interface BlockDraft {
  readonly chainId: string;
  readonly time: number;
  readonly proposer: Uint8Array;
  readonly txs: readonly Uint8Array[];
  readonly validatorsHash: Uint8Array;
  /** The commit of the tip block (null when the tip is genesis). */
  readonly lastCommit: Commit | null;
  readonly evidence: readonly DuplicateVoteEvidence[];
}

/** The block is frozen, as decoded blocks are (its tx root is then hashed once per process). */
export function buildBlock(store: ChainStore, draft: BlockDraft): Block {
  const tip = store.tip();
  return Object.freeze({
    header: Object.freeze({
      version: BLOCK_VERSION,
      chainId: draft.chainId,
      height: tip.height + 1,
      time: draft.time,
      parentHash: tip.hash,
      stateRoot: store.state.root(),
      txsHash: txsHashOf(draft.txs),
      lastResultsHash: tip.resultsHash,
      proposer: draft.proposer,
      lastCommitHash: lastCommitHashOf(draft.lastCommit),
      evidenceHash: evidenceHashOf(draft.evidence),
      validatorsHash: draft.validatorsHash,
    }),
    txs: Object.freeze([...draft.txs]),
    lastCommit: draft.lastCommit,
    evidence: Object.freeze([...draft.evidence]),
  });
}
