/**
 * Where block sync gets blocks: a peer (over libp2p's request-response protocol, chain/node/p2p)
 * or, in tests and the in-process testnet, another node's store. Transport-agnostic so the
 * syncer's checks are tested without sockets.
 */
import type { Block } from '../../block/block.ts';
import type { Commit } from '../../consensus/messages.ts';

/** Blocks `from`..`from + blocks.length - 1` in order, and the commit of the last one. */
export interface BlockRange {
  readonly blocks: readonly Block[];
  /** Commits the last block of `blocks` (null when `blocks` is empty). */
  readonly commit: Commit | null;
}

/** A peer as block sync sees it: an opaque id, the height it says it has. */
export interface SyncPeer {
  readonly id: string;
  readonly height: number;
}

export interface BlockSource {
  /** Peers that may serve blocks, with the heights they announced (refreshed by the transport). */
  peers(): readonly SyncPeer[];
  /**
   * Up to `count` blocks from `from` on, and the commit of the last one served. Rejects when the
   * peer fails or times out. A served range is checked by the syncer, never trusted.
   */
  fetch(peer: string, from: number, count: number): Promise<BlockRange>;
  /** The peer served something provably wrong (bad range, bad commit): lower its score. */
  penalize(peer: string, code: string): void;
}

/** Blocks per request: a request answers within ~1 MB of empty blocks, and pipelining hides latency. */
export const SYNC_RANGE_BLOCKS = 256;
