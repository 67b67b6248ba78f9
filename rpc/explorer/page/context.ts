/**
 * What every section of the page shares: the SDK client of the node that served the page, the
 * chain's status and features read at start, the assets' symbols and decimals, and the page's own
 * view of the chain (latest height, mean block interval), kept current by the chain section.
 */
import type { FeaturesView, Status, BlockMessage, TxMessage } from '../../api/schemas.ts';
import type { TfrClient } from '../../client/client.ts';

export interface AssetInfo {
  readonly symbol: string;
  readonly decimals: number;
}

export interface ExplorerContext {
  readonly client: TfrClient;
  readonly status: Status;
  readonly features: FeaturesView;
  readonly assets: { readonly TFT: AssetInfo; readonly REGIONAL: AssetInfo };
  /** Latest height the page has seen. */
  height: number;
  /** Mean ms per block over the blocks the page holds (undefined below 2). */
  meanBlockMs: number | undefined;
}

/** One section of the page: loads its data, then follows the chain. Nothing it does may throw out of it. */
export interface Section {
  /** First load (may take a few requests). */
  start(): Promise<void>;
  /** A committed block from the /events stream (the chain section sees it first). */
  block?(b: BlockMessage): void;
  /** A tx result of that block (after its block message). */
  tx?(t: TxMessage): void;
  /** The event stream reconnected: catch up on what was missed. */
  resync?(): void;
}

export function assetsOf(status: Status): ExplorerContext['assets'] {
  const find = (id: 'TFT' | 'REGIONAL'): AssetInfo => {
    const a = status.assets.find((x) => x.id === id);
    return { symbol: a?.symbol ?? id, decimals: a?.decimals ?? 0 };
  };
  return { TFT: find('TFT'), REGIONAL: find('REGIONAL') };
}
