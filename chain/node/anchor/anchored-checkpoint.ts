/**
 * Anchored finality on the node: the checkpoint below which no block may differ from the anchored
 * chain. Two sources, the higher wins:
 * - the region's own state: the latest AnchorReceipt the bridge module recorded from the Hub
 *   (`bridgeKeys.receipt()`, anchorReceiptCodec), i.e. a certificate the Hub accepted;
 * - a trusted checkpoint given to the node (an operator starting a fresh full node from a height
 *   and hash it trusts, e.g. read from the Hub).
 * Block sync (chain/node/sync/block-syncer.ts) asks it at the start of every run and refuses a
 * range off the anchored chain with SYNC_BELOW_ANCHOR.
 */
import type { ChainStore } from '../../block/chain-store.ts';
import { bridgeKeys } from '../../anchor/anchor-keys.ts';
import { anchorReceiptCodec } from '../../anchor/hub-records.ts';
import type { SyncTip } from '../sync/verify-range.ts';

/** A block hash at a height that no commit can override. */
export interface AnchorCheckpoint {
  readonly height: number;
  readonly blockHash: Uint8Array;
}

/** The receipt recorded in the node's committed state, if any. */
export async function receiptCheckpoint(store: ChainStore): Promise<AnchorCheckpoint | undefined> {
  const bytes = await store.state.get(bridgeKeys.receipt());
  if (bytes === undefined) return undefined;
  const r = anchorReceiptCodec.decode(bytes);
  return { height: r.height, blockHash: r.blockHash };
}

/** What block sync asks: the higher of the state's receipt and the trusted checkpoint. */
export function anchoredCheckpoint(store: ChainStore, trusted?: AnchorCheckpoint): () => Promise<SyncTip | undefined> {
  return async () => {
    const own = store.initialized ? await receiptCheckpoint(store) : undefined;
    const best = own === undefined || (trusted !== undefined && trusted.height > own.height) ? trusted : own;
    return best === undefined ? undefined : { height: best.height, hash: best.blockHash };
  };
}
