/**
 * The libp2p node of a P2pHost: TCP, noise (the host's ed25519 key), yamux, identify, gossipsub on
 * our topics only, the connection gater that enforces bans and the isolation test hook, and the
 * byte counter as metrics component. Gossipsub's settings and scores are in gossip-config.ts.
 */
import './promise-polyfill.ts';
import { createLibp2p, type Libp2p } from 'libp2p';
import { tcp } from '@libp2p/tcp';
import { noise } from '@chainsafe/libp2p-noise';
import { yamux } from '@chainsafe/libp2p-yamux';
import { identify } from '@libp2p/identify';
import { gossipsub } from '@libp2p/gossipsub';
import type { GossipSub } from '@libp2p/gossipsub';
import type { PeerId, PrivateKey } from '@libp2p/interface';
import type { Multiaddr } from '@multiformats/multiaddr';
import type { ByteCounter } from './byte-counter.ts';
import { SCORE_THRESHOLDS, messageId, topicScore } from './gossip-config.ts';
import { GOSSIP_KINDS } from './gossip-validator.ts';
import { gossipTopic } from './protocols.ts';

/** What the gater and the score need from the host (asked late: the host exists after the node). */
export interface HostPolicy {
  isolated(): boolean;
  isBanned(peer: string): boolean;
  penaltyOf(peer: string): number;
}

export interface HostNodeOptions {
  readonly chainId: string;
  readonly privateKey: PrivateKey;
  readonly validation: { readonly maxBlockBytes: number };
  readonly maxConnections?: number;
}

export type HostNode = Libp2p<{ pubsub: GossipSub }>;

export async function createHostNode(o: HostNodeOptions, listen: readonly Multiaddr[], bytes: ByteCounter, policy: HostPolicy): Promise<HostNode> {
  const topics = GOSSIP_KINDS.map((k) => gossipTopic(o.chainId, k));
  const maxPayload = o.validation.maxBlockBytes + 128 * 1024;
  const node = await createLibp2p({
    privateKey: o.privateKey,
    addresses: { listen: listen.map(String) },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: { maxConnections: o.maxConnections ?? 200, dialTimeout: 5000 },
    connectionGater: {
      denyDialPeer: (peer: PeerId) => policy.isolated() || policy.isBanned(peer.toString()),
      denyInboundConnection: () => policy.isolated(),
      denyInboundEncryptedConnection: (peer: PeerId) => policy.isBanned(peer.toString()),
      // Loopback and private addresses are where testnets and LANs live: allowed unless isolated.
      denyDialMultiaddr: () => policy.isolated(),
    },
    metrics: bytes.metrics(),
    services: {
      identify: identify(),
      pubsub: gossipsub({
        globalSignaturePolicy: 'StrictNoSign',
        allowPublishToZeroTopicPeers: true,
        ignoreDuplicatePublishError: true,
        emitSelf: false,
        allowedTopics: topics,
        // Twice our largest message: anything bigger is not even decoded; between the two, the
        // validator rejects it and the sender's score drops.
        maxInboundDataLength: 2 * maxPayload,
        maxOutboundBufferSize: 64 * 1024 * 1024,
        msgIdFn: (msg) => messageId(msg.data),
        scoreParams: {
          IPColocationFactorWeight: 0,
          behaviourPenaltyWeight: 0,
          appSpecificScore: (peer) => -policy.penaltyOf(peer),
          appSpecificWeight: 1,
          topics: Object.fromEntries(topics.map((t) => [t, topicScore()])),
        },
        scoreThresholds: SCORE_THRESHOLDS,
      }),
    },
  });
  return node as unknown as HostNode;
}
