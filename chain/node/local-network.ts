/**
 * The network of validators that share one process (`tfr testnet`): messages are handed over as
 * objects, asynchronously (a batch per event-loop turn, so no sender ever runs a receiver's code
 * inside its own call stack), in the order they were sent.
 */
import type { MessageHandler, Network } from '../ports/network.ts';

export class LocalNetwork<M> {
  private readonly handlers: (MessageHandler<M> | undefined)[];
  private pending: Array<{ to: number; from: number; message: M }> = [];
  private scheduled = false;
  delivered = 0;

  constructor(readonly size: number) {
    this.handlers = new Array(size).fill(undefined);
  }

  endpoint(node: number): Network<M> {
    return {
      send: (to, message) => this.enqueue(node, to, message),
      broadcast: (message) => {
        for (let to = 0; to < this.size; to++) if (to !== node) this.enqueue(node, to, message);
      },
      onMessage: (handler) => {
        this.handlers[node] = handler;
      },
    };
  }

  /** A stopped node receives nothing until it sets a handler again. */
  detach(node: number): void {
    this.handlers[node] = undefined;
  }

  private enqueue(from: number, to: number, message: M): void {
    this.pending.push({ to, from, message });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    for (const { to, from, message } of batch) {
      const h = this.handlers[to];
      if (h !== undefined) {
        this.delivered++;
        h(message, from);
      }
    }
  }
}
