/**
 * The node's stored chain: committed state (Merkle tree + values) and blocks, results, tx index
 * and tip, all in one KvStore. `commit` writes a block's state changes and its records in a
 * single batch, so after a crash the database holds either the whole block or none of it.
 *
 * With `shared` (the validators of one process, `tfr testnet`), the state's content and the block
 * records go to the process's shared store, once for all validators (shared-chain-data.ts), and
 * this store's KvStore keeps the validator's own records: its tip, state root, commits, genesis.
 */
import type { KvStore } from '../state/kv-store.ts';
import { StateStore, type PreparedState } from '../state/state-store.ts';
import { ChainError } from '../errors.ts';
import { BlockStore, type BlockRecords } from './block-store.ts';
import type { ChainTip } from './chain-tip.ts';
import type { SharedChainData } from './shared-chain-data.ts';

export interface ChainStoreOptions {
  /** The store shared by the validators of this process. */
  readonly shared?: SharedChainData;
}

export class ChainStore {
  private currentTip: ChainTip | undefined = undefined;
  readonly state: StateStore;
  readonly blocks: BlockStore;

  private constructor(
    readonly kv: KvStore,
    state: StateStore,
    private readonly shared: SharedChainData | undefined,
  ) {
    this.state = state;
    this.blocks = new BlockStore(kv, shared && { kv: shared.kv, tipHeight: () => this.currentTip?.height ?? -1 });
  }

  static async open(kv: KvStore, opts: ChainStoreOptions = {}): Promise<ChainStore> {
    const [state, tip] = await Promise.all([StateStore.open(kv, opts.shared === undefined ? {} : { content: opts.shared }), new BlockStore(kv).tip()]);
    const store = new ChainStore(kv, state, opts.shared);
    store.currentTip = tip;
    return store;
  }

  get initialized(): boolean {
    return this.currentTip !== undefined;
  }

  tip(): ChainTip {
    if (this.currentTip === undefined) throw new ChainError('EXEC_NOT_INITIALIZED', 'the chain has not been initialized from a genesis');
    return this.currentTip;
  }

  /**
   * Writes the prepared state and the block records (which include the new tip) in one batch; with
   * a shared store, the shared part first (once per process), then this store's own records.
   */
  async commit(prepared: PreparedState, records: BlockRecords, tip: ChainTip): Promise<void> {
    if (this.shared === undefined) {
      await this.state.commit(prepared, [...records.shared, ...records.own]);
    } else {
      await this.shared.writeBlock(tip.height, tip.hash, () => [...this.state.contentOps(prepared), ...records.shared]);
      await this.state.commit(prepared, records.own);
    }
    this.currentTip = tip;
  }

  close(): Promise<void> {
    return this.kv.close();
  }
}
