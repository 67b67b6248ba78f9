/**
 * Bytes in and out per connection, on the wire (after noise and yamux framing), for GET /net.
 * libp2p reports each raw connection to its metrics component (`trackMultiaddrConnection`); this
 * is a metrics component that only does that: it counts what passes through the connection's
 * `send` and `onData`, keyed by the connection's remote address (the same object the upgraded
 * connection keeps as `remoteAddr`), and answers every other metrics call with a no-op.
 */
import type { Metrics, MultiaddrConnection } from '@libp2p/interface';

export interface ByteCounts {
  bytesIn: number;
  bytesOut: number;
}

interface Countable {
  send(data: Uint8Array | { byteLength: number }): boolean;
  onData(data: Uint8Array | { byteLength: number }): void;
}

export class ByteCounter {
  private readonly byAddress = new Map<string, ByteCounts>();

  /** Counts of the connection with this remote address (its /p2p/ suffix, added after the upgrade, ignored). */
  counts(remoteAddr: string): ByteCounts {
    return this.byAddress.get(transportPart(remoteAddr)) ?? { bytesIn: 0, bytesOut: 0 };
  }

  track(conn: MultiaddrConnection): void {
    const key = transportPart(conn.remoteAddr.toString());
    const counts: ByteCounts = { bytesIn: 0, bytesOut: 0 };
    this.byAddress.set(key, counts);
    const c = conn as unknown as Countable;
    const send = c.send.bind(c);
    const onData = c.onData.bind(c);
    c.send = (data) => {
      counts.bytesOut += data.byteLength;
      return send(data);
    };
    c.onData = (data) => {
      counts.bytesIn += data.byteLength;
      onData(data);
    };
    conn.addEventListener('close', () => this.byAddress.delete(key), { once: true });
  }

  /** The metrics component for createLibp2p's `metrics` option. */
  metrics(): () => Metrics {
    const noop: unknown = new Proxy(function () {}, {
      get: (_t, prop) => (prop === 'then' ? undefined : noop),
      apply: () => noop,
    });
    const self = this;
    return () =>
      new Proxy({} as Metrics, {
        get(_t, prop) {
          if (prop === 'trackMultiaddrConnection') return (conn: MultiaddrConnection) => self.track(conn);
          if (prop === 'traceFunction') return <F>(_name: string, fn: F) => fn;
          if (prop === 'then') return undefined;
          return noop;
        },
      });
  }
}

function transportPart(address: string): string {
  const i = address.indexOf('/p2p/');
  return i < 0 ? address : address.slice(0, i);
}
