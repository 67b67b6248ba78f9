/**
 * Block-sync benchmark: a chain of 10,000 empty blocks (4 validators, every block with its 3-of-4
 * commit) built once in a source LevelDB store, then a fresh LevelDB store synced from it with
 * BlockSyncer through storeBlockSource (serveRange reads and decodes the source's blocks, the
 * syncer verifies one commit per range of 256 and applies every block: execution, Merkle root,
 * one batch per block). Blocks/s from the first request to the last block stored; median of 3 runs
 * after one uncounted warm-up run, each into its own fresh store. Building the chain is not measured.
 *
 * `syncBench(source, ...)` is the reusable core: the same measurement over any BlockSource (the
 * libp2p transport included). BENCH_SYNC_BLOCKS=N changes the chain length.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChainStore } from '../../chain/block/chain-store.ts';
import type { BlockSource } from '../../chain/node/sync/block-source.ts';
import { BlockSyncer } from '../../chain/node/sync/block-syncer.ts';
import { storeBlockSource } from '../../chain/node/sync/store-block-source.ts';
import { SILENT_LOGGER } from '../../chain/ports/silent-logger.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { buildSyncChain, openSyncStore, syncChainContext, type SyncChainContext } from '../fixtures/synced-chain.ts';
import { median, report, say } from './harness.ts';
import { hostPair } from './sync-p2p.ts';

const BLOCKS = Number(process.env['BENCH_SYNC_BLOCKS'] ?? 10_000);
const RUNS = 3;

export interface SyncBenchOptions {
  readonly chain: SyncChainContext;
  /** A fresh store initialized from the chain's genesis, and how to dispose of it after its run. */
  readonly freshStore: () => Promise<{ readonly store: ChainStore; readonly dispose: () => Promise<void> }>;
  /** Height every run must reach (the source's tip). */
  readonly height: number;
  /** Measured runs after one uncounted warm-up (default 3). */
  readonly runs?: number;
  readonly rangeBlocks?: number;
}

export interface SyncBenchResult {
  /** Blocks/s of each measured run. */
  readonly rates: readonly number[];
  readonly median: number;
}

/** Syncs fresh stores from `source` (warm-up + runs), each to `height`; blocks/s per run. */
export async function syncBench(source: BlockSource, o: SyncBenchOptions): Promise<SyncBenchResult> {
  const rates: number[] = [];
  for (let run = -1; run < (o.runs ?? RUNS); run++) {
    const { store, dispose } = await o.freshStore();
    try {
      const syncer = new BlockSyncer({ store, ctx: o.chain.ctx, validators: o.chain.validators, source, logger: SILENT_LOGGER, ...(o.rangeBlocks === undefined ? {} : { rangeBlocks: o.rangeBlocks }) });
      const t0 = performance.now();
      const outcome = await syncer.syncTo();
      const ms = performance.now() - t0;
      if (outcome.to !== o.height) throw new Error(`sync reached ${outcome.to}, not ${o.height}`);
      const rate = (outcome.applied / ms) * 1000;
      say(`  ${run < 0 ? 'warm-up' : `run ${run + 1}`}: ${outcome.applied} blocks in ${ms.toFixed(0)} ms, ${rate.toFixed(0)} blocks/s`);
      if (run >= 0) rates.push(rate);
    } finally {
      await dispose();
    }
  }
  return { rates, median: median(rates) };
}

export async function runSyncBench(): Promise<void> {
  say(`sync: ${BLOCKS} empty blocks, 4 validators, from one LevelDB store to a fresh one per run, ${RUNS} runs after a warm-up`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-sync-'));
  const chain = syncChainContext();
  try {
    const t0 = performance.now();
    const sourceStore = await buildSyncChain({ blocks: BLOCKS, chain, kv: await openLevelKvStore(path.join(dir, 'source')) });
    say(`  built the source chain in ${((performance.now() - t0) / 1000).toFixed(1)} s (not measured)`);
    let n = 0;
    const freshStore = async () => {
      const where = path.join(dir, `target-${n++}`);
      const store = await openSyncStore(chain, await openLevelKvStore(where));
      return {
        store,
        dispose: async () => {
          await store.close();
          fs.rmSync(where, { recursive: true, force: true });
        },
      };
    };
    try {
      const { rates, median: m } = await syncBench(storeBlockSource([{ id: 'source', store: sourceStore }]), { chain, freshStore, height: BLOCKS });
      report(`sync.empty-blocks.${BLOCKS}.store-source`, m, 'blocks/s', `goal >= 1,000; min ${Math.round(Math.min(...rates))}, max ${Math.round(Math.max(...rates))}`);
      say('  the same over libp2p: two hosts on loopback TCP (noise, yamux), the blocks protocol');
      const pair = await hostPair(chain, sourceStore);
      try {
        const overTcp = await syncBench(pair.client.blockSource(), { chain, freshStore, height: BLOCKS });
        report(`sync.empty-blocks.${BLOCKS}.libp2p-tcp`, overTcp.median, 'blocks/s', `goal >= 1,000; min ${Math.round(Math.min(...overTcp.rates))}, max ${Math.round(Math.max(...overTcp.rates))}`);
      } finally {
        await pair.stop();
      }
    } finally {
      await sourceStore.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
