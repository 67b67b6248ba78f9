/**
 * The Network port of the validators a process runs, over one P2pHost: a broadcast reaches the
 * other local validators as an object (as on the in-process network) and the rest of the region
 * through gossipsub; a message from a peer reaches every local validator. Port numbers: local
 * validators keep their validator index; each remote peer gets `validators + k`, so a reply
 * (`send(from, ...)`) to a remote number goes to that peer over the direct protocol.
 */
import type { MessageHandler, Network } from '../../ports/network.ts';
import type { NodeMessage } from '../node-messages.ts';
import type { P2pHost } from './p2p-host.ts';

const GOSSIPED: ReadonlySet<NodeMessage['kind']> = new Set(['proposal', 'vote', 'evidence', 'txs', 'anchor-sigs']);

export class HostNetwork {
  private readonly handlers = new Map<number, MessageHandler<NodeMessage>>();
  private readonly numberOf = new Map<string, number>();
  private readonly peerOf = new Map<number, string>();
  private pending: Array<{ to: number; from: number; message: NodeMessage }> = [];
  private scheduled = false;

  constructor(
    private readonly host: P2pHost,
    private readonly validators: number,
  ) {
    host.onMessage((message, peer) => {
      const from = this.remoteNumber(peer);
      for (const h of this.handlers.values()) h(message, from);
    });
  }

  endpoint(index: number): Network<NodeMessage> {
    return {
      send: (to, message) => {
        if (to < this.validators) return this.enqueue(index, to, message);
        const peer = this.peerOf.get(to);
        if (peer !== undefined) this.host.send(peer, message);
      },
      broadcast: (message) => {
        for (const to of this.handlers.keys()) if (to !== index) this.enqueue(index, to, message);
        if (GOSSIPED.has(message.kind)) this.host.publish(message);
      },
      onMessage: (handler) => {
        this.handlers.set(index, handler);
      },
    };
  }

  detach(index: number): void {
    this.handlers.delete(index);
  }

  private remoteNumber(peer: string): number {
    let n = this.numberOf.get(peer);
    if (n === undefined) {
      n = this.validators + this.numberOf.size;
      this.numberOf.set(peer, n);
      this.peerOf.set(n, peer);
    }
    return n;
  }

  /** Local delivery a batch per event-loop turn, like LocalNetwork: no receiver runs inside a sender's stack. */
  private enqueue(from: number, to: number, message: NodeMessage): void {
    this.pending.push({ to, from, message });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      const batch = this.pending;
      this.pending = [];
      this.scheduled = false;
      for (const p of batch) this.handlers.get(p.to)?.(p.message, p.from);
    });
  }
}
