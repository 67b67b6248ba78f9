/**
 * Reads of one committed state with the block it follows: `atOneHeight` runs a read until no block
 * was committed meanwhile (the tip and the state root unchanged), so a height and the values read
 * belong together. `averageBlockMs`: the mean header interval of the latest (up to 20) blocks, for
 * "about N seconds left" estimates.
 */
import type { ChainTip } from '../../chain/block/chain-tip.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import type { StateReader } from '../../chain/execution/state-access.ts';
import type { RpcNode } from './rpc-node.ts';

export async function atOneHeight<T>(node: RpcNode, read: (tip: ChainTip, state: StateReader) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const tip = node.store.tip();
    const root = toHex(node.store.state.root());
    const value = await read(tip, node.store.state);
    if ((node.store.tip() === tip && toHex(node.store.state.root()) === root) || attempt >= 20) return value;
  }
}

/** Headers the block time is averaged over. */
export const BLOCK_TIME_HEADERS = 20;

/** Mean ms between the headers of the latest (up to 20) blocks up to `tip`; undefined below 2 blocks. */
export async function averageBlockMs(node: RpcNode, tip: ChainTip): Promise<number | undefined> {
  if (tip.height < 2) return undefined;
  const first = Math.max(1, tip.height - BLOCK_TIME_HEADERS + 1);
  const block = await node.store.blocks.block(first);
  if (block === undefined) return undefined;
  return Math.max(0, tip.time - block.header.time) / (tip.height - first);
}

/** `blocks` at `averageMs` each, in whole seconds (rounded); null without an average. */
export function secondsFor(blocks: number, averageMs: number | undefined): number | null {
  return averageMs === undefined ? null : Math.round((blocks * averageMs) / 1000);
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();
