/**
 * Keeps the node connected to its `--peers` and to the genesis validators whose addresses identify
 * taught it: every tick, whatever is not connected is dialed, each target backing off from 2 s up
 * to 30 s after failures. An address given without /p2p/ is remembered with the peer id that
 * answered it, so a connection the other side opened counts too.
 */
import type { Libp2p } from 'libp2p';
import { peerIdFromString } from '@libp2p/peer-id';
import type { Multiaddr } from '@multiformats/multiaddr';
import { peerIdIn, sameTransportAddress } from './peer-address.ts';

const DIAL_TIMEOUT_MS = 5000;
const MAX_BACKOFF_MS = 30_000;

interface Target {
  readonly key: string;
  dial(): Promise<unknown>;
}

export class Redialer {
  private readonly retryAt = new Map<string, { at: number; backoff: number }>();
  /** Peer id learned by dialing an address given without /p2p/. */
  private readonly idOfAddress = new Map<string, string>();

  constructor(
    private readonly node: Libp2p,
    private readonly peers: ReadonlyMap<string, Multiaddr>,
    private readonly validatorPeers: Iterable<string>,
    private readonly skip: (peer: string) => boolean,
  ) {}

  /** Forgets the backoffs (after an isolation ends: dial everyone now). */
  reset(): void {
    this.retryAt.clear();
  }

  tick(): void {
    const now = Date.now();
    for (const t of this.targets()) {
      const r = this.retryAt.get(t.key);
      if (r !== undefined && now < r.at) continue;
      t.dial().then(
        () => this.retryAt.delete(t.key),
        () => {
          const backoff = Math.min(MAX_BACKOFF_MS, (r?.backoff ?? 1000) * 2);
          this.retryAt.set(t.key, { at: Date.now() + backoff, backoff });
        },
      );
    }
  }

  private targets(): Target[] {
    const self = this.node.peerId.toString();
    const connections = this.node.getConnections();
    const connected = new Set(connections.map((c) => c.remotePeer.toString()));
    const targets: Target[] = [];
    for (const [text, ma] of this.peers) {
      const id = peerIdIn(ma) ?? this.idOfAddress.get(text);
      if (id !== undefined && (connected.has(id) || id === self || this.skip(id))) continue;
      if (id === undefined && connections.some((c) => sameTransportAddress(c.remoteAddr, ma))) continue;
      targets.push({
        key: text,
        dial: async () => {
          const conn = await this.node.dial(ma, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) });
          this.idOfAddress.set(text, conn.remotePeer.toString());
        },
      });
    }
    for (const id of this.validatorPeers) {
      if (connected.has(id) || id === self || this.skip(id)) continue;
      targets.push({
        key: id,
        dial: async () => {
          const peer = peerIdFromString(id);
          const known = await this.node.peerStore.get(peer).catch(() => undefined);
          if (known === undefined || known.addresses.length === 0) return;
          await this.node.dial(peer, { signal: AbortSignal.timeout(DIAL_TIMEOUT_MS) });
        },
      });
    }
    return targets;
  }
}
