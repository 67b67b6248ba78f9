/**
 * One node's view of the consensus network: peers are numbered (validator indices), messages are
 * typed values. The simulator hands each node one (`SimNetwork.endpoint`); a real transport
 * encodes messages to bytes and maps peer identities to these numbers. Delivery is best effort:
 * messages may be late, reordered, duplicated or lost, and the driver's gossip copes with that.
 * Nodes do not receive their own broadcasts (the driver feeds its own messages back itself).
 */
export type MessageHandler<M> = (message: M, from: number) => void;

export interface Network<M> {
  send(to: number, message: M): void;
  /** To every other node. */
  broadcast(message: M): void;
  /** Replaces this node's handler. */
  onMessage(handler: MessageHandler<M>): void;
}
