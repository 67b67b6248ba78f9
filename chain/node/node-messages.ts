/**
 * What validators send each other. In one process they travel as objects (the simulator and the
 * local network); the real network (issue "Real network") encodes them with the consensus codecs.
 */
import type { Block } from '../block/block.ts';
import type { Commit, DuplicateVoteEvidence, SignedProposal, SignedVote } from '../consensus/messages.ts';
import type { AnchorSignatures } from './anchor/anchor-messages.ts';

export type NodeMessage =
  | { readonly kind: 'proposal'; readonly proposal: SignedProposal }
  | { readonly kind: 'vote'; readonly vote: SignedVote }
  | { readonly kind: 'evidence'; readonly evidence: DuplicateVoteEvidence }
  /** Txs admitted by the sender's mempool, in its order (chain/node/tx-gossip.ts). */
  | { readonly kind: 'txs'; readonly txs: readonly Uint8Array[] }
  /** "I am at height `height` and lack blocks from it on": answered with `sync-block`s. */
  | { readonly kind: 'sync-request'; readonly height: number }
  | { readonly kind: 'sync-block'; readonly block: Block; readonly commit: Commit }
  /** BLS signatures of a regional certificate by the sender's validators (chain/node/anchor). */
  | { readonly kind: 'anchor-sigs'; readonly sigs: AnchorSignatures };
