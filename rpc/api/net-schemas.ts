/**
 * The JSON shape of GET /net (the node's peer-to-peer network), as a TypeBox schema: the
 * `NetInfo` of chain/node/p2p/net-info.ts, which the route answers as it is. Portable (TypeBox
 * only), like schemas.ts: the SDK takes its types from here. Byte counts are plain integers.
 */
import { Type, type Static } from 'typebox';

const strict = { additionalProperties: false } as const;

const Bytes = (description: string) => Type.Integer({ minimum: 0, description });

export const PeerInfoView = Type.Object(
  {
    peerId: Type.String({ minLength: 1, description: 'libp2p peer id (base58btc), e.g. 12D3KooW...' }),
    address: Type.String({ description: 'remote multiaddr of the connection' }),
    direction: Type.Union([Type.Literal('inbound'), Type.Literal('outbound')], { description: 'who dialed: the peer (inbound) or this node (outbound)' }),
    validator: Type.Union([Type.String(), Type.Null()], { description: "genesis name of the validator whose node key this peer id is; null: a full node" }),
    height: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'height of the tip the peer last announced; null before its first status' }),
    bytesIn: Bytes('bytes received from the peer'),
    bytesOut: Bytes('bytes sent to the peer'),
    score: Type.Number({ description: 'gossipsub peer score (negative after invalid messages)' }),
  },
  strict,
);
export type PeerInfoView = Static<typeof PeerInfoView>;

export const NetInfoView = Type.Object(
  {
    peerId: Type.String({ minLength: 1, description: "this node's libp2p peer id" }),
    listen: Type.Array(Type.String(), { description: 'multiaddrs this node listens on' }),
    syncing: Type.Boolean({ description: 'true while the node downloads blocks it is behind on (block sync) rather than taking part in consensus' }),
    peers: Type.Array(PeerInfoView, { description: 'connected peers' }),
  },
  strict,
);
export type NetInfoView = Static<typeof NetInfoView>;
