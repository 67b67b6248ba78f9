/**
 * Txs from clients: admitted to the node's mempool, then gossiped to the other validators in
 * batches (one `txs` message per TX_GOSSIP_DELAY_MS, or per TX_GOSSIP_MAX_BATCH txs), so a busy
 * node sends a few messages a second instead of one per tx per peer. A peer's batch is admitted
 * tx by tx; invalid or known txs are dropped silently (peers gossip freely).
 *
 * Validators of one process may share one mempool (`tfr testnet`). A batch is remembered, by
 * object identity, with the pool that admitted its txs before it was sent: a receiver whose pool
 * is that very pool skips it (the txs are already in, or were in and are now committed or
 * dropped), so 98 in-process receivers do no work per tx. The in-process network hands every
 * receiver the same frozen message object; a batch from anywhere else is admitted as usual.
 */
import type { Mempool } from '../mempool/mempool.ts';
import type { Network } from '../ports/network.ts';
import type { CancelTimer, Timers } from '../ports/timers.ts';
import type { NodeMessage } from './node-messages.ts';

/** How long a client's tx may wait for others to share its gossip message. */
export const TX_GOSSIP_DELAY_MS = 50;
/** A batch this large is sent at once. */
export const TX_GOSSIP_MAX_BATCH = 1000;

type TxsMessage = Extract<NodeMessage, { kind: 'txs' }>;

/** Batches this process sent, with the mempool that admitted them. */
const admittedBy = new WeakMap<TxsMessage, Mempool>();

export class TxGossip {
  private outbox: Uint8Array[] = [];
  private cancel: CancelTimer | undefined = undefined;

  constructor(
    private readonly mempool: Mempool,
    private readonly network: Network<NodeMessage>,
    private readonly timers: Timers,
  ) {}

  /** Admits a client's tx (throws the ChainError that says why not) and queues it for gossip. */
  async submit(bytes: Uint8Array): Promise<Uint8Array> {
    const { hash } = await this.mempool.add(bytes);
    this.outbox.push(bytes);
    if (this.outbox.length >= TX_GOSSIP_MAX_BATCH) this.flush();
    else this.cancel ??= this.timers.schedule(TX_GOSSIP_DELAY_MS, () => this.flush());
    return hash;
  }

  /** Peers' batches still being admitted. */
  private admitting = 0;

  /** True when no peer's batch is being admitted (the driver is idle only then). */
  get idle(): boolean {
    return this.admitting === 0;
  }

  /**
   * A peer's batch. The driver does not wait for it (consensus messages queued behind must not),
   * the pool takes the calls in order; the promise is for tests, resolved once all are admitted.
   */
  receive(message: TxsMessage): Promise<void> {
    if (admittedBy.get(message) === this.mempool) return Promise.resolve();
    this.admitting++;
    // All at once: the pool still admits them in order, but their signature checks run side by
    // side (one await per tx would wait out a thread-pool round trip each).
    return Promise.all(message.txs.map((bytes) => this.mempool.add(bytes).catch(() => undefined))).then(
      () => void this.admitting--,
    );
  }

  stop(): void {
    this.cancel?.();
    this.cancel = undefined;
    this.outbox = [];
  }

  private flush(): void {
    this.cancel?.();
    this.cancel = undefined;
    if (this.outbox.length === 0) return;
    const message: TxsMessage = Object.freeze({ kind: 'txs', txs: Object.freeze(this.outbox) });
    this.outbox = [];
    admittedBy.set(message, this.mempool);
    this.network.broadcast(message);
  }
}
