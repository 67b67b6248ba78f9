/**
 * What the RPC server needs from a node: a narrow port, so the server can be built over a
 * validator of `tfr testnet`, a lone `tfr node` later, or a test double. `rpcNodeOf` adapts a
 * `RegionalNode`.
 */
import type { ChainStore } from '../../chain/block/chain-store.ts';
import type { StateReader } from '../../chain/execution/state-access.ts';
import type { NodeStatus, RegionalNode } from '../../chain/node/create-node.ts';
import type { CommittedBlock } from '../../chain/node/driver.ts';
import type { DecodedTx } from '../../chain/tx/transaction.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import type { AnchorCollectorView } from './anchor-port.ts';

export interface RpcNode {
  readonly genesis: Genesis;
  /** Blocks, results, the tx index and the committed state (read only). */
  readonly store: ChainStore;
  status(): NodeStatus;
  /** Admits a signed tx to the mempool and gossips it; throws the ChainError that says why not. */
  submitTx(bytes: Uint8Array): Promise<Uint8Array>;
  mempoolSize(): number;
  pendingTx(hash: Uint8Array): DecodedTx | undefined;
  /** Committed state plus the pending txs (the next nonce of a sender). */
  pendingState(): StateReader;
  /** Called once per committed block (after it is stored); returns an unsubscribe function. */
  onCommit(listener: (c: CommittedBlock) => void): () => void;
  /** Connected peers (validators reachable on the network). */
  peers(): number;
  /** The aggregate certificates this node's process formed (GET /anchors); none on the Hub or without anchoring. */
  readonly anchors?: AnchorCollectorView;
}

export function rpcNodeOf(node: RegionalNode, genesis: Genesis, peers: () => number): RpcNode {
  const listeners = new Set<(c: CommittedBlock) => void>();
  node.driver.onCommit((c) => {
    for (const l of listeners) l(c);
  });
  return {
    genesis,
    store: node.store,
    status: () => node.status(),
    submitTx: (bytes) => node.driver.submitTx(bytes),
    mempoolSize: () => node.mempool.size,
    pendingTx: (hash) => node.mempool.pending(hash),
    pendingState: () => node.mempool.pendingState(),
    onCommit(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    peers,
    anchors: node.anchors,
  };
}
