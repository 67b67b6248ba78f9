/**
 * What the anchoring and bridge routes need beyond the committed state: which side of the bridge
 * this chain is (the Hub, with an `anchor` genesis section; a region, whose `hub` section gives it
 * a bridge), the regions the Hub's genesis registers, the region's certificate validator set, the
 * node's collector of aggregate certificates (chain/node/anchor/, absent on the Hub and in tests),
 * and values under older state roots (GET /proofs/state). A port, so routes are tested with a
 * double; `anchorPortOf` builds it from a genesis, a chain store and the collector.
 */
import type { ChainStore } from '../../chain/block/chain-store.ts';
import type { AggregateCertificate } from '../../chain/anchor/certificate.ts';
import { anchorSetFromGenesis, type AnchorSet } from '../../chain/anchor/anchor-set.ts';
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
   * The value `key` held under `root` (a state root of this chain, the current one or older);
   * undefined when absent there.
   */
  valueAt(root: Uint8Array, key: Uint8Array): Promise<Uint8Array | undefined>;
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
 * Values under older roots: `StateStore.valueAt`, which reads the tree at that root and the
 * content-addressed value (in the process's shared content store for a validator of `tfr
 * testnet`): nothing is pruned, so every height the node holds is readable.
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
    valueAt: (root, key) => o.store.state.valueAt(root, key),
  };
}
