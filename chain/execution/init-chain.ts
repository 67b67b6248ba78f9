/**
 * Initializes an empty store from genesis: every module writes its genesis state, and the genesis
 * root, results and tip (height 0, hash = genesis hash) are committed in one batch. Opening a store
 * that already holds a chain checks it was made from this same genesis.
 */
import { bytesEqual, toHex } from '../codec/bytes.ts';
import { sha256 } from '../codec/hash.ts';
import { ChainError } from '../errors.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { encodeResults } from '../block/block-codec.ts';
import { BlockStore } from '../block/block-store.ts';
import type { ChainStore } from '../block/chain-store.ts';
import { emitterFor, type ChainEvent } from './events.ts';
import type { ModuleRegistry } from './module-registry.ts';
import { StateOverlay } from './state-overlay.ts';

export async function initChain(store: ChainStore, genesis: Genesis, registry: ModuleRegistry): Promise<void> {
  if (store.initialized) {
    const stored = await store.blocks.genesisHash();
    if (stored === undefined || !bytesEqual(stored, genesis.hash)) {
      throw new ChainError('EXEC_GENESIS_MISMATCH', `the database belongs to genesis ${stored === undefined ? '(unknown)' : toHex(stored)}, not ${toHex(genesis.hash)}`);
    }
    return;
  }
  const layer = new StateOverlay(store.state);
  const events: ChainEvent[] = [];
  for (const m of registry.modules) {
    if (!m.initGenesis) continue;
    await m.initGenesis({ genesis, state: layer, emit: emitterFor(m.name, events) });
  }
  const prepared = await store.state.prepare(layer.changes());
  const resultsBytes = encodeResults({ txs: [], blockEvents: events });
  const tip = { height: 0, hash: genesis.hash, time: genesis.genesisTime, resultsHash: sha256(resultsBytes) };
  await store.commit(prepared, BlockStore.genesisOps(genesis.hash, resultsBytes, tip), tip);
}
