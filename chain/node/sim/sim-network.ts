/**
 * An in-process network for N simulated nodes (ids 0..N-1), deterministic for a given seed: every
 * delivery is an event on the shared `ManualTimers` (so deliveries and the nodes' own timeouts
 * interleave in one fixed order) and every random choice comes from a per-sender stream forked
 * from the seed. Same seed, same calls => the same deliveries in the same order at the same times.
 *
 * Messages are delivered as the same object to every recipient, never serialized (a real
 * transport encodes them): handlers must treat them as immutable.
 *
 * Faults:
 *  - per-link delay, jitter (which reorders), loss and duplication (sim-link.ts), set for all
 *    links or one directed link;
 *  - `partition(groups)`: only nodes of one group reach each other; nodes not listed form one
 *    more group together. `isolate(node)` cuts one node off from everyone, on top of that. Both
 *    apply at send AND delivery time (a message in flight when the cut happens is lost); `heal()`
 *    lifts both. Nothing is retransmitted: lost is lost.
 *  - `crash(node)`: the node receives nothing until `restart(node)`, and its sends are dropped.
 *    Messages in flight to it are lost, even if they would arrive after the restart (the old
 *    connections died with the process). Messages it sent before crashing are lost too, unless
 *    `crash(node, { deliverSent: true })`: the bytes had left the machine (the case where peers
 *    saw a vote the node may not remember).
 */
import type { ManualTimers } from '../../ports/manual-timers.ts';
import type { MessageHandler, Network } from '../../ports/network.ts';
import type { Rng } from '../../ports/rng.ts';
import { seededRng } from '../../ports/seeded-rng.ts';
import { runUntil, type RunUntilOptions } from './run-until.ts';
import { DEFAULT_SIM_LINK, simLink, type SimLinkConfig } from './sim-link.ts';

export interface SimNetworkOptions {
  readonly nodes: number;
  /** The event queue shared with the nodes' timers. */
  readonly timers: ManualTimers;
  readonly seed: number | string;
  /** Applied to every link; DEFAULT_SIM_LINK otherwise. */
  readonly link?: Partial<SimLinkConfig>;
}

export interface SimNetworkStats {
  /** Copies handed to a handler. */
  delivered: number;
  /** Copies lost to `dropRate`. */
  dropped: number;
  /** Copies stopped by a partition, an isolation or a crash (or sent to a node without handler). */
  blocked: number;
  /** Extra copies made by `duplicateRate`. */
  duplicated: number;
}

export class SimNetwork<M> {
  readonly size: number;
  readonly timers: ManualTimers;
  readonly stats: SimNetworkStats = { delivered: 0, dropped: 0, blocked: 0, duplicated: 0 };
  #defaultLink: SimLinkConfig;
  readonly #links = new Map<number, SimLinkConfig>(); // key from * size + to
  readonly #rngs: Rng[];
  readonly #handlers: (MessageHandler<M> | undefined)[];
  readonly #group: Int32Array; // partition group per node, 0 = not listed
  readonly #isolated: Uint8Array;
  readonly #down: Uint8Array;
  readonly #epoch: Uint32Array; // bumped on each crash: deliveries tagged with an older one are stale
  readonly #dropSentBefore: Uint32Array; // copies sent in an epoch below this are lost

  constructor(options: SimNetworkOptions) {
    const n = options.nodes;
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`node count must be a positive integer, got ${n}`);
    this.size = n;
    this.timers = options.timers;
    this.#defaultLink = simLink(DEFAULT_SIM_LINK, options.link ?? {});
    const root = seededRng(options.seed).fork('sim-network');
    this.#rngs = Array.from({ length: n }, (_, i) => root.fork(`sender/${i}`));
    this.#handlers = new Array<MessageHandler<M> | undefined>(n).fill(undefined);
    this.#group = new Int32Array(n);
    this.#isolated = new Uint8Array(n);
    this.#down = new Uint8Array(n);
    this.#epoch = new Uint32Array(n);
    this.#dropSentBefore = new Uint32Array(n);
  }

  /** Sets `node`'s handler (replacing any earlier one). */
  onMessage(node: number, handler: MessageHandler<M>): void {
    this.#check(node);
    this.#handlers[node] = handler;
  }

  send(from: number, to: number, message: M): void {
    this.#check(from);
    this.#check(to);
    this.#send(from, to, message);
  }

  /** To every node but `from`, in id order (each copy with its own delay and fate). */
  broadcast(from: number, message: M): void {
    this.#check(from);
    for (let to = 0; to < this.size; to++) if (to !== from) this.#send(from, to, message);
  }

  /** This node's Network port. */
  endpoint(node: number): Network<M> {
    this.#check(node);
    return {
      send: (to, message) => this.send(node, to, message),
      broadcast: (message) => this.broadcast(node, message),
      onMessage: (handler) => this.onMessage(node, handler),
    };
  }

  /** Changes every link (per-link settings made with `setLink` are kept). */
  setDefaultLink(patch: Partial<SimLinkConfig>): void {
    this.#defaultLink = simLink(this.#defaultLink, patch);
  }

  /** Changes the directed link `from -> to` only, starting from its current settings. */
  setLink(from: number, to: number, patch: Partial<SimLinkConfig>): void {
    this.#check(from);
    this.#check(to);
    this.#links.set(from * this.size + to, simLink(this.#link(from, to), patch));
  }

  link(from: number, to: number): SimLinkConfig {
    this.#check(from);
    this.#check(to);
    return this.#link(from, to);
  }

  partition(groups: readonly (readonly number[])[]): void {
    const group = new Int32Array(this.size);
    groups.forEach((members, g) => {
      for (const node of members) {
        this.#check(node);
        if (group[node] !== 0) throw new RangeError(`node ${node} is in two partition groups`);
        group[node] = g + 1;
      }
    });
    this.#group.set(group);
  }

  isolate(node: number): void {
    this.#check(node);
    this.#isolated[node] = 1;
  }

  /** Lifts every partition and isolation (crashed nodes stay down). */
  heal(): void {
    this.#group.fill(0);
    this.#isolated.fill(0);
  }

  crash(node: number, options: { readonly deliverSent?: boolean } = {}): void {
    this.#check(node);
    if (this.#down[node] === 1) return;
    this.#down[node] = 1;
    this.#epoch[node]!++;
    if (options.deliverSent !== true) this.#dropSentBefore[node] = this.#epoch[node]!;
  }

  restart(node: number): void {
    this.#check(node);
    this.#down[node] = 0;
  }

  isUp(node: number): boolean {
    this.#check(node);
    return this.#down[node] === 0;
  }

  /** Can a message from `from` reach `to` now (both up, same partition group, neither isolated)? */
  connected(from: number, to: number): boolean {
    this.#check(from);
    this.#check(to);
    return this.#connected(from, to);
  }

  /** `runUntil` on this network's event queue. */
  runUntil(predicate: () => boolean, maxTimeMs: number, options: RunUntilOptions = {}): boolean {
    return runUntil(this.timers, predicate, maxTimeMs, options);
  }

  #send(from: number, to: number, message: M): void {
    if (!this.#connected(from, to)) {
      this.stats.blocked++;
      return;
    }
    const link = this.#link(from, to);
    const rng = this.#rngs[from]!;
    this.#schedule(from, to, message, link, rng);
    if (link.duplicateRate > 0 && rng.nextFloat() < link.duplicateRate) {
      this.stats.duplicated++;
      this.#schedule(from, to, message, link, rng);
    }
  }

  #schedule(from: number, to: number, message: M, link: SimLinkConfig, rng: Rng): void {
    if (link.dropRate > 0 && rng.nextFloat() < link.dropRate) {
      this.stats.dropped++;
      return;
    }
    const delay = link.jitterMs > 0 ? link.baseDelayMs + rng.nextFloat() * link.jitterMs : link.baseDelayMs;
    const fromEpoch = this.#epoch[from]!;
    const toEpoch = this.#epoch[to]!;
    this.timers.schedule(delay, () => this.#deliver(from, to, message, fromEpoch, toEpoch));
  }

  #deliver(from: number, to: number, message: M, fromEpoch: number, toEpoch: number): void {
    const handler = this.#handlers[to];
    const stale = toEpoch !== this.#epoch[to] || fromEpoch < this.#dropSentBefore[from]!;
    if (stale || handler === undefined || this.#down[to] === 1 || !this.#reachable(from, to)) {
      this.stats.blocked++;
      return;
    }
    this.stats.delivered++;
    handler(message, from);
  }

  #connected(from: number, to: number): boolean {
    return this.#down[from] === 0 && this.#down[to] === 0 && this.#reachable(from, to);
  }

  #reachable(from: number, to: number): boolean {
    return this.#group[from] === this.#group[to] && this.#isolated[from] === 0 && this.#isolated[to] === 0;
  }

  #link(from: number, to: number): SimLinkConfig {
    return this.#links.size === 0 ? this.#defaultLink : (this.#links.get(from * this.size + to) ?? this.#defaultLink);
  }

  #check(node: number): void {
    if (!Number.isInteger(node) || node < 0 || node >= this.size) throw new RangeError(`no node ${node} in a network of ${this.size}`);
  }
}
