/**
 * What a node says about its network (GET /net): its own peer id and addresses, and per connected
 * peer the address, the validator it is (by the genesis, or null for a full node), the height it
 * announced, bytes exchanged and its gossipsub score.
 */
export interface PeerInfo {
  readonly peerId: string;
  /** Remote multiaddr of the connection. */
  readonly address: string;
  readonly direction: 'inbound' | 'outbound';
  /** Genesis name of the validator whose node key this peer id is, or null (a full node). */
  readonly validator: string | null;
  /** Height of the tip the peer last announced, null before its first status. */
  readonly height: number | null;
  readonly bytesIn: number;
  readonly bytesOut: number;
  /** Gossipsub peer score (negative after invalid messages). */
  readonly score: number;
}

export interface NetInfo {
  readonly peerId: string;
  readonly listen: readonly string[];
  /** Whether the node is downloading blocks (behind its peers) rather than in consensus. */
  readonly syncing: boolean;
  readonly peers: readonly PeerInfo[];
}

/** What the RPC server needs to answer GET /net (null when the node has no network, e.g. the in-process testnet). */
export interface NetPort {
  info(): NetInfo;
}
