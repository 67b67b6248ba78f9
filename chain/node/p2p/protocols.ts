/**
 * Names on the wire, all per chain id: a node of another region (or the Hub) shares no topic and
 * no protocol with ours, so its messages never reach our validation at all.
 */
import type { GossipKind } from './gossip-validator.ts';

export function gossipTopic(chainId: string, kind: GossipKind): string {
  return `/tfr/${chainId}/${kind}/1`;
}

/** One message to one peer (a stream per message: rare, e.g. a block for a peer one height behind). */
export function directProtocol(chainId: string): string {
  return `/tfr/${chainId}/direct/1`;
}

/** Request [from, count] -> [blocks, commit of the last]. */
export function blocksProtocol(chainId: string): string {
  return `/tfr/${chainId}/blocks/1`;
}

/** Request nothing -> [height, tip hash]: how peers learn each other's heights. */
export function statusProtocol(chainId: string): string {
  return `/tfr/${chainId}/status/1`;
}
