/**
 * Whether a relayer can resume from its saved state (relayer-state.ts): the state must decode, name
 * the same two chains, and each chain must still hold the block the state saw just below its scan
 * position. Otherwise (a corrupt file, another region or Hub, a chain restarted from a fresh genesis
 * under the same id, a chain lower than the saved position) it is ignored with a warning and the
 * relayer scans from the start: rescanning costs time, trusting a wrong position would skip
 * deposits. Only an unreachable chain is an error (thrown: the relayer tries again next round).
 */
import { RpcError } from '../client/rpc-error.ts';
import type { TfrClient } from '../client/client.ts';
import type { RelayerLog } from './relayer.ts';
import { decodeRelayerState, type ChainCursor, type RelayerState, type RelayerStateStore } from './relayer-state.ts';

export interface LiveChain {
  readonly client: TfrClient;
  readonly chainId: string;
  /** Its height now. */
  readonly height: number;
}

/** Why `saved` does not belong to `live` (undefined: it does). */
async function foreign(name: string, saved: ChainCursor, live: LiveChain): Promise<string | undefined> {
  if (saved.chainId !== live.chainId) return `it is for ${name} ${saved.chainId}, not ${live.chainId}`;
  if (saved.lastHash === null) return saved.next - 1 > live.height ? `its ${name} position ${saved.next} is above ${live.chainId}'s height ${live.height}` : undefined;
  const below = saved.next - 1;
  if (below > live.height) return `it scanned ${live.chainId} up to height ${below}, but that chain is at height ${live.height} (restarted from a fresh genesis?)`;
  let hash: string;
  try {
    hash = (await live.client.block(below)).hash;
  } catch (e) {
    if (e instanceof RpcError && e.code === 'RPC_BLOCK_NOT_FOUND') return `${live.chainId} has no block ${below} (restarted from a fresh genesis?)`;
    throw e;
  }
  if (hash.toLowerCase() !== saved.lastHash) return `${live.chainId}'s block ${below} is ${hash}, not the ${saved.lastHash} it scanned (restarted from a fresh genesis?)`;
  return undefined;
}

/** The state to resume from, or undefined to scan from the start (logged either way). */
export async function resumeState(store: RelayerStateStore, hub: LiveChain, region: LiveChain, log: RelayerLog): Promise<RelayerState | undefined> {
  const fresh = `scanning from the start; the state in ${store.where} is replaced after this round`;
  let text: string | undefined;
  try {
    text = await store.load();
  } catch (e) {
    log('warn', `cannot read the relayer state ${store.where}: ${e instanceof Error ? e.message : String(e)}; ${fresh}`);
    return undefined;
  }
  if (text === undefined) {
    log('info', `no relayer state in ${store.where} yet: scanning from the start`);
    return undefined;
  }
  const state = decodeRelayerState(text);
  if ('problem' in state) {
    log('warn', `ignoring the relayer state ${store.where}: ${state.problem}; ${fresh}`);
    return undefined;
  }
  const why = (await foreign('Hub', state.hub, hub)) ?? (await foreign('region', state.region, region));
  if (why !== undefined) {
    log('warn', `ignoring the relayer state ${store.where}: ${why}; ${fresh}`);
    return undefined;
  }
  const pending = Object.keys(state.deposits).length + Object.keys(state.withdrawals).length;
  log('info', `resuming from ${store.where}: Hub ${hub.chainId} at height ${state.hub.next}, region ${region.chainId} at height ${state.region.next}, ${pending} transfer(s) pending`, {
    hubHeight: state.hub.next,
    regionHeight: state.region.next,
    pending,
  });
  return state;
}
