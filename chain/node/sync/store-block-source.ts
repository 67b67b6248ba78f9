/**
 * A BlockSource over other nodes' stores in this process, answering through serveRange as a peer
 * would: for tests, the sync benchmark, and in-process catch-up. Each peer announces its store's
 * current tip; penalties are recorded so tests can check who was blamed.
 */
import type { ChainStore } from '../../block/chain-store.ts';
import { p2pError } from '../p2p/p2p-errors.ts';
import type { BlockRange, BlockSource, SyncPeer } from './block-source.ts';
import { serveRange } from './serve-range.ts';

export interface StorePeer {
  readonly id: string;
  readonly store: ChainStore;
}

export interface Penalty {
  readonly peer: string;
  readonly code: string;
}

export interface StoreBlockSource extends BlockSource {
  readonly penalties: Penalty[];
}

export function storeBlockSource(peers: readonly StorePeer[]): StoreBlockSource {
  const byId = new Map(peers.map((p) => [p.id, p.store]));
  const penalties: Penalty[] = [];
  return {
    penalties,
    peers(): readonly SyncPeer[] {
      return peers.map((p) => ({ id: p.id, height: p.store.tip().height }));
    },
    async fetch(peer: string, from: number, count: number): Promise<BlockRange> {
      const store = byId.get(peer);
      if (store === undefined) throw p2pError('P2P_PEER_UNAVAILABLE', `no peer ${peer}`, { peer });
      return serveRange(store, from, count);
    },
    penalize(peer: string, code: string): void {
      penalties.push({ peer, code });
    },
  };
}
