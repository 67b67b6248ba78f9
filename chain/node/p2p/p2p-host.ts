/**
 * One libp2p host per process: TCP, noise (the peer key is the validator's ed25519 key), yamux,
 * identify, gossipsub topics per chain id for proposals, votes, evidence and txs (validated before
 * they are forwarded), and three request-response protocols of our own: direct messages, block
 * sync ranges and status (a peer's height). It keeps the `--peers` and the validators of the
 * genesis connected (redialing with backoff), disconnects and bans peers whose score falls to
 * DISCONNECT_SCORE, and counts bytes per connection. Peers are named by their peer id strings;
 * `HostNetwork` maps them to the numbers of the node's Network port.
 */
import type { Libp2p } from 'libp2p';
import { TopicValidatorResult } from '@libp2p/gossipsub';
import type { Connection, PeerId, PrivateKey, Stream } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { lpStream } from '@libp2p/utils';
import { toHex } from '../../codec/bytes.ts';
import { isChainError } from '../../errors.ts';
import type { Logger } from '../../ports/logger.ts';
import type { NodeMessage } from '../node-messages.ts';
import type { BlockRange, BlockSource, SyncPeer } from '../sync/block-source.ts';
import { ByteCounter } from './byte-counter.ts';
import { BAN_MS } from './gossip-config.ts';
import { createHostNode, type HostNode } from './host-node.ts';
import { GOSSIP_KINDS, GossipValidator, maxPayloadBytes, type GossipKind, type GossipValidationContext } from './gossip-validator.ts';
import type { NetInfo, PeerInfo } from './net-info.ts';
import { p2pError } from './p2p-errors.ts';
import { parseAddress } from './peer-address.ts';
import { PeerDiscipline } from './peer-discipline.ts';
import { blocksProtocol, directProtocol, gossipTopic, statusProtocol } from './protocols.ts';
import { decodeRange, decodeRangeRequest, decodeStatus, encodeRange, encodeRangeRequest, encodeStatus, lpLimits, MAX_DIRECT_BYTES, MAX_RANGE_BYTES, REQUEST_TIMEOUT_MS } from './range-codec.ts';
import { Redialer } from './redialer.ts';
import { decodeMessage, encodeMessage, encodePayload } from './wire-codec.ts';
import type { Multiaddr } from '@multiformats/multiaddr';

export interface P2pHostOptions {
  readonly chainId: string;
  readonly privateKey: PrivateKey;
  /** Multiaddrs to listen on, e.g. /ip4/127.0.0.1/tcp/26656. */
  readonly listen: readonly string[];
  /** Multiaddrs (with /p2p/<id> or without) to dial and keep dialing. */
  readonly peers: readonly string[];
  /** Peer id -> validator name, from the genesis (their connections are kept and redialed). */
  readonly validatorPeers: ReadonlyMap<string, string>;
  readonly validation: GossipValidationContext;
  readonly logger: Logger;
  /** Our tip, for the status protocol. */
  tip(): { readonly height: number; readonly hash: Uint8Array };
  /** Blocks for a peer's sync request (chain/node/sync/serve-range.ts). */
  serveRange(from: number, count: number): Promise<BlockRange>;
  readonly maxConnections?: number;
  /** How often peers' heights are asked (ms). */
  readonly statusIntervalMs?: number;
}

export type HostMessageHandler = (message: NodeMessage, from: string) => void;

const STATUS_INTERVAL_MS = 1000;
const REDIAL_MS = 2000;
/**
 * Gossipsub frames each RPC it sends with it-length-prefixed's default limit (4 MiB) and drops a
 * bigger one with no error (a debug line), and an RPC also carries piggybacked control messages and
 * IHAVE ids. A full block's proposal is over 4 MiB, so a bigger payload goes another way (`publish`).
 */
const MAX_GOSSIP_BYTES = 4 * 1024 * 1024 - 256 * 1024;

export class P2pHost {
  private handler: HostMessageHandler = () => undefined;
  private readonly heights = new Map<string, { height: number; hash: string }>();
  /** Own penalties and bans (peer-discipline.ts). */
  private readonly discipline = new PeerDiscipline(() => Date.now());
  private readonly redialer: Redialer;
  private readonly intervals: NodeJS.Timeout[] = [];
  /** Range requests in flight, shared by the validators of the process (they sync the same blocks together). */
  private readonly fetching = new Map<string, Promise<BlockRange>>();
  private readonly aheadListeners: Array<(height: number, peer: string) => void> = [];
  private stopped = false;
  private cutOff = false;

  private constructor(
    private readonly o: P2pHostOptions,
    private readonly node: HostNode,
    private readonly bytes: ByteCounter,
    private readonly validator: GossipValidator,
    peers: ReadonlyMap<string, Multiaddr>,
  ) {
    this.redialer = new Redialer(node as unknown as Libp2p, peers, o.validatorPeers.keys(), (peer) => this.isBanned(peer));
  }

  static async start(o: P2pHostOptions): Promise<P2pHost> {
    // Addresses are parsed before anything starts: a typo is P2P_BAD_ADDRESS now, not at every redial.
    const listen = o.listen.map((a) => parseAddress(a));
    const peers = new Map(o.peers.map((a) => [a, parseAddress(a)] as const));
    const bytes = new ByteCounter();
    const validator = new GossipValidator(o.validation);
    let host: P2pHost | undefined;
    const node = await createHostNode(o, listen, bytes, {
      isolated: () => host?.isolated ?? false,
      isBanned: (peer) => host?.isBanned(peer) ?? false,
      penaltyOf: (peer) => host?.discipline.penaltyOf(peer) ?? 0,
    });
    host = new P2pHost(o, node, bytes, validator, peers);
    await host.install();
    return host;
  }

  get peerId(): string {
    return this.node.peerId.toString();
  }

  get addresses(): string[] {
    return this.node.getMultiaddrs().map(String);
  }

  onMessage(handler: HostMessageHandler): void {
    this.handler = handler;
  }

  /** A peer announced a height above ours + 1: the node may be behind (block sync). */
  onPeerAhead(listener: (height: number, peer: string) => void): void {
    this.aheadListeners.push(listener);
  }

  publish(m: NodeMessage): void {
    const kind = m.kind as GossipKind;
    if (!GOSSIP_KINDS.includes(kind)) throw new Error(`${m.kind} is not gossiped`);
    const payload = encodePayload(m);
    if (payload.length <= Math.min(MAX_GOSSIP_BYTES, maxPayloadBytes(kind, this.o.validation))) {
      void this.node.services.pubsub.publish(gossipTopic(this.o.chainId, kind), payload).then(
        (r) => {
          // Gossipsub publishes given bytes once: again, they are a duplicate it drops (no
          // recipients), even for peers that connected since. But the driver re-sends its votes and
          // proposals byte for byte (deterministic signatures) precisely for peers that missed them
          // (say, a validator that voted before anyone was connected): those go directly.
          if (r.recipients.length === 0) this.sendToAll(m);
        },
        (e: unknown) => {
          if (!this.stopped) this.o.logger.debug('publish failed', { kind, error: String(e) });
        },
      );
      return;
    }
    // A tx batch is counted in txs (up to 1,000 of up to maxTxBytes each), so it can outgrow both
    // gossipsub's frame and the receivers' limit: halves until each part fits.
    if (m.kind === 'txs' && m.txs.length > 1) {
      const half = Math.ceil(m.txs.length / 2);
      this.publish({ kind: 'txs', txs: m.txs.slice(0, half) });
      this.publish({ kind: 'txs', txs: m.txs.slice(half) });
      return;
    }
    // The proposal of a block near maxBlockBytes: to every connected peer over the direct protocol,
    // where it is validated as on gossip. Validators keep each other connected; nobody relays it.
    this.sendToAll(m);
  }

  private sendToAll(m: NodeMessage): void {
    for (const peer of new Set(this.node.getConnections().map((c) => c.remotePeer.toString()))) this.send(peer, m);
  }

  /** One message to one peer over the direct protocol (best effort). */
  send(peer: string, m: NodeMessage): void {
    void (async () => {
      const stream = await this.node.dialProtocol(peerIdFromString(peer), directProtocol(this.o.chainId), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await lpStream(stream, lpLimits(MAX_DIRECT_BYTES)).write(encodeMessage(m));
      await stream.close();
    })().catch((e: unknown) => {
      if (!this.stopped) this.o.logger.debug('direct send failed', { peer, kind: m.kind, error: String(e) });
    });
  }

  /** Block sync over this host's peers (chain/node/sync). */
  blockSource(): BlockSource {
    return {
      peers: () => this.syncPeers(),
      fetch: (peer, from, count) => this.sharedFetch(peer, from, count),
      penalize: (peer, code) => this.penalize(peer, `sync: ${code}`),
    };
  }

  /** Highest height a connected peer announced (null before any status). */
  bestPeerHeight(): number | null {
    let best: number | null = null;
    for (const p of this.syncPeers()) if (best === null || p.height > best) best = p.height;
    return best;
  }

  info(syncing: boolean): NetInfo {
    const scoreOf = (p: string): number => this.scoreOf(p);
    const peers: PeerInfo[] = this.node.getConnections().map((c) => {
      const id = c.remotePeer.toString();
      const counts = this.bytes.counts(c.remoteAddr.toString());
      return {
        peerId: id,
        address: c.remoteAddr.toString(),
        direction: c.direction,
        validator: this.o.validatorPeers.get(id) ?? null,
        height: this.heights.get(id)?.height ?? null,
        bytesIn: counts.bytesIn,
        bytesOut: counts.bytesOut,
        score: Math.round(scoreOf(id) * 100) / 100,
      };
    });
    return { peerId: this.peerId, listen: this.addresses, syncing, peers };
  }

  /** Whether the test hook cut this host off (`setIsolated`). */
  get isolated(): boolean {
    return this.cutOff;
  }

  /**
   * Test hook (`tfr node --test-hooks`, toggled by SIGUSR2): pulls the node's cable, or plugs it
   * back. Isolated, every connection is hung up and the connection gater refuses every dial and
   * every inbound connection, so the node runs on alone; reconnected, it redials at once.
   */
  async setIsolated(on: boolean): Promise<void> {
    this.cutOff = on;
    if (on) {
      await Promise.all(this.node.getConnections().map((c) => c.close().catch((e: unknown) => c.abort(e instanceof Error ? e : new Error(String(e))))));
      return;
    }
    this.redialer.reset();
    this.redialer.tick();
  }

  connectedPeers(): number {
    return new Set(this.node.getConnections().map((c) => c.remotePeer.toString())).size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.intervals) clearInterval(t);
    await this.node.stop();
  }

  // ---- setup ----------------------------------------------------------------------------------

  private async install(): Promise<void> {
    const { chainId } = this.o;
    const pubsub = this.node.services.pubsub;
    for (const kind of GOSSIP_KINDS) {
      const topic = gossipTopic(chainId, kind);
      pubsub.topicValidators.set(topic, async (peer, msg) => {
        const v = await this.validator.validate(kind, msg.data);
        if (v.verdict === 'accept') {
          this.handler(v.message, peer.toString());
          return TopicValidatorResult.Accept;
        }
        if (v.verdict === 'reject') this.o.logger.info('rejected a gossip message', { peer: peer.toString(), kind, reason: v.reason });
        return v.verdict === 'reject' ? TopicValidatorResult.Reject : TopicValidatorResult.Ignore;
      });
      pubsub.subscribe(topic);
    }
    await this.node.handle(directProtocol(chainId), (stream, conn) => this.onDirect(stream, conn), { maxInboundStreams: 64 });
    await this.node.handle(blocksProtocol(chainId), (stream, conn) => this.onBlocksRequest(stream, conn), { maxInboundStreams: 32 });
    await this.node.handle(statusProtocol(chainId), (stream) => this.onStatusRequest(stream), { maxInboundStreams: 32 });
    const every = (ms: number, f: () => void): void => {
      const t = setInterval(f, ms);
      t.unref();
      this.intervals.push(t);
    };
    every(this.o.statusIntervalMs ?? STATUS_INTERVAL_MS, () => void this.pollStatus());
    every(REDIAL_MS, () => this.redial());
    every(1000, () => this.enforceScores());
    this.redial();
  }

  // ---- direct messages ------------------------------------------------------------------------

  private async onDirect(stream: Stream, conn: Connection): Promise<void> {
    const peer = conn.remotePeer.toString();
    try {
      const lp = lpStream(stream, lpLimits(MAX_DIRECT_BYTES));
      const bytes = (await lp.read({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).subarray();
      const m = decodeMessage(bytes);
      if (m.kind === 'sync-block' || m.kind === 'sync-request' || m.kind === 'txs') this.handler(m, peer);
      else {
        // Consensus messages travel by gossip, where they are validated; a direct one must pass the same check.
        const v = await this.validator.validate(m.kind, encodePayload(m));
        if (v.verdict === 'accept') this.handler(v.message, peer);
        else if (v.verdict === 'reject') this.penalize(peer, `direct: ${v.reason}`);
      }
      await stream.close();
    } catch (e) {
      if (isChainError(e)) this.penalize(peer, `direct: ${e.code}`);
      stream.abort(e instanceof Error ? e : new Error(String(e)));
    }
  }

  // ---- status ---------------------------------------------------------------------------------

  private async onStatusRequest(stream: Stream): Promise<void> {
    try {
      const tip = this.o.tip();
      await lpStream(stream).write(encodeStatus(tip.height, tip.hash));
      await stream.close();
    } catch (e) {
      stream.abort(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private async pollStatus(): Promise<void> {
    if (this.stopped) return;
    const ours = this.o.tip().height;
    const peers = new Map<string, PeerId>();
    for (const c of this.node.getConnections()) peers.set(c.remotePeer.toString(), c.remotePeer);
    for (const id of this.heights.keys()) if (!peers.has(id)) this.heights.delete(id);
    await Promise.all(
      [...peers].map(async ([id, peerId]) => {
        try {
          const stream = await this.node.dialProtocol(peerId, statusProtocol(this.o.chainId), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
          const bytes = (await lpStream(stream, { maxDataLength: 1024 }).read({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).subarray();
          await stream.close();
          const { height, hash } = decodeStatus(bytes);
          this.heights.set(id, { height, hash: toHex(hash) });
          if (height > ours + 1) for (const l of this.aheadListeners) l(height, id);
        } catch (e) {
          if (isChainError(e)) this.penalize(id, `status: ${e.code}`);
        }
      }),
    );
  }

  private syncPeers(): SyncPeer[] {
    return [...this.heights].filter(([id]) => !this.isBanned(id)).map(([id, s]) => ({ id, height: s.height }));
  }

  // ---- block sync -----------------------------------------------------------------------------

  private async onBlocksRequest(stream: Stream, conn: Connection): Promise<void> {
    const peer = conn.remotePeer.toString();
    try {
      const lp = lpStream(stream, lpLimits(MAX_RANGE_BYTES));
      const { from, count } = decodeRangeRequest((await lp.read({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).subarray());
      await lp.write(encodeRange(await this.o.serveRange(from, count)));
      await stream.close();
    } catch (e) {
      if (isChainError(e)) this.penalize(peer, `blocks request: ${e.code}`);
      stream.abort(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /**
   * The validators of one process each run their own syncer over the same blocks, at the same
   * time: one request per (peer, range) in flight serves them all.
   */
  private sharedFetch(peer: string, from: number, count: number): Promise<BlockRange> {
    const key = `${peer}/${from}/${count}`;
    const known = this.fetching.get(key);
    if (known !== undefined) return known;
    const request = this.fetchRange(peer, from, count);
    this.fetching.set(key, request);
    const forget = (): void => void this.fetching.delete(key);
    request.then(forget, forget);
    return request;
  }

  private async fetchRange(peer: string, from: number, count: number): Promise<BlockRange> {
    let stream: Stream;
    try {
      stream = await this.node.dialProtocol(peerIdFromString(peer), blocksProtocol(this.o.chainId), { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (e) {
      throw p2pError('P2P_PEER_UNAVAILABLE', `peer ${peer} did not open a sync stream: ${String(e)}`);
    }
    const lp = lpStream(stream, lpLimits(MAX_RANGE_BYTES));
    let bytes: Uint8Array;
    try {
      await lp.write(encodeRangeRequest(from, count));
      bytes = (await lp.read({ signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).subarray();
      await stream.close();
    } catch (e) {
      stream.abort(e instanceof Error ? e : new Error(String(e)));
      throw p2pError('P2P_PEER_UNAVAILABLE', `peer ${peer} did not answer a sync request: ${String(e)}`);
    }
    try {
      return decodeRange(bytes, count);
    } catch (e) {
      if (isChainError(e)) throw p2pError('SYNC_BAD_RANGE', `peer ${peer}: ${e.message}`, e.details === undefined ? undefined : { ...e.details });
      throw e;
    }
  }

  // ---- peers: redial, scores, bans ------------------------------------------------------------

  private redial(): void {
    if (!this.stopped && !this.cutOff) this.redialer.tick();
  }

  /** Gossipsub's score of a peer (the class has it; its exported interface type does not). */
  private scoreOf(peer: string): number {
    return (this.node.services.pubsub as unknown as { getScore(id: string): number }).getScore(peer);
  }

  private penalize(peer: string, why: string): void {
    const penalty = this.discipline.penalize(peer);
    this.o.logger.info('penalized a peer', { peer, why, penalty });
  }

  isBanned(peer: string): boolean {
    return this.discipline.isBanned(peer);
  }

  private enforceScores(): void {
    this.discipline.decay();
    for (const c of this.node.getConnections()) {
      const peer = c.remotePeer.toString();
      const { score, ban } = this.discipline.judge(peer, this.scoreOf(peer));
      if (!ban) continue;
      this.o.logger.warn('disconnected a misbehaving peer', { peer, score: Math.round(score), banMs: BAN_MS });
      void this.node.hangUp(c.remotePeer).catch(() => undefined);
    }
  }
}
