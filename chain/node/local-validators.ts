/**
 * The validators one process runs (all 99 of `tfr testnet`, a share of them per process with
 * `--processes`, one with `tfr node --key`, or none: a full node), opened from a data directory:
 * each with its own LevelDB (`<data>/<name>/db`: tip, root, commits), WAL and signer-state file,
 * and one store they share for what they hold alike (`<data>/shared`: state content, block
 * records), plus the process-wide verified-signature cache, execution memo and mempool. The
 * network is the caller's (the in-process LocalNetwork or a libp2p HostNetwork).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ChainStore } from '../block/chain-store.ts';
import { SharedChainData } from '../block/shared-chain-data.ts';
import { ExecutionMemo } from '../execution/execution-memo.ts';
import type { Logger } from '../ports/logger.ts';
import type { Network } from '../ports/network.ts';
import { openLevelKvStore } from '../state/level-kv-store.ts';
import { cachingVerifier } from '../tx/caching-verifier.ts';
import { mainThreadVerifier, threadPoolVerifier } from '../tx/signature-verifier.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { systemClock } from './adapters/system-clock.ts';
import { systemTimers } from './adapters/system-timers.ts';
import { FileSignerState } from './adapters/file-signer-state.ts';
import { openFileWal } from './adapters/file-wal.ts';
import { createNode, type RegionalNode } from './create-node.ts';
import type { NodeMessage } from './node-messages.ts';
import { regionModules } from './region-modules.ts';
import { openSigner } from './signer.ts';
import type { BlockSource } from './sync/block-source.ts';
import type { CachingVerifier } from '../tx/caching-verifier.ts';
import { AnchorService } from './anchor/anchor-service.ts';
import { anchorSectionOf } from '../anchor/hub-anchor-module.ts';
import type { AnchorCheckpoint } from './anchor/anchored-checkpoint.ts';

export type TxChecks = 'thread-pool' | 'main-thread';

/** A validator to run here: its index in the genesis, its ed25519 secret and its BLS secret (to sign certificates). */
export interface LocalValidatorKey {
  readonly index: number;
  readonly secret: Uint8Array;
  /** Must be the secret of the genesis `blsPublicKey` (CRYPTO_BAD_KEY otherwise); without it the validator does not sign certificates. */
  readonly blsSecret?: Uint8Array;
}

export interface LocalValidatorsOptions {
  readonly genesis: Genesis;
  /** Empty: one non-validating full node. */
  readonly keys: readonly LocalValidatorKey[];
  readonly dataDir: string;
  /** The network port of the validator with this index (-1 for the full node). */
  network(index: number): Network<NodeMessage>;
  readonly logger: Logger;
  /** Block sync source for nodes on a real network (none in the in-process testnet). */
  readonly blockSource?: BlockSource;
  /** The process's verified-signature cache, when the caller shares it (the libp2p gossip validator). */
  readonly verifier?: CachingVerifier;
  /**
   * Where the signatures of txs entering the mempool are checked: on libuv's thread pool (the
   * default: beside the main thread's work), or on the main thread, for a node whose machine has
   * no idle core (several node processes on one machine), where the pool's hand-offs add CPU and
   * latency and its threads compete with the main thread anyway.
   */
  readonly txChecks?: TxChecks;
  /**
   * Whether the process sends its validators' certificate signatures to peers ('peers', the
   * default) or every validator runs here ('none', the in-process testnet).
   */
  readonly anchorPublish?: 'peers' | 'none';
  /** Where certificate signatures are made (default: a worker thread when more than one validator here signs). */
  readonly anchorSignOn?: 'inline' | 'worker';
  /** A checkpoint block sync must not contradict (a fresh node told where the anchored chain is). */
  readonly trustedCheckpoint?: AnchorCheckpoint;
}

export interface LocalValidators {
  readonly nodes: readonly RegionalNode[];
  /** Genesis index of each node (-1 for a full node). */
  readonly indices: readonly number[];
  readonly verifier: CachingVerifier;
  /**
   * The process's anchoring: signatures, collector, aggregates (stored in `<data>/shared`).
   * Undefined on the Hub (a genesis with an `anchor` section): it anchors nowhere.
   */
  readonly anchors: AnchorService | undefined;
  /** Stops the nodes, waits for their in-flight effects, closes every file. */
  close(): Promise<void>;
}

const FULL_NODE_DIR = 'full-node';
/** Tx signature checks on the thread pool at once (per process): a few per thread. */
const TX_CHECKS_IN_FLIGHT = 8;

export async function openLocalValidators(o: LocalValidatorsOptions): Promise<LocalValidators> {
  const { genesis } = o;
  fs.mkdirSync(o.dataDir, { recursive: true });
  const verifier = o.verifier ?? cachingVerifier(mainThreadVerifier());
  // Client txs are checked on the thread pool, in parallel with the main thread (votes stay on
  // the main thread: one at a time, a thread hop would only add latency); a few at a time, so the
  // WAL's and LevelDB's requests to the pool do not queue behind a flood of gossiped txs. Or on
  // the main thread with `txChecks` (no idle core).
  const txVerifier = o.txChecks === 'main-thread' ? verifier : verifier.through(threadPoolVerifier(undefined, TX_CHECKS_IN_FLIGHT));
  const memo = new ExecutionMemo();
  const registry = regionModules(genesis);
  const timers = systemTimers();
  const clock = systemClock();
  const nodes: RegionalNode[] = [];
  const closers: Array<() => Promise<void>> = [];
  const sharedKv = await openLevelKvStore(path.join(o.dataDir, 'shared'));
  const shared = new SharedChainData(sharedKv);
  const entries = o.keys.length > 0 ? o.keys : [null];
  let anchors: AnchorService | undefined;
  try {
    // Several validators' signatures (67 a certificate in `tfr testnet`) are made on a worker thread.
    const signOn = o.anchorSignOn ?? (o.keys.filter((k) => k.blsSecret !== undefined).length > 1 ? 'worker' : 'inline');
    if (anchorSectionOf(genesis) === undefined) {
      anchors = await AnchorService.open({ genesis, kv: sharedKv, timers, logger: o.logger.child('anchor'), publish: o.anchorPublish ?? 'peers', signOn });
    }
    for (const key of entries) {
      const index = key === null ? -1 : key.index;
      const name = key === null ? FULL_NODE_DIR : genesis.validators[index]!.name;
      const dir = path.join(o.dataDir, name);
      fs.mkdirSync(dir, { recursive: true });
      const logger = o.logger.child(name);
      const kv = await openLevelKvStore(path.join(dir, 'db'), { maxOpenFiles: 50 });
      closers.push(() => kv.close());
      const wal = await openFileWal(path.join(dir, 'consensus.wal'), { logger });
      closers.push(() => wal.close());
      let signer = null;
      if (key !== null) {
        const signerState = new FileSignerState(path.join(dir, 'signer-state'));
        closers.push(() => signerState.close());
        signer = await openSigner(key.secret, signerState);
      }
      // The validators share the first one's mempool: each tx is admitted (decoded, run on the
      // pending state) once for the process, and in-process tx gossip costs nothing.
      const mempool = nodes[0]?.mempool;
      const store = await ChainStore.open(kv, { shared });
      const node = await createNode({
        genesis,
        registry,
        store,
        verifier,
        txVerifier,
        memo,
        network: o.network(index),
        timers,
        clock,
        wal,
        signer,
        logger,
        ...(mempool !== undefined && { mempool }),
        ...(o.blockSource !== undefined && { blockSource: o.blockSource }),
        ...(anchors !== undefined && { anchors: { service: anchors, ...(key?.blsSecret !== undefined && { blsSecret: key.blsSecret }) } }),
        ...(o.trustedCheckpoint !== undefined && { trustedCheckpoint: o.trustedCheckpoint }),
      });
      nodes.push(node);
    }
  } catch (e) {
    await anchors?.close();
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await sharedKv.close();
    throw e;
  }
  const service = anchors;
  return {
    nodes,
    indices: entries.map((k) => (k === null ? -1 : k.index)),
    verifier,
    anchors: service,
    async close() {
      await service?.close();
      for (const node of nodes) node.stop();
      // Let in-flight effects (a WAL append, a block being stored) finish before closing files.
      for (let spins = 0; spins < 1000 && nodes.some((n) => !n.driver.idle); spins++) await new Promise((r) => setTimeout(r, 5));
      for (const close of closers) await close();
      await sharedKv.close();
    },
  };
}
