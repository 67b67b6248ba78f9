/**
 * The relayer's decisions, as pure functions of what the two chains answer (GET /anchors, blocks,
 * tx views), so they are table-tested without any chain:
 *
 * - `certificateToSubmit`: the newest aggregate the region formed above the Hub's last accepted
 *   height whose signers reach the threshold (submitting the newest is enough: the Hub wants a
 *   height above the last, and later heights anchor everything below them).
 * - `receiptProofHeight`: the Hub height to prove the region record at for `bridge.receipt`: the
 *   block after the one that accepted the last certificate (its header's stateRoot is the state
 *   that includes the acceptance), once the Hub has it, and only if the region's receipt is older.
 * - `bridgeTxs`: the OK txs of one module/command in a block, for the deposit and withdrawal scans.
 * - `releaseHeight`: the anchored height a withdrawal recorded at `height` can be released against.
 */
import type { AnchorsView, CertificateView, RegionView } from '../api/anchor-schemas.ts';

export function certificateToSubmit(certificates: readonly CertificateView[], hubLastHeight: number): CertificateView | undefined {
  let best: CertificateView | undefined;
  for (const c of certificates) {
    if (c.height <= hubLastHeight || c.signedWeight < c.threshold || c.threshold === 0) continue;
    if (best === undefined || c.height > best.height) best = c;
  }
  return best;
}

/** The Hub height whose header proves the region record, or undefined when there is nothing (yet) to bring back. */
export function receiptProofHeight(region: Pick<AnchorsView, 'receipt' | 'hubChainId'>, hubRegion: Pick<RegionView, 'lastHeight' | 'lastHubHeight'>, hubHeight: number): number | undefined {
  if (region.hubChainId === null || hubRegion.lastHeight === 0) return undefined;
  if (region.receipt !== null && region.receipt.height >= hubRegion.lastHeight) return undefined;
  const at = hubRegion.lastHubHeight + 1;
  return hubHeight >= at ? at : undefined;
}

/**
 * The anchored height to release a withdrawal recorded in region block `recordHeight` against: a
 * certificate at height A carries the header's stateRoot of block A, the state after A - 1, so it
 * proves records of blocks below A. The Hub's last accepted height, if above; else undefined.
 */
export function releaseHeight(recordHeight: number, hubLastHeight: number): number | undefined {
  return hubLastHeight > recordHeight ? hubLastHeight : undefined;
}

/** Blocks the deposit and withdrawal scans read per round, so one round never stalls on a long history. */
export const SCAN_BLOCKS_PER_ROUND = 200;

/** The next range of heights to scan: [from, to], at most `max` blocks, undefined when caught up. */
export function scanRange(next: number, tip: number, max = SCAN_BLOCKS_PER_ROUND): { from: number; to: number } | undefined {
  if (next > tip) return undefined;
  return { from: next, to: Math.min(tip, next + max - 1) };
}

/** Tx hashes of a block's txs that succeeded (the scans then read their views for module/command and events). */
export function okTxHashes(block: { readonly txs: ReadonlyArray<{ readonly hash: string; readonly code: string }> }): string[] {
  return block.txs.filter((t) => t.code === 'OK').map((t) => t.hash);
}

/** Error codes after which a claim or release of one transfer is not retried. */
export const FINAL_TRANSFER_CODES: ReadonlySet<string> = new Set(['BRIDGE_ALREADY_CLAIMED', 'BRIDGE_WRONG_CHAIN', 'BRIDGE_BAD_AMOUNT', 'ANCHOR_BRIDGE_FROZEN', 'BRIDGE_NOT_CONFIGURED']);
