/**
 * What the anchoring and bridge routes need beyond the committed state: which side of the bridge
 * this chain is (the Hub, with an `anchor` genesis section; a region, whose `hub` section gives it
 * a bridge), the regions the Hub's genesis registers, the region's certificate validator set, the
 * node's collector of aggregate certificates (chain/node/anchor/, absent on the Hub and in tests),
 * and values under older state roots (GET /proofs/state). A port, so routes are tested with a
 * double; `anchorPortOf` builds it from a genesis, a chain store and the collector.
 */
import type { ChainStore } from '../../chain/block/chain-store.ts';
import { bytesEqual } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import type { AggregateCertificate } from '../../chain/anchor/certificate.ts';
import { anchorSetFromGenesis, type AnchorSet } from '../../chain/anchor/anchor-set.ts';
import { stateValueKey } from '../../chain/state/state-store.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';

/** The node's collector of aggregate certificates, as far as the RPC reads it. */
export interface AnchorCollectorView {
  /** The newest aggregates formed (at most `limit`), newest first. */
  latest(limit: number): readonly AggregateCertificate[];
}

export interface AnchorPort {
  readonly role: 'hub' | 'region';
  /** Region: the Hub's chain id from its `hub` section (undefined: no bridge). Hub: its own chain id. */
  readonly hubChainId: string | undefined;
  /** Hub: chain ids of the regions its genesis registers (more can be asked for by name). */
  readonly genesisRegions: readonly string[];
  /** Region: its certificate validator set (weights and threshold of the signers). */
  readonly anchorSet: AnchorSet | undefined;
  readonly collector: AnchorCollectorView | undefined;
  /**
   * The bytes `key` held under an older state root, whose proof leaf names `valueHash`; undefined
   * when this node cannot read them (see anchorPortOf).
   */
  valueAt(key: Uint8Array, valueHash: Uint8Array): Promise<Uint8Array | undefined>;
}

/** A genesis section read only for the chain ids it names (the sections' own parsers own their types). */
function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

/** `hub.chainId` of a region's genesis, if it has a bridge. */
export function hubChainIdOf(genesis: Genesis): string | undefined {
  const id = record(genesis.app['hub'])?.['chainId'];
  return typeof id === 'string' ? id : undefined;
}

/** The Hub's genesis regions (`anchor.regions[].chainId`); undefined for a chain without an `anchor` section. */
export function genesisRegionsOf(genesis: Genesis): readonly string[] | undefined {
  const section = record(genesis.app['anchor']);
  if (section === undefined) return undefined;
  const regions = section['regions'];
  if (!Array.isArray(regions)) return [];
  return regions.map((r) => record(r)?.['chainId']).filter((id): id is string => typeof id === 'string');
}

export interface AnchorPortOptions {
  readonly genesis: Genesis;
  readonly store: ChainStore;
  readonly collector?: AnchorCollectorView;
}

/**
 * Values under older roots: the current value when it still hashes to `valueHash` (records of
 * transfers never change; a region record changes only when the Hub accepts the next certificate),
 * else the content-addressed value in the node's own store. A validator of `tfr testnet` keeps
 * values in the process's shared store, which the chain store does not expose: there a value
 * that changed since answers undefined (the route says to ask at a later height).
 */
export function anchorPortOf(o: AnchorPortOptions): AnchorPort {
  const regions = genesisRegionsOf(o.genesis);
  const hub = regions !== undefined;
  return {
    role: hub ? 'hub' : 'region',
    hubChainId: hub ? o.genesis.chainId : hubChainIdOf(o.genesis),
    genesisRegions: regions ?? [],
    anchorSet: hub ? undefined : anchorSetFromGenesis(o.genesis),
    collector: o.collector,
    async valueAt(key, valueHash) {
      const current = await o.store.state.get(key);
      if (current !== undefined && bytesEqual(sha256(current), valueHash)) return current;
      const stored = await o.store.kv.get(stateValueKey(valueHash));
      return stored !== undefined && bytesEqual(sha256(stored), valueHash) ? stored : undefined;
    },
  };
}
