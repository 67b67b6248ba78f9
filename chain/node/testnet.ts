/**
 * A regional testnet in one process: every validator of a genesis whose key can be derived from
 * the testnet seed, each with its own LevelDB store, WAL and signer-state file under the data
 * directory, talking over the in-process network with real timers. Started again on the same data
 * directory it resumes where it stopped (stores, WALs and signer states are on disk).
 *
 * What the validators of one process share, because it is the same work: the verified-signature
 * cache (each vote is checked once, not 99 times), the execution memo (each block executes once),
 * one mempool (each tx admitted once) and one store, `<data>/shared`, for the records they all
 * hold alike (state nodes and values, blocks, results, tx index: written once per block).
 */
import fs from 'node:fs';
import path from 'node:path';
import { bytesEqual } from '../codec/bytes.ts';
import { ChainStore } from '../block/chain-store.ts';
import { SharedChainData } from '../block/shared-chain-data.ts';
import { ExecutionMemo } from '../execution/execution-memo.ts';
import type { Logger } from '../ports/logger.ts';
import { openLevelKvStore } from '../state/level-kv-store.ts';
import { cachingVerifier } from '../tx/caching-verifier.ts';
import { mainThreadVerifier, threadPoolVerifier } from '../tx/signature-verifier.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { testValidatorKeys } from '../../genesis/test-validator-keys.ts';
import { systemClock } from './adapters/system-clock.ts';
import { systemTimers } from './adapters/system-timers.ts';
import { FileSignerState } from './adapters/file-signer-state.ts';
import { openFileWal } from './adapters/file-wal.ts';
import { createNode, type NodeStatus, type RegionalNode } from './create-node.ts';
import type { CommittedBlock } from './driver.ts';
import { LocalNetwork } from './local-network.ts';
import type { NodeMessage } from './node-messages.ts';
import { regionModules } from './region-modules.ts';
import { openSigner } from './signer.ts';

export interface TestnetOptions {
  readonly genesis: Genesis;
  /** Seed the validator keys are derived from (the committed testnet's is TESTNET_SEED). */
  readonly seed: string;
  readonly dataDir: string;
  readonly logger: Logger;
}

export interface Testnet {
  readonly nodes: readonly RegionalNode[];
  /** Validators of the genesis that run here (by index), and those whose key could not be derived. */
  readonly running: readonly number[];
  readonly missing: readonly number[];
  /** Height of the stored chain when the testnet started (0 for a new data directory). */
  readonly startHeight: number;
  status(): NodeStatus;
  onCommit(listener: (c: CommittedBlock) => void): void;
  stop(): Promise<void>;
}

export async function startTestnet(o: TestnetOptions): Promise<Testnet> {
  const { genesis } = o;
  const running: number[] = [];
  const missing: number[] = [];
  genesis.validators.forEach((v, i) => {
    const keys = testValidatorKeys(o.seed, genesis.region, i + 1);
    (bytesEqual(keys.ed25519.publicKey, v.publicKey) ? running : missing).push(i);
  });
  if (running.length === 0) throw new Error(`no validator key of this genesis derives from the seed ${JSON.stringify(o.seed)}`);

  fs.mkdirSync(o.dataDir, { recursive: true });
  const net = new LocalNetwork<NodeMessage>(genesis.validators.length);
  const verifier = cachingVerifier(mainThreadVerifier());
  // Client txs are checked on the thread pool, in parallel with the main thread (votes stay on
  // the main thread: one at a time, a thread hop would only add latency).
  const txVerifier = verifier.through(threadPoolVerifier());
  const memo = new ExecutionMemo();
  const registry = regionModules(genesis);
  const timers = systemTimers();
  const clock = systemClock();
  const nodes: RegionalNode[] = [];
  const closers: Array<() => Promise<void>> = [];
  // One store for what every validator stores alike (state content, block records), written once
  // per block for all of them; each validator's own LevelDB keeps its tip, root and commits.
  const sharedKv = await openLevelKvStore(path.join(o.dataDir, 'shared'));
  const shared = new SharedChainData(sharedKv);
  for (const i of running) {
    const v = genesis.validators[i]!;
    const dir = path.join(o.dataDir, v.name);
    fs.mkdirSync(dir, { recursive: true });
    const kv = await openLevelKvStore(path.join(dir, 'db'), { maxOpenFiles: 50 });
    const wal = await openFileWal(path.join(dir, 'consensus.wal'), { logger: o.logger.child(v.name) });
    closers.push(() => wal.close(), () => kv.close());
    const signerState = new FileSignerState(path.join(dir, 'signer-state'));
    closers.push(() => signerState.close());
    const signer = await openSigner(testValidatorKeys(o.seed, genesis.region, i + 1).ed25519.secret, signerState);
    // The validators share the first one's mempool: each tx is admitted (decoded, run on the
    // pending state) once for the process, and in-process tx gossip costs nothing.
    const mempool = nodes[0]?.mempool;
    const store = await ChainStore.open(kv, { shared });
    const node = await createNode({ genesis, registry, store, verifier, txVerifier, memo, network: net.endpoint(i), timers, clock, wal, signer, logger: o.logger.child(v.name), ...(mempool !== undefined && { mempool }) });
    nodes.push(node);
  }
  const startHeight = nodes[0]!.store.tip().height;
  for (const node of nodes) await node.start();

  // The node with the highest tip speaks for the testnet (they agree; one may lag a block).
  const leader = (): RegionalNode => nodes.reduce((a, b) => (b.store.tip().height > a.store.tip().height ? b : a));
  return {
    nodes,
    running,
    missing,
    startHeight,
    status: () => leader().status(),
    onCommit(listener) {
      // Every validator commits each block; report it once, from the first validator running.
      nodes[0]!.driver.onCommit(listener);
    },
    async stop() {
      for (const [k, node] of nodes.entries()) {
        node.stop();
        net.detach(running[k]!);
      }
      // Let in-flight effects (a WAL append, a block being stored) finish before closing files.
      for (let spins = 0; spins < 1000 && nodes.some((n) => !n.driver.idle); spins++) await new Promise((r) => setTimeout(r, 5));
      for (const close of closers) await close();
      await sharedKv.close();
    },
  };
}
