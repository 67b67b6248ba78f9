/**
 * What a node answers a block-sync request with: its stored blocks from `from` on and the stored
 * commit of the last one served. The receiver checks everything (verify-range.ts), so this only
 * reads; its limits protect the server (and the wire), not the receiver.
 */
import type { Block } from '../../block/block.ts';
import type { ChainStore } from '../../block/chain-store.ts';
import { decodeBlock } from '../../block/block-codec.ts';
import type { Commit } from '../../consensus/messages.ts';
import { ChainError } from '../../errors.ts';
import { p2pError } from '../p2p/p2p-errors.ts';
import { SYNC_RANGE_BLOCKS, type BlockRange } from './block-source.ts';

/** Encoded bytes of blocks per answer: ~4 MiB keeps one response well under a stream's limits. */
export const SYNC_RANGE_MAX_BYTES = 4 * 1024 * 1024;

const EMPTY: BlockRange = Object.freeze({ blocks: Object.freeze([]), commit: null });

/**
 * Blocks `from`..min(tip, from + count - 1) (count at most SYNC_RANGE_BLOCKS), cut before the
 * block whose stored encoding would take the total past `maxBytes` (but at least one block), with
 * the commit of the last one. Empty with a null commit when `from` is above the tip. `from` and
 * `count` must be positive integers (P2P_BAD_MESSAGE otherwise: the transport should have refused).
 */
export async function serveRange(store: ChainStore, from: number, count: number, maxBytes = SYNC_RANGE_MAX_BYTES): Promise<BlockRange> {
  if (!Number.isSafeInteger(from) || from < 1 || !Number.isSafeInteger(count) || count < 1) {
    throw p2pError('P2P_BAD_MESSAGE', `a sync request needs positive integers, got from ${from}, count ${count}`, { from, count });
  }
  const last = Math.min(store.tip().height, from + Math.min(count, SYNC_RANGE_BLOCKS) - 1);
  if (last < from) return EMPTY;
  // Read side by side (LevelDB serves gets on its thread pool), then cut in order.
  const heights = Array.from({ length: last - from + 1 }, (_, i) => from + i);
  const raws = await Promise.all(heights.map((h) => store.blocks.blockBytes(h)));
  const blocks: Block[] = [];
  let bytes = 0;
  for (const raw of raws) {
    if (raw === undefined) break; // not stored (a store that began after genesis): serve what precedes
    bytes += raw.byteLength;
    if (blocks.length > 0 && bytes > maxBytes) break;
    blocks.push(decodeStored(raw));
  }
  // A stored commit, or the one the next block carries; without either, the last block cannot be proven.
  while (blocks.length > 0) {
    const top = blocks[blocks.length - 1]!.header.height;
    const commit = await commitOf(store, top);
    if (commit !== undefined) return Object.freeze({ blocks: Object.freeze(blocks), commit });
    blocks.pop();
  }
  return EMPTY;
}

async function commitOf(store: ChainStore, height: number): Promise<Commit | undefined> {
  const stored = await store.blocks.commit(height);
  if (stored !== undefined) return stored;
  const next = await store.blocks.blockBytes(height + 1);
  return next === undefined ? undefined : (decodeStored(next).lastCommit ?? undefined);
}

function decodeStored(raw: Uint8Array): Block {
  try {
    return decodeBlock(raw);
  } catch (e) {
    throw new ChainError('STATE_CORRUPT', `a stored block does not decode: ${e instanceof Error ? e.message : String(e)}`);
  }
}
