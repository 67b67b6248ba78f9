/**
 * A regional testnet in one process: every validator of a genesis whose key can be derived from
 * the testnet seed, each with its own LevelDB store, WAL and signer-state file under the data
 * directory, talking over the in-process network with real timers. Started again on the same data
 * directory it resumes where it stopped (stores, WALs and signer states are on disk).
 *
 * What the validators of one process share, because it is the same work: the verified-signature
 * cache (each vote is checked once, not 99 times), the execution memo (each block executes once),
 * one mempool (each tx admitted once) and one store, `<data>/shared`, for the records they all
 * hold alike (state nodes and values, blocks, results, tx index: written once per block). And one
 * anchor service (chain/node/anchor): at each anchor height the validators' BLS signatures go
 * straight to its collector, unverified and unsent, until the aggregate certificate is formed.
 */
import { bytesEqual } from '../codec/bytes.ts';
import type { Logger } from '../ports/logger.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { testValidatorKeys } from '../../genesis/test-validator-keys.ts';
import type { NodeStatus, RegionalNode } from './create-node.ts';
import type { CommittedBlock } from './driver.ts';
import { LocalNetwork } from './local-network.ts';
import type { NodeMessage } from './node-messages.ts';
import { openLocalValidators, type LocalValidatorKey } from './local-validators.ts';
import { NO_ANCHORS, type NodeAnchors } from './anchor/anchor-service.ts';

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
  /** Aggregate certificates the process formed (one collector serves every validator here; none on the Hub). */
  readonly anchors: NodeAnchors;
  status(): NodeStatus;
  onCommit(listener: (c: CommittedBlock) => void): void;
  stop(): Promise<void>;
}

export async function startTestnet(o: TestnetOptions): Promise<Testnet> {
  const { genesis } = o;
  const running: number[] = [];
  const missing: number[] = [];
  const keys: LocalValidatorKey[] = [];
  genesis.validators.forEach((v, i) => {
    const k = testValidatorKeys(o.seed, genesis.region, i + 1);
    if (!bytesEqual(k.ed25519.publicKey, v.publicKey)) return void missing.push(i);
    running.push(i);
    // A BLS key that is not the genesis one (a hand-edited genesis) only means no certificate signatures.
    keys.push({ index: i, secret: k.ed25519.secret, ...(bytesEqual(k.bls.publicKey, v.blsPublicKey) && { blsSecret: k.bls.secret }) });
  });
  if (running.length === 0) throw new Error(`no validator key of this genesis derives from the seed ${JSON.stringify(o.seed)}`);

  const net = new LocalNetwork<NodeMessage>(genesis.validators.length);
  // Every validator that runs is here: their certificate signatures go straight to the one collector.
  const local = await openLocalValidators({
    genesis,
    keys,
    dataDir: o.dataDir,
    network: (index) => net.endpoint(index),
    logger: o.logger,
    anchorPublish: 'none',
  });
  const nodes = local.nodes;
  const startHeight = nodes[0]!.store.tip().height;
  for (const node of nodes) await node.start();

  // The node with the highest tip speaks for the testnet (they agree; one may lag a block).
  const leader = (): RegionalNode => nodes.reduce((a, b) => (b.store.tip().height > a.store.tip().height ? b : a));
  return {
    nodes,
    running,
    missing,
    startHeight,
    anchors: local.anchors ?? NO_ANCHORS,
    status: () => leader().status(),
    onCommit(listener) {
      // Every validator commits each block; report it once, from the first validator running.
      nodes[0]!.driver.onCommit(listener);
    },
    async stop() {
      for (const index of running) net.detach(index);
      await local.close();
    },
  };
}
