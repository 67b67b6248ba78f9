/**
 * `tfr testnet`: runs every validator of a genesis whose key derives from the testnet seed (all 99
 * for genesis/testnet.json) in this process, serves GET /status, shows a live line per block, stops
 * cleanly on Ctrl-C (a second Ctrl-C forces exit) and resumes from its data directory. With
 * `--with-hub` the Hub and the relayer run alongside (testnet-with-hub.ts).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { TESTNET_SEED } from '../../genesis/test-accounts.ts';
import { createStreamLogger } from '../../chain/ports/stream-logger.ts';
import { startTestnet } from '../../chain/node/testnet.ts';
import { buildServer } from '../server/build-server.ts';
import { rpcNodeOf } from '../server/rpc-node.ts';
import { CliError } from './cli-errors.ts';
import { readTextFile, resolvePath } from './cli-files.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { startUptimeAgent } from './uptime-agent.ts';
import { cliGenesisSections } from './genesis-sections.ts';
import { hostPort } from './host-port.ts';
import { runTestnetProcesses } from './testnet-processes.ts';
import { runTestnetWithHub } from './testnet-with-hub.ts';

interface TestnetFlags {
  genesis: string;
  data?: string;
  rpc: string;
  seed: string;
  untilHeight?: number;
  log: string;
  uptime: boolean;
  processes?: number;
  p2pPort: number;
  withHub?: boolean;
  hubGenesis: string;
  hubData?: string;
  hubRpc: string;
  relayerKey: string;
  relayerPoll: number;
  relayerReleases?: boolean;
}

export function registerTestnetCommand(program: Command, ctx: CliContext): void {
  program
    .command('testnet')
    .description('run a regional testnet: every validator of the genesis whose key derives from the seed, in this process')
    .option('--genesis <file>', 'genesis file', 'genesis/testnet.json')
    .option('--data <dir>', 'data directory (default .tfr/<chain id>)')
    .option('--rpc <host:port>', 'RPC address', '127.0.0.1:26657')
    .option('--seed <seed>', 'seed the validator keys derive from', TESTNET_SEED)
    .option('--until-height <n>', 'stop by itself once this height is committed', integerOption(1, Number.MAX_SAFE_INTEGER))
    .option('--log <level>', 'node log level: debug, info, warn, error, silent', 'warn')
    .option('--no-uptime', "do not report uptime for the genesis's test nodes (their farms then earn nothing)")
    .option('--processes <n>', 'spread the validators over N `tfr node` processes talking over loopback TCP (libp2p), instead of one process', integerOption(1, 100))
    .option('--p2p-port <port>', 'with --processes: first peer-to-peer port (one per process)', integerOption(1, 65535), 26656)
    .option('--with-hub', 'also run the Hub (--hub-genesis) in this process, its RPC on --hub-rpc, and the relayer between the two')
    .option('--hub-genesis <file>', 'with --with-hub: the Hub genesis (it must register the region, and the region name this Hub)', 'genesis/hub-testnet.json')
    .option('--hub-data <dir>', "with --with-hub: the Hub's data directory (default .tfr/<hub chain id>)")
    .option('--hub-rpc <host:port>', "with --with-hub: the Hub's RPC address", '127.0.0.1:26757')
    .option('--relayer-key <name|file>', 'with --with-hub: the key the relayer signs and pays fees with on both chains (a test account derives from --seed)', 'niaj')
    .option('--relayer-poll <ms>', 'with --with-hub: pause between relayer rounds', integerOption(1, 600_000), 1000)
    .option('--relayer-releases', 'with --with-hub: the relayer also releases withdrawals on the Hub once anchored (else `tfr bridge withdraw --release` does)')
    .action(async (flags: TestnetFlags) => run(flags, ctx));
}

async function run(flags: TestnetFlags, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  const rpc = hostPort('--rpc', flags.rpc);
  const genesisPath = resolvePath(io, flags.genesis);
  const genesis = parseGenesis(readTextFile(genesisPath), { sections: cliGenesisSections() });
  const dataDir = resolvePath(io, flags.data ?? path.join('.tfr', genesis.chainId));
  const threshold = flags.log as 'debug' | 'info' | 'warn' | 'error' | 'silent';
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(threshold)) throw new CliError('CLI_USAGE', `--log wants debug, info, warn, error or silent, got ${flags.log}`);
  if (flags.withHub === true) {
    if (flags.processes !== undefined) throw new CliError('CLI_USAGE', '--with-hub runs both chains in this process: it does not combine with --processes');
    return runTestnetWithHub(
      {
        genesis,
        genesisFile: flags.genesis,
        hubGenesisFile: flags.hubGenesis,
        dataDir,
        hubData: flags.hubData,
        rpc,
        hubRpc: hostPort('--hub-rpc', flags.hubRpc),
        seed: flags.seed,
        log: threshold,
        uptime: flags.uptime,
        untilHeight: flags.untilHeight,
        relayerKey: flags.relayerKey,
        relayerPoll: flags.relayerPoll,
        relayerReleases: flags.relayerReleases === true,
      },
      ctx,
    );
  }
  if (flags.processes !== undefined) {
    const o = { genesis, genesisPath, processes: flags.processes, dataDir, rpc, p2pPort: flags.p2pPort, seed: flags.seed, log: threshold, uptime: flags.uptime };
    return runTestnetProcesses(flags.untilHeight === undefined ? o : { ...o, untilHeight: flags.untilHeight }, ctx);
  }
  const logger = createStreamLogger({ write: (chunk) => io.err(chunk) }, { threshold });

  io.out(`starting testnet ${genesis.chainId} (region ${genesis.region}) from ${flags.genesis}\n`);
  const t0 = Date.now();
  const testnet = await startTestnet({ genesis, seed: flags.seed, dataDir, logger });
  const resumed = testnet.startHeight;
  io.out(`  validators  ${testnet.running.length} of ${genesis.validators.length} running here${testnet.missing.length > 0 ? ` (${testnet.missing.length} keys not derivable from the seed)` : ''}\n`);
  io.out(`  data        ${dataDir}${resumed > 0 ? ` (resuming at height ${resumed})` : ''}\n`);

  // The RPC speaks for the first validator running here (all of them hold the same chain).
  const server = buildServer({ node: rpcNodeOf(testnet.nodes[0]!, genesis, () => testnet.nodes.length - 1) });
  const address = await server.listen({ host: rpc.host, port: rpc.port });
  io.out(`  rpc         ${address}  (status ${address}/status, API docs ${address}/docs)\n`);
  const first = testnet.nodes[0]!;
  const agent = flags.uptime
    ? await startUptimeAgent({
        genesis,
        seed: flags.seed,
        pendingState: () => first.mempool.pendingState(),
        height: () => testnet.status().height,
        submitTx: (bytes) => first.driver.submitTx(bytes),
      })
    : undefined;
  if (agent !== undefined && agent.nodeIds.length > 0) io.out(`  farming     uptime reported every second for test nodes ${agent.nodeIds.join(', ')} (--no-uptime to stop)\n`);
  io.out(`  ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; Ctrl-C stops (and the next start resumes)\n`);

  const tty = process.stdout.isTTY === true;
  let lastTime = Date.now();
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  testnet.onCommit((c) => {
    const now = Date.now();
    const line = `height ${c.height}  round ${c.round}  block time ${((now - lastTime) / 1000).toFixed(2)} s  signers ${c.commit.signatures.length}/${genesis.validators.length}  txs ${c.block.txs.length}`;
    lastTime = now;
    io.out(tty ? `\r${line.padEnd(80)}` : `${line}\n`);
    if (flags.untilHeight !== undefined && c.height >= flags.untilHeight) done();
  });

  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait
    stopping = true;
    done();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await finished;
  io.out(`${tty ? '\n' : ''}stopping at height ${testnet.status().height}...\n`);
  agent?.stop();
  await server.close();
  await testnet.stop();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  io.out('stopped cleanly\n');
}
