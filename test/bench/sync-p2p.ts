/**
 * Block sync over real sockets: two libp2p hosts on loopback TCP (noise, yamux), one serving the
 * source store through the blocks protocol, the other syncing through `host.blockSource()`. The
 * same P2pHost `tfr node` runs; what this adds to the store-source figure is encoding, encryption,
 * framing and the round trips (hidden by the syncer's pipelining when the network keeps up).
 */
import type { ChainStore } from '../../chain/block/chain-store.ts';
import { P2pHost } from '../../chain/node/p2p/p2p-host.ts';
import { libp2pKeyOf, peerIdOfPublicKey, randomLibp2pKey } from '../../chain/node/p2p/peer-key.ts';
import { serveRange } from '../../chain/node/sync/serve-range.ts';
import { SILENT_LOGGER } from '../../chain/ports/silent-logger.ts';
import type { SyncChainContext } from '../fixtures/synced-chain.ts';
import { syncValidatorKeys } from '../fixtures/synced-chain.ts';

export interface HostPair {
  readonly client: P2pHost;
  stop(): Promise<void>;
}

/** A source host over `store` and a client host connected to it, once the client knows the source's height. */
export async function hostPair(chain: SyncChainContext, store: ChainStore): Promise<HostPair> {
  const g = chain.genesis;
  const c = g.consensus;
  const common = {
    chainId: g.chainId,
    listen: ['127.0.0.1:0'],
    validatorPeers: new Map(g.validators.map((v) => [peerIdOfPublicKey(v.publicKey), v.name])),
    validation: { chainId: g.chainId, validatorsHash: chain.ctx.validatorsHash, validatorKeys: chain.validators.map((v) => v.publicKey), verifier: chain.ctx.verifier, maxTxBytes: c.maxTxBytes, maxBlockBytes: c.maxBlockBytes, maxBlockTxs: c.maxBlockTxs },
    logger: SILENT_LOGGER,
    statusIntervalMs: 200,
  };
  const source = await P2pHost.start({
    ...common,
    privateKey: libp2pKeyOf(syncValidatorKeys()[0]!.secret),
    peers: [],
    tip: () => store.tip(),
    serveRange: (from, count) => serveRange(store, from, count),
  });
  const client = await P2pHost.start({
    ...common,
    privateKey: await randomLibp2pKey(),
    peers: source.addresses,
    tip: () => ({ height: 0, hash: new Uint8Array(32) }),
    serveRange: async () => ({ blocks: [], commit: null }),
  });
  const target = store.tip().height;
  for (let i = 0; i < 200 && client.bestPeerHeight() !== target; i++) await new Promise((r) => setTimeout(r, 50));
  if (client.bestPeerHeight() !== target) throw new Error('the client host never learned the source height');
  return {
    client,
    async stop() {
      await client.stop();
      await source.stop();
    },
  };
}
