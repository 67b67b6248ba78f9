/**
 * Executes a block once per process: keyed by (parent state root, block hash), the first caller
 * runs `executeBlock` and prepares the new state, and every other validator of the process gets
 * the same result (a prepared state can be committed by any store at the same root). Failures are
 * remembered too, so 99 validators do not re-execute an invalid block 99 times. Bounded FIFO.
 */
import { BoundedCache } from '../bounded-cache.ts';
import { toHex } from '../codec/bytes.ts';
import type { Block } from '../block/block.ts';
import { blockHash } from '../block/block-codec.ts';
import type { PreparedState, StateStore } from '../state/state-store.ts';
import type { ExecutedBlock, ExecutionDeps } from './execute-block.ts';
import { executeBlock } from './execute-block.ts';

export interface MemoizedExecution {
  readonly executed: ExecutedBlock;
  readonly prepared: PreparedState;
}

export class ExecutionMemo {
  private readonly runs: BoundedCache<string, Promise<MemoizedExecution>>;
  hits = 0;
  misses = 0;

  constructor(capacity = 64) {
    this.runs = new BoundedCache(capacity);
  }

  run(deps: ExecutionDeps, state: StateStore, block: Block): Promise<MemoizedExecution> {
    const key = toHex(state.root()) + toHex(blockHash(block.header));
    const known = this.runs.get(key);
    if (known !== undefined) {
      this.hits++;
      return known;
    }
    this.misses++;
    const h = block.header;
    const run = (async () => {
      const executed = await executeBlock(deps, state, { chainId: h.chainId, height: h.height, time: h.time }, block.txs);
      return { executed, prepared: await state.prepare(executed.changes) };
    })();
    this.runs.set(key, run);
    return run;
  }
}
