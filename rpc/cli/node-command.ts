/**
 * `tfr node`: one validator (with `--key`) or a non-validating full node (without), on the real
 * network: libp2p on `--p2p`, dialing `--peers`, serving the RPC on `--rpc`, block-syncing when
 * behind. SIGTERM or Ctrl-C stops it cleanly (RPC closed, network stopped, WAL, signer state and
 * LevelDB flushed and closed, log lines flushed); a second signal forces exit.
 *
 * With `--hub-rpc URL` (a region's node) it reads the region's anchored checkpoint from the Hub
 * at start, proven by the Hub's commit and a Merkle proof (rpc/cli/hub-checkpoint.ts), and block
 * sync refuses any chain that contradicts it (`--trusted-checkpoint HEIGHT:BLOCKHASH` gives one
 * offline); with `--relayer-key K` as well it runs the relayer between
 * its own RPC and the Hub (rpc/cli/node-hub.ts), stopped with the rest.
 *
 * `tfr testnet --processes N` starts N of these with the hidden `--test-validators FROM-TO` and
 * `--seed`: a share of the genesis's test validators per process. The hidden `--test-hooks` makes
 * SIGUSR2 toggle the node's network isolation (P2pHost.setIsolated), for fault campaigns.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { blockHash } from '../../chain/block/block-codec.ts';
import { bytesEqual, toHex } from '../../chain/codec/bytes.ts';
import { ChainError } from '../../chain/errors.ts';
import type { AnchorCheckpoint } from '../../chain/node/anchor/anchored-checkpoint.ts';
import { blsPublicKey } from '../../chain/crypto/bls.ts';
import type { LocalValidatorKey, TxChecks } from '../../chain/node/local-validators.ts';
import { startNetworkNode, type NetworkNode } from '../../chain/node/network-node.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { TESTNET_SEED } from '../../genesis/test-accounts.ts';
import { testValidatorKeys } from '../../genesis/test-validator-keys.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { buildServer } from '../server/build-server.ts';
import { rpcNodeOf } from '../server/rpc-node.ts';
import { CliError } from './cli-errors.ts';
import { readTextFile, resolvePath } from './cli-files.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { cliGenesisSections } from './genesis-sections.ts';
import { decodeKeyFile } from './key-file.ts';
import { addLogOptions, createCliLogger, type LogFlags } from './log-options.ts';
import { hostPort } from './host-port.ts';
import { keySourceNote } from './key-resolve.ts';
import { hubCheckpoint } from './hub-checkpoint.ts';
import { checkpointText, cliClient, nodeHubPlan, ownRpcUrl, relayerAccounts, startNodeRelayer, type NodeHubFlags, type NodeRelayer } from './node-hub.ts';
import { startUptimeAgent } from './uptime-agent.ts';

interface NodeFlags extends LogFlags, NodeHubFlags {
  genesis: string;
  key?: string;
  data?: string;
  p2p: string;
  peers?: string;
  rpc: string;
  untilHeight?: number;
  testValidators?: string;
  seed: string;
  uptime: boolean;
  testHooks: boolean;
  txChecks: TxChecks;
}

export function registerNodeCommand(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('node')
    .description('run one validator (--key) or a full node (no --key) on the peer-to-peer network')
    .option('--genesis <file>', 'genesis file', 'genesis/testnet.json')
    .option('--key <file>', "the validator's key file ({name, publicKey, secretKey, blsSecret}); without it a full node")
    .option('--data <dir>', 'data directory (default .tfr/<chain id>/node)')
    .option('--p2p <address>', 'peer-to-peer listen address: HOST:PORT or a multiaddr', '0.0.0.0:26656')
    .option('--peers <addresses>', 'comma-separated peers to dial: multiaddrs (/ip4/1.2.3.4/tcp/26656/p2p/12D3...) or HOST:PORT')
    .option('--rpc <host:port>', 'RPC address', '127.0.0.1:26657')
    .option('--until-height <n>', 'stop by itself once this height is committed', integerOption(1, Number.MAX_SAFE_INTEGER))
    .option('--hub-rpc <url>', "the Hub's RPC URL (a region's node): its record of this region's last anchored certificate is read at start, proven against the Hub validators of the genesis's \"hub\" section, and block sync refuses any chain that contradicts it")
    .option('--trusted-checkpoint <height:blockhash>', 'a block hash at a height that block sync must not contradict (offline; the Hub is then not asked)')
    .option('--relayer-key <name|file>', 'run the relayer between this node and the Hub (--hub-rpc) with this key; its account pays fees on both chains')
    .option('--release-withdrawals', "the built-in relayer also releases anchored withdrawals on the Hub");
  addLogOptions(cmd, { level: 'info', format: 'json' });
  // For `tfr testnet --processes`: test validators derived from the seed, and their farms' uptime.
  cmd.option('--test-validators <from-to>', 'run the test validators FROM..TO (1-based) derived from --seed').option('--seed <seed>', 'testnet seed', TESTNET_SEED).option('--uptime', 'report uptime for the test nodes', false);
  // For fault campaigns (test/scenarios/network-campaign.test.ts), hidden: SIGUSR2 toggles the
  // network isolation of the node (every connection hung up and refused, as if its cable were pulled).
  cmd.addOption(new Option('--test-hooks', 'SIGUSR2 toggles network isolation (tests only)').default(false).hideHelp());
  // For several node processes on one machine (test/bench/network-throughput.bench.ts), hidden:
  // tx signatures checked on the main thread, since no core is idle for libuv's thread pool.
  cmd.addOption(new Option('--tx-checks <where>', 'where tx signatures are checked').choices(['thread-pool', 'main-thread']).default('thread-pool').hideHelp());
  cmd.action(async (flags: NodeFlags) => run(flags, ctx));
}

async function run(flags: NodeFlags, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  const rpc = hostPort('--rpc', flags.rpc);
  const genesis = parseGenesis(readTextFile(resolvePath(io, flags.genesis)), { sections: cliGenesisSections() });
  const keys = validatorKeys(flags, genesis, io.cwd);
  const hubPlan = nodeHubPlan(ctx, flags, genesis);
  const dataDir = resolvePath(io, flags.data ?? path.join('.tfr', genesis.chainId, 'node'));
  const { logger, flush } = createCliLogger(io, flags);
  const peers = (flags.peers ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (hubPlan.relayerKey !== undefined) {
    const note = keySourceNote(hubPlan.relayerKey);
    if (note !== undefined) io.err(note);
  }

  // The anchored checkpoint, before anything opens: given, or the Hub's (a Hub that cannot be read stops the start).
  let checkpoint = hubPlan.trusted;
  let checkpointLine = checkpoint === undefined ? undefined : `${checkpointText(checkpoint)} (--trusted-checkpoint)`;
  const hubClient = hubPlan.hubUrl === undefined ? undefined : cliClient(ctx, hubPlan.hubUrl);
  if (checkpoint === undefined && hubClient !== undefined) {
    const fromHub = await hubCheckpoint(hubClient, genesis);
    checkpoint = fromHub.checkpoint;
    const proof = fromHub.provenAt === undefined ? 'NOT proven: the genesis has no "hub" section naming the Hub\'s validators' : `proven at Hub height ${fromHub.provenAt}`;
    checkpointLine =
      (fromHub.checkpoint === undefined
        ? `none: Hub ${fromHub.hubChainId} has anchored nothing of ${genesis.chainId} yet (${proof})`
        : `${checkpointText(fromHub.checkpoint)} (anchored on Hub ${fromHub.hubChainId}, ${proof})`) + (fromHub.frozen ? '; the Hub holds fork evidence against this region, its bridge is frozen' : '');
    if (fromHub.provenAt === undefined) logger.warn('the Hub\'s checkpoint is taken unproven: the genesis has no "hub" section with the Hub\'s validators to check its proof against', { hub: fromHub.hubChainId });
    if (fromHub.frozen) logger.warn('the Hub holds fork evidence against this region: its bridge is frozen', { hub: fromHub.hubChainId });
  }
  if (checkpointLine !== undefined) logger.info(`anchored checkpoint: ${checkpointLine}`, checkpoint === undefined ? {} : { height: checkpoint.height });

  const node = await startNetworkNode({ genesis, keys, dataDir, listen: [flags.p2p], peers, logger, txChecks: flags.txChecks, ...(checkpoint !== undefined && { trustedCheckpoint: checkpoint }) });
  // Block sync guards what comes in; the chain already in --data must agree too.
  const contradiction = checkpoint === undefined ? undefined : await storedContradiction(node, checkpoint);
  if (contradiction !== undefined) {
    await node.stop();
    await flush();
    throw new ChainError('SYNC_BELOW_ANCHOR', `the chain in ${dataDir} contradicts the anchored checkpoint: ${contradiction}; start from an empty --data`, { height: checkpoint!.height });
  }
  const server = buildServer({ node: rpcNodeOf(node.main, genesis, () => node.host.connectedPeers()), net: { info: () => node.net() } });
  const address = await server.listen({ host: rpc.host, port: rpc.port });
  const role = keys.length === 0 ? 'full node' : keys.map((k) => genesis.validators[k.index]!.name).join(', ');
  io.out(`node ${genesis.chainId} (${role}) at height ${node.status().height}\n`);
  io.out(`  peer id     ${node.host.peerId}\n`);
  for (const a of node.host.addresses) io.out(`  p2p         ${a}\n`);
  io.out(`  rpc         ${address}\n`);
  io.out(`  data        ${dataDir}\n`);
  if (checkpointLine !== undefined) io.out(`  checkpoint  ${checkpointLine}\n`);
  let relayer: NodeRelayer | undefined;
  if (hubPlan.relayerKey !== undefined && hubClient !== undefined) {
    const listening = server.server.address();
    const port = typeof listening === 'object' && listening !== null ? listening.port : rpc.port;
    const own = cliClient(ctx, ownRpcUrl(rpc.host, port));
    for (const line of await relayerAccounts([own, hubClient], hubPlan.relayerKey)) io.out(`  relayer     ${line}\n`);
    relayer = startNodeRelayer({ region: own, hub: hubClient, key: hubPlan.relayerKey, logger, releaseWithdrawals: hubPlan.releaseWithdrawals, dataDir });
  }
  const agent = flags.uptime
    ? await startUptimeAgent({
        genesis,
        seed: flags.seed,
        pendingState: () => node.main.mempool.pendingState(),
        height: () => node.status().height,
        submitTx: (bytes) => node.main.driver.submitTx(bytes),
      })
    : undefined;
  io.out('ready\n');

  let lastTime = Date.now();
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  node.onCommit((c) => {
    const now = Date.now();
    io.out(`height ${c.height}  round ${c.round}  block time ${((now - lastTime) / 1000).toFixed(2)} s  signers ${c.commit.signatures.length}/${genesis.validators.length}  txs ${c.block.txs.length}  peers ${node.host.connectedPeers()}\n`);
    lastTime = now;
    if (flags.untilHeight !== undefined && c.height >= flags.untilHeight) done();
  });
  let stopping = false;
  const onSignal = (): void => {
    if (stopping) process.exit(130); // a second signal: do not wait
    stopping = true;
    done();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let isolated = false;
  const onIsolate = (): void => {
    isolated = !isolated;
    io.out(`test hook: ${isolated ? 'isolated from' : 'reconnected to'} the network\n`);
    void node.host.setIsolated(isolated);
  };
  if (flags.testHooks) process.on('SIGUSR2', onIsolate);
  await finished;
  process.off('SIGUSR2', onIsolate);
  io.out(`stopping at height ${node.status().height}...\n`);
  agent?.stop();
  await relayer?.stop();
  await server.close();
  await node.stop();
  await flush();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  io.out('stopped cleanly\n');
}

/** How the node's stored chain differs from the checkpoint (undefined: it holds the anchored block, or is not that high yet). */
async function storedContradiction(node: NetworkNode, checkpoint: AnchorCheckpoint): Promise<string | undefined> {
  const store = node.main.store;
  if (!store.initialized || store.tip().height < checkpoint.height) return undefined;
  const block = await store.blocks.block(checkpoint.height);
  if (block === undefined) return undefined;
  const hash = blockHash(block.header);
  return bytesEqual(hash, checkpoint.blockHash) ? undefined : `its block ${checkpoint.height} is ${toHex(hash)}, anchored ${toHex(checkpoint.blockHash)}`;
}

/** The validators to run: from --key, from --test-validators, or none (a full node). */
function validatorKeys(flags: NodeFlags, genesis: Genesis, cwd: string): LocalValidatorKey[] {
  if (flags.key !== undefined && flags.testValidators !== undefined) throw new CliError('CLI_USAGE', '--key and --test-validators exclude each other');
  if (flags.key !== undefined) {
    const file = path.resolve(cwd, flags.key);
    const key = decodeKeyFile(readTextFile(file), file);
    const index = genesis.validators.findIndex((v) => bytesEqual(v.publicKey, key.publicKey));
    if (index < 0) throw new CliError('CLI_USAGE', `the key in ${flags.key} is not a validator of ${genesis.chainId} (run without --key for a full node)`);
    const v = genesis.validators[index]!;
    // A validator signs anchor certificates with its BLS key: a missing or wrong one is caught here, not at the first anchor height.
    if (key.blsSecret === undefined) {
      throw new CliError('CLI_BAD_KEY_FILE', `${flags.key}: no "blsSecret": ${v.name} signs anchor certificates with the BLS key of its genesis blsPublicKey (add "blsSecret": "<64 hex>" to the key file)`);
    }
    if (!bytesEqual(blsPublicKey(key.blsSecret), v.blsPublicKey)) {
      throw new CliError('CLI_BAD_KEY_FILE', `${flags.key}: "blsSecret" is not the key of ${v.name}'s genesis blsPublicKey`);
    }
    return [{ index, secret: key.secretKey, blsSecret: key.blsSecret }];
  }
  if (flags.testValidators === undefined) return [];
  const m = /^(\d+)-(\d+)$/.exec(flags.testValidators);
  const from = Number(m?.[1]);
  const to = Number(m?.[2]);
  if (m === null || from < 1 || to < from || to > genesis.validators.length) throw new CliError('CLI_USAGE', `--test-validators wants FROM-TO within 1-${genesis.validators.length}, got ${flags.testValidators}`);
  const keys: LocalValidatorKey[] = [];
  for (let n = from; n <= to; n++) {
    const k = testValidatorKeys(flags.seed, genesis.region, n);
    const v = genesis.validators[n - 1]!;
    if (!bytesEqual(k.ed25519.publicKey, v.publicKey) || !bytesEqual(k.bls.publicKey, v.blsPublicKey)) throw new CliError('CLI_USAGE', `validator ${n} of the genesis does not derive from the seed`);
    keys.push({ index: n - 1, secret: k.ed25519.secret, blsSecret: k.bls.secret });
  }
  return keys;
}
