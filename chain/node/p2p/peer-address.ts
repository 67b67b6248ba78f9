/**
 * Peer addresses as operators write them: a libp2p multiaddr (with or without `/p2p/<id>`) or
 * HOST:PORT for TCP. Parsed once, when the node starts, so a typo is a P2P_BAD_ADDRESS at start-up
 * rather than a failure at every redial.
 */
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr';
import { p2pError } from './p2p-errors.ts';

/** A multiaddr, or HOST:PORT as a TCP address; anything else is P2P_BAD_ADDRESS. */
export function parseAddress(value: string): Multiaddr {
  const hp = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(value);
  try {
    if (hp !== null) {
      const host = hp[1]!;
      const port = Number(hp[2]);
      if (port > 65535) throw new Error('port above 65535');
      if (host.startsWith('[')) return multiaddr(`/ip6/${host.slice(1, -1)}/tcp/${port}`);
      return multiaddr(/^\d+\.\d+\.\d+\.\d+$/.test(host) ? `/ip4/${host}/tcp/${port}` : `/dns/${host}/tcp/${port}`);
    }
    const ma = multiaddr(value);
    if (!ma.getComponents().some((c) => c.name === 'tcp')) throw new Error('no /tcp/ component');
    return ma;
  } catch (e) {
    throw p2pError('P2P_BAD_ADDRESS', `${JSON.stringify(value)} is not a TCP multiaddr or HOST:PORT (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** The peer id an address names (its /p2p/ component), if any. */
export function peerIdIn(address: Multiaddr): string | undefined {
  return address.getComponents().find((c) => c.name === 'p2p')?.value;
}

/** Same transport endpoint, whatever /p2p/ suffix either carries. */
export function sameTransportAddress(a: Multiaddr, b: Multiaddr): boolean {
  const strip = (m: Multiaddr): string => m.getComponents().filter((c) => c.name !== 'p2p').map((c) => `${c.name}/${c.value ?? ''}`).join('/');
  return strip(a) === strip(b);
}
