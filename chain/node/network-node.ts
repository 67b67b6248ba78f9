/**
 * A node on the real network: the validators this process runs (one with `tfr node --key`, a
 * share of the genesis with `tfr testnet --processes`, none for a full node), one libp2p host for
 * all of them, block sync from the host's peers. Start order: stores, host, nodes; stop order the
 * reverse, the stores last, so a SIGTERM leaves WAL, signer state and LevelDB flushed and closed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PrivateKey } from '@libp2p/interface';
import { privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import { validatorSetFromGenesis } from '../block/validator-set.ts';
import { cachingVerifier } from '../tx/caching-verifier.ts';
import { mainThreadVerifier } from '../tx/signature-verifier.ts';
import type { Logger } from '../ports/logger.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import type { NodeStatus, RegionalNode } from './create-node.ts';
import type { CommittedBlock } from './driver.ts';
import { openLocalValidators, type LocalValidatorKey, type LocalValidators, type TxChecks } from './local-validators.ts';
import { NO_ANCHORS, type NodeAnchors } from './anchor/anchor-service.ts';
import type { AnchorCheckpoint } from './anchor/anchored-checkpoint.ts';
import { writeFileAtomic } from './adapters/write-file-atomic.ts';
import { HostNetwork } from './p2p/host-network.ts';
import { P2pHost } from './p2p/p2p-host.ts';
import { libp2pKeyOf, peerIdOfPublicKey, randomLibp2pKey } from './p2p/peer-key.ts';
import type { NetInfo } from './p2p/net-info.ts';
import { serveRange } from './sync/serve-range.ts';

export interface NetworkNodeOptions {
  readonly genesis: Genesis;
  /** Validators to run here; empty for a full node. */
  readonly keys: readonly LocalValidatorKey[];
  readonly dataDir: string;
  /** Listen multiaddrs (or HOST:PORT). */
  readonly listen: readonly string[];
  /** Peers to dial and keep dialing (multiaddrs or HOST:PORT). */
  readonly peers: readonly string[];
  readonly logger: Logger;
  /** Where tx signatures are checked (local-validators.ts); default the thread pool. */
  readonly txChecks?: TxChecks;
  /** A checkpoint block sync must not contradict (chain/node/anchor/anchored-checkpoint.ts). */
  readonly trustedCheckpoint?: AnchorCheckpoint;
}

export interface NetworkNode {
  readonly nodes: readonly RegionalNode[];
  readonly indices: readonly number[];
  readonly host: P2pHost;
  /** The node that speaks for the process (RPC, status): the first one. */
  readonly main: RegionalNode;
  /** Aggregate certificates the process formed (its validators' signatures and its peers'). */
  readonly anchors: NodeAnchors;
  status(): NodeStatus;
  net(): NetInfo;
  onCommit(listener: (c: CommittedBlock) => void): void;
  stop(): Promise<void>;
}

const FULL_NODE_KEY_FILE = 'p2p-key';

export async function startNetworkNode(o: NetworkNodeOptions): Promise<NetworkNode> {
  const { genesis } = o;
  fs.mkdirSync(o.dataDir, { recursive: true });
  const set = validatorSetFromGenesis(genesis);
  const first = o.keys[0];
  // A validator's peer id is its ed25519 key's; a full node keeps one key across restarts so its
  // peers' bans, scores and address books stay meaningful.
  const privateKey = first !== undefined ? libp2pKeyOf(first.secret) : await fullNodeKey(path.join(o.dataDir, FULL_NODE_KEY_FILE));
  const c = genesis.consensus;
  // One verified-signature cache for gossip validation and the nodes: a vote checked before it is
  // forwarded is not checked again by the driver.
  const verifier = cachingVerifier(mainThreadVerifier());
  let mainNode: RegionalNode | undefined;
  let local: LocalValidators | undefined;
  const host = await P2pHost.start({
    chainId: genesis.chainId,
    privateKey,
    listen: o.listen,
    peers: o.peers,
    validatorPeers: new Map(genesis.validators.map((v) => [peerIdOfPublicKey(v.publicKey), v.name])),
    validation: {
      chainId: genesis.chainId,
      validatorsHash: set.hash,
      validatorKeys: set.validators.map((v) => v.publicKey),
      verifier,
      maxTxBytes: c.maxTxBytes,
      maxBlockBytes: c.maxBlockBytes,
      maxBlockTxs: c.maxBlockTxs,
      // Certificate signatures are judged by the process's collector (ignored until it is open, and on the Hub).
      anchors: (m) => local?.anchors?.gossipCheck(m) ?? Promise.resolve({ verdict: 'ignore', reason: 'not collecting certificate signatures' }),
    },
    logger: o.logger.child('p2p'),
    tip: () => {
      const t = mainNode?.store.tip();
      return t === undefined ? { height: 0, hash: new Uint8Array(32) } : { height: t.height, hash: t.hash };
    },
    serveRange: (from, count) => (mainNode === undefined ? Promise.resolve({ blocks: [], commit: null }) : serveRange(mainNode.store, from, count)),
  });
  try {
    const net = new HostNetwork(host, genesis.validators.length);
    local = await openLocalValidators({ genesis, keys: o.keys, dataDir: o.dataDir, network: (i) => net.endpoint(i), logger: o.logger, blockSource: host.blockSource(), verifier, ...(o.txChecks !== undefined && { txChecks: o.txChecks }), ...(o.trustedCheckpoint !== undefined && { trustedCheckpoint: o.trustedCheckpoint }) });
  } catch (e) {
    await host.stop();
    throw e;
  }
  const opened = local;
  const nodes = opened.nodes;
  mainNode = nodes[0]!;
  host.onPeerAhead(() => {
    for (const n of nodes) n.driver.requestCatchUp();
  });
  for (const n of nodes) await n.start();
  return {
    nodes,
    indices: local.indices,
    host,
    main: mainNode,
    anchors: opened.anchors ?? NO_ANCHORS,
    status: () => mainNode.status(),
    net: () => host.info(nodes.some((n) => n.driver.syncing)),
    onCommit: (listener) => mainNode.driver.onCommit(listener),
    async stop() {
      await host.stop();
      await opened.close();
    },
  };
}

async function fullNodeKey(file: string): Promise<PrivateKey> {
  if (fs.existsSync(file)) return privateKeyFromProtobuf(fs.readFileSync(file));
  const key = await randomLibp2pKey();
  await writeFileAtomic(file, privateKeyToProtobuf(key));
  return key;
}
