/**
 * The node's stored chain: committed state (Merkle tree + flat values) and blocks, results, tx
 * index and tip, all in one KvStore. `commit` writes a block's state changes and its records in a
 * single batch, so after a crash the database holds either the whole block or none of it.
 */
import type { KvOp, KvStore } from '../state/kv-store.ts';
import { StateStore, type PreparedState } from '../state/state-store.ts';
import { ChainError } from '../errors.ts';
import { BlockStore } from './block-store.ts';
import type { ChainTip } from './chain-tip.ts';

export class ChainStore {
  private constructor(
    readonly kv: KvStore,
    readonly state: StateStore,
    readonly blocks: BlockStore,
    private currentTip: ChainTip | undefined,
  ) {}

  static async open(kv: KvStore): Promise<ChainStore> {
    const blocks = new BlockStore(kv);
    const [state, tip] = await Promise.all([StateStore.open(kv), blocks.tip()]);
    return new ChainStore(kv, state, blocks, tip);
  }

  get initialized(): boolean {
    return this.currentTip !== undefined;
  }

  tip(): ChainTip {
    if (this.currentTip === undefined) throw new ChainError('EXEC_NOT_INITIALIZED', 'the chain has not been initialized from a genesis');
    return this.currentTip;
  }

  /** Writes the prepared state and the block records (which include the new tip) in one batch. */
  async commit(prepared: PreparedState, records: readonly KvOp[], tip: ChainTip): Promise<void> {
    await this.state.commit(prepared, records);
    this.currentTip = tip;
  }

  close(): Promise<void> {
    return this.kv.close();
  }
}
