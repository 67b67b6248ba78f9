/**
 * The driver's dependencies (its ports) and what it tells listeners: committed blocks, and the
 * moments of a height for benchmarks and monitoring.
 */
import type { Block } from '../block/block.ts';
import type { ChainStore } from '../block/chain-store.ts';
import type { ChainContext } from '../execution/chain-context.ts';
import type { ExecutionMemo } from '../execution/execution-memo.ts';
import type { Commit } from '../consensus/messages.ts';
import type { ConsensusParams } from '../consensus/step-types.ts';
import type { Mempool } from '../mempool/mempool.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Network } from '../ports/network.ts';
import type { Signer } from '../ports/signer.ts';
import type { Timers } from '../ports/timers.ts';
import type { Wal } from '../ports/wal.ts';
import type { NodeMessage } from './node-messages.ts';

export interface DriverDeps {
  readonly ctx: ChainContext;
  readonly store: ChainStore;
  readonly params: ConsensusParams;
  readonly mempool: Mempool;
  readonly network: Network<NodeMessage>;
  readonly timers: Timers;
  readonly clock: Clock;
  readonly wal: Wal;
  /** null for a full node that follows without voting. */
  readonly signer: Signer | null;
  readonly memo: ExecutionMemo;
  readonly logger: Logger;
  /**
   * Block sync over a real network (chain/node/sync): when present, a node that finds itself
   * behind downloads and applies blocks with it, then resumes consensus at the new height, instead
   * of asking one peer for blocks with `sync-request` (the in-process path).
   */
  readonly syncer?: CatchUp;
}

/** What the driver needs of block sync: catch up with the peers, applying blocks to the node's store. */
export interface CatchUp {
  syncTo(): Promise<unknown>;
}

/** Moments of a height, for benchmarks and monitoring (times from the node's clock). */
export type DriverEvent =
  | { readonly kind: 'proposal-signed'; readonly height: number; readonly round: number; readonly at: number }
  | { readonly kind: 'decided'; readonly height: number; readonly round: number; readonly at: number };

export interface CommittedBlock {
  readonly height: number;
  readonly round: number;
  readonly hash: Uint8Array;
  readonly block: Block;
  readonly commit: Commit;
}

