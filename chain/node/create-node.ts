/**
 * `createNode(deps)`: one validator (or full node) from its ports. Nothing here opens files or
 * sockets: the caller passes the store, WAL, signer, network, timers and clock, so the same node
 * runs in the simulator (memory twins, manual time), in `tfr testnet` (99 in one process) and,
 * later, alone on a machine.
 */
import { toHex } from '../codec/bytes.ts';
import type { ChainStore } from '../block/chain-store.ts';
import { validatorSetFromGenesis, validatorIndex } from '../block/validator-set.ts';
import type { ChainContext } from '../execution/chain-context.ts';
import type { ExecutionMemo } from '../execution/execution-memo.ts';
import { initChain } from '../execution/init-chain.ts';
import type { ModuleRegistry } from '../execution/module-registry.ts';
import { Mempool } from '../mempool/mempool.ts';
import type { Clock } from '../ports/clock.ts';
import type { Logger } from '../ports/logger.ts';
import type { Network } from '../ports/network.ts';
import type { Signer } from '../ports/signer.ts';
import type { Timers } from '../ports/timers.ts';
import type { Wal } from '../ports/wal.ts';
import type { SignatureVerifier } from '../tx/signature-verifier.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { ConsensusDriver } from './driver.ts';
import { NO_ANCHORS, type AnchorService, type NodeAnchors } from './anchor/anchor-service.ts';
import { anchoredCheckpoint, type AnchorCheckpoint } from './anchor/anchored-checkpoint.ts';
import type { NodeMessage } from './node-messages.ts';
import type { BlockSource } from './sync/block-source.ts';
import { BlockSyncer } from './sync/block-syncer.ts';

/**
 * Txs a mempool holds by default (CometBFT's default size too). After every block each pending tx
 * is run again (`Mempool.update`), so an overloaded node with a pool of 20,000 spent seconds per
 * block rechecking and committed less and less (test/bench/network-throughput.bench.ts); a fuller
 * pool only lengthens the wait of what it holds, a client is better told MEMPOOL_FULL.
 */
export const DEFAULT_MEMPOOL_TXS = 5_000;

export interface NodeDeps {
  readonly genesis: Genesis;
  readonly registry: ModuleRegistry;
  readonly store: ChainStore;
  /** Shared by the nodes of a process (a verified-signature cache). */
  readonly verifier: SignatureVerifier;
  /**
   * Checks the signatures of txs the mempool admits (default `verifier`): `tfr testnet` sends them
   * to the thread pool through the same cache, so block execution finds them verified.
   */
  readonly txVerifier?: SignatureVerifier;
  /** Shared by the nodes of a process. */
  readonly memo: ExecutionMemo;
  readonly network: Network<NodeMessage>;
  readonly timers: Timers;
  readonly clock: Clock;
  readonly wal: Wal;
  readonly signer: Signer | null;
  readonly logger: Logger;
  readonly mempoolLimits?: { readonly maxTxs: number; readonly maxBytes: number };
  /**
   * A mempool shared with other validators of the process (`tfr testnet`), instead of one of its
   * own: the same txs checked once, not once per validator (see chain/mempool/README.md).
   */
  readonly mempool?: Mempool;
  /** Where block sync downloads blocks (a real network's peers); without it, the in-process `sync-request` path. */
  readonly blockSource?: BlockSource;
  /**
   * Anchoring (chain/node/anchor): the process's service, and this validator's BLS secret when it
   * signs certificates. Without it the node neither signs nor collects (`anchors` is empty).
   */
  readonly anchors?: { readonly service: AnchorService; readonly blsSecret?: Uint8Array };
  /**
   * A checkpoint block sync must not contradict, besides the Hub receipt in the node's state
   * (chain/node/anchor/anchored-checkpoint.ts): for a fresh node told where the anchored chain is.
   */
  readonly trustedCheckpoint?: AnchorCheckpoint;
}

export interface NodeStatus {
  readonly chainId: string;
  readonly region: string;
  readonly height: number;
  readonly latestBlockHash: string;
  readonly latestBlockTime: string;
  readonly stateRoot: string;
  readonly validators: number;
  readonly round: number;
}

export interface RegionalNode {
  readonly driver: ConsensusDriver;
  readonly mempool: Mempool;
  readonly store: ChainStore;
  readonly ctx: ChainContext;
  readonly ownIndex: number | null;
  /** Aggregate certificates the node's process formed (empty without `NodeDeps.anchors`). */
  readonly anchors: NodeAnchors;
  start(): Promise<void>;
  stop(): void;
  status(): NodeStatus;
}

export async function createNode(deps: NodeDeps): Promise<RegionalNode> {
  const { genesis, registry, store, verifier } = deps;
  await initChain(store, genesis, registry);
  const set = validatorSetFromGenesis(genesis);
  const c = genesis.consensus;
  const ctx: ChainContext = {
    chainId: genesis.chainId,
    validatorsHash: set.hash,
    registry,
    verifier,
    limits: { maxTxBytes: c.maxTxBytes, maxBlockTxs: c.maxBlockTxs, maxBlockBytes: c.maxBlockBytes },
  };
  const index = deps.signer === null ? -1 : validatorIndex(set, deps.signer.publicKey);
  const ownIndex = index < 0 ? null : index;
  const tip = store.tip();
  const mempool = deps.mempool ?? new Mempool(
    { chainId: ctx.chainId, registry, verifier: deps.txVerifier ?? verifier, maxTxBytes: c.maxTxBytes, maxTxs: deps.mempoolLimits?.maxTxs ?? DEFAULT_MEMPOOL_TXS, maxBytes: deps.mempoolLimits?.maxBytes ?? 64 * 1024 * 1024 },
    { state: store.state, nextHeight: tip.height + 1, time: tip.time },
  );
  const anchoring = deps.anchors;
  // Anchor signatures go to the process's service, not the driver; it signs after commits.
  const network = anchoring === undefined ? deps.network : anchoring.service.attach(deps.network, tip.height);
  if (anchoring?.blsSecret !== undefined && ownIndex !== null) anchoring.service.addSigner(ownIndex, anchoring.blsSecret);
  let driverRef: ConsensusDriver | undefined;
  const driver = new ConsensusDriver({
    ctx,
    store,
    params: { validators: set.validators.map((v) => ({ publicKey: v.publicKey, power: v.power })), ownIndex, timeouts: c.timeouts },
    mempool,
    network,
    timers: deps.timers,
    clock: deps.clock,
    wal: deps.wal,
    signer: ownIndex === null ? null : deps.signer,
    memo: deps.memo,
    logger: deps.logger,
    ...(deps.blockSource !== undefined && {
      syncer: new BlockSyncer({
        store,
        ctx,
        validators: set.validators.map((v) => ({ publicKey: v.publicKey, power: v.power })),
        memo: deps.memo,
        source: deps.blockSource,
        logger: deps.logger.child('sync'),
        onProgress: (_height, block) => driverRef?.noteSyncedBlock(block),
        checkpoint: anchoredCheckpoint(store, deps.trustedCheckpoint),
      }),
    }),
  });
  driverRef = driver;
  if (anchoring !== undefined) driver.onCommit((c) => anchoring.service.committed(c));
  return {
    driver,
    mempool,
    store,
    ctx,
    ownIndex,
    anchors: anchoring?.service ?? NO_ANCHORS,
    start: () => driver.start(),
    stop: () => driver.stop(),
    status() {
      const t = store.tip();
      return {
        chainId: genesis.chainId,
        region: genesis.region,
        height: t.height,
        latestBlockHash: toHex(t.hash),
        latestBlockTime: new Date(t.time).toISOString(),
        stateRoot: toHex(store.state.root()),
        validators: set.validators.length,
        round: driver.round,
      };
    },
  };
}
