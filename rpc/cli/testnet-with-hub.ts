/**
 * `tfr testnet --with-hub`: the regional testnet and its Hub in one process, each chain's test
 * validators (chain/node/testnet.ts, its own data directory and RPC server), the region's uptime
 * agent, and the relayer of rpc/relayer/ between the two RPCs, signing with one funded test
 * account present on both chains (`--relayer-key`, default niaj). One progress line per regional
 * block carries the Hub's height and the anchored height; the relayer's actions are lines of their
 * own; its scan positions are kept in `<data>/relayer-state.json`. `--until-height` counts regional
 * blocks; Ctrl-C (or SIGTERM) stops the relayer, both RPC servers and both testnets, in that order.
 */
import path from 'node:path';
import { BN } from '../../chain/amount.ts';
import { getRegion } from '../../chain/anchor/hub-anchor-state.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { startTestnet, type Testnet } from '../../chain/node/testnet.ts';
import { createStreamLogger } from '../../chain/ports/stream-logger.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { testAccountKey } from '../../genesis/test-accounts.ts';
import { createClient, type TfrClient } from '../client/client.ts';
import { Relayer, runRelayer, type RelayerLog } from '../relayer/relayer.ts';
import { stateStoreIn } from '../relayer/relayer-state-file.ts';
import { anchoredHeightOf } from '../server/anchor-routes.ts';
import { buildServer } from '../server/build-server.ts';
import { rpcNodeOf } from '../server/rpc-node.ts';
import { CliError } from './cli-errors.ts';
import { readTextFile, resolvePath } from './cli-files.ts';
import type { CliContext } from './cli-io.ts';
import { checkGenesisPair } from './genesis-pair.ts';
import { cliGenesisSections } from './genesis-sections.ts';
import { resolveKey } from './key-resolve.ts';
import { startUptimeAgent } from './uptime-agent.ts';

type Level = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface WithHubOptions {
  readonly genesis: Genesis;
  /** As given on the command line (for messages). */
  readonly genesisFile: string;
  readonly hubGenesisFile: string;
  readonly dataDir: string;
  /** Default `.tfr/<hub chain id>`. */
  readonly hubData: string | undefined;
  readonly rpc: { host: string; port: number };
  readonly hubRpc: { host: string; port: number };
  readonly seed: string;
  readonly log: Level;
  readonly uptime: boolean;
  readonly untilHeight: number | undefined;
  readonly relayerKey: string;
  readonly relayerPoll: number;
  readonly relayerReleases: boolean;
}

/** The relayer's key: a key file, or a test account derived from the testnet's seed (the one its genesis files were generated from). */
function relayerSecret(ctx: CliContext, spec: string, seed: string): { name: string; secretKey: Uint8Array; publicKey: Uint8Array } {
  const key = resolveKey(ctx, spec);
  if (key.file !== undefined) return key;
  const k = testAccountKey(seed, key.name);
  return { name: key.name, secretKey: k.secret, publicKey: k.publicKey };
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

export async function runTestnetWithHub(o: WithHubOptions, ctx: CliContext): Promise<void> {
  const { io } = ctx;
  const region = o.genesis;
  const hubPath = resolvePath(io, o.hubGenesisFile);
  const hub = parseGenesis(readTextFile(hubPath), { sections: cliGenesisSections() });
  const warnings = checkGenesisPair(region, hub, { region: o.genesisFile, hub: o.hubGenesisFile });
  const hubDataDir = resolvePath(io, o.hubData ?? path.join('.tfr', hub.chainId));
  if (path.resolve(hubDataDir) === path.resolve(o.dataDir)) throw new CliError('CLI_USAGE', `--data and --hub-data are the same directory (${o.dataDir}): each chain needs its own`);
  const key = relayerSecret(ctx, o.relayerKey, o.seed);
  const logger = createStreamLogger({ write: (chunk) => io.err(chunk) }, { threshold: o.log });
  for (const w of warnings) io.err(`warning: ${w}\n`);

  io.out(`starting testnet ${region.chainId} (region ${region.region}) from ${o.genesisFile} and its Hub ${hub.chainId} from ${o.hubGenesisFile}\n`);
  const t0 = Date.now();
  const started: Testnet[] = [];
  const servers: { close(): Promise<unknown> }[] = [];
  const shutdown = async (): Promise<void> => {
    for (const s of servers.reverse()) await s.close();
    for (const t of started.reverse()) await t.stop();
  };
  let regionNet: Testnet;
  let hubNet: Testnet;
  let regionUrl: string;
  let hubUrl: string;
  try {
    regionNet = await startTestnet({ genesis: region, seed: o.seed, dataDir: o.dataDir, logger });
    started.push(regionNet);
    hubNet = await startTestnet({ genesis: hub, seed: o.seed, dataDir: hubDataDir, logger });
    started.push(hubNet);
    const describe = (t: Testnet, g: Genesis, dir: string): string =>
      `${t.running.length} of ${g.validators.length} validators, data ${dir}${t.startHeight > 0 ? ` (resuming at height ${t.startHeight})` : ''}`;
    io.out(`  region      ${region.chainId}: ${describe(regionNet, region, o.dataDir)}\n`);
    io.out(`  hub         ${hub.chainId}: ${describe(hubNet, hub, hubDataDir)}\n`);
    // Each RPC speaks for the first validator of its chain (they all hold the same chain).
    const regionServer = buildServer({ node: rpcNodeOf(regionNet.nodes[0]!, region, () => regionNet.nodes.length - 1) });
    regionUrl = await regionServer.listen({ host: o.rpc.host, port: o.rpc.port });
    servers.push(regionServer);
    const hubServer = buildServer({ node: rpcNodeOf(hubNet.nodes[0]!, hub, () => hubNet.nodes.length - 1) });
    hubUrl = await hubServer.listen({ host: o.hubRpc.host, port: o.hubRpc.port });
    servers.push(hubServer);
  } catch (e) {
    await shutdown();
    throw e;
  }
  io.out(`  rpc         ${regionUrl}  (the region; API docs ${regionUrl}/docs)\n`);
  io.out(`  hub rpc     ${hubUrl}  (the Hub)\n`);
  io.out(`  anchoring   a certificate every ${region.consensus.anchorInterval} regional blocks\n`);

  const first = regionNet.nodes[0]!;
  const agent = o.uptime
    ? await startUptimeAgent({
        genesis: region,
        seed: o.seed,
        pendingState: () => first.mempool.pendingState(),
        height: () => regionNet.status().height,
        submitTx: (bytes) => first.driver.submitTx(bytes),
      })
    : undefined;
  if (agent !== undefined && agent.nodeIds.length > 0) io.out(`  farming     uptime reported every second for test nodes ${agent.nodeIds.join(', ')} (--no-uptime to stop)\n`);

  const tty = process.stdout.isTTY === true;
  let progress = ''; // the line a TTY shows in place
  const line = (text: string, toErr = false): void => {
    if (tty && progress !== '') io.out('\r\x1b[K');
    (toErr ? io.err : io.out)(text);
    if (tty && progress !== '') io.out(progress);
  };

  const regionClient = createClient({ url: regionUrl });
  const hubClient = createClient({ url: hubUrl });
  await relayerFunds(regionClient, hubClient, key.publicKey, (text) => line(text, true)).catch((e: unknown) => line(`warning: could not read the relayer's balances: ${e instanceof Error ? e.message : String(e)}\n`, true));
  const log: RelayerLog = (level, message) => line(level === 'info' ? `relayer: ${message}\n` : `relayer ${level}: ${message}\n`, level !== 'info');
  // Its scan positions live with the region's data, so a restarted testnet's relayer resumes them.
  const store = stateStoreIn(o.dataDir);
  const relayer = new Relayer({ region: regionClient, hub: hubClient, secretKey: key.secretKey, log, releaseWithdrawals: o.relayerReleases, store });
  io.out(`  relayer     key ${key.name} (${addressFromPublicKey(region.addressPrefix, key.publicKey)} on the region, ${addressFromPublicKey(hub.addressPrefix, key.publicKey)} on the Hub), a round every ${o.relayerPoll} ms${o.relayerReleases ? ', releases withdrawals' : ''}, state ${store.where}\n`);
  io.out(`  ready in ${((Date.now() - t0) / 1000).toFixed(1)} s; Ctrl-C stops (and the next start resumes)\n`);

  // What the progress line shows of the anchoring, refreshed after each block of either chain.
  let anchoredOnHub = 0;
  let receipt: number | null = null;
  const refresh = async (): Promise<void> => {
    try {
      anchoredOnHub = (await getRegion(hubNet.nodes[0]!.store.state, region.chainId))?.lastHeight ?? 0;
      receipt = await anchoredHeightOf(first.store.state);
    } catch {
      // The stores close while stopping.
    }
  };
  await refresh();
  let hubLast = Date.now();
  let hubBlockMs = 0;
  hubNet.onCommit(() => {
    const now = Date.now();
    hubBlockMs = now - hubLast;
    hubLast = now;
    void refresh();
  });

  let lastTime = Date.now();
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  let ended = false; // blocks still commit while the relayer's last round ends: no more progress lines
  regionNet.onCommit((c) => {
    if (ended) return;
    const now = Date.now();
    const text =
      `height ${c.height}  round ${c.round}  block time ${seconds(now - lastTime)} s  signers ${c.commit.signatures.length}/${region.validators.length}  txs ${c.block.txs.length}` +
      `  | hub ${hubNet.status().height} (${seconds(hubBlockMs)} s)  anchored ${anchoredOnHub}  receipt ${receipt ?? 0}`;
    lastTime = now;
    void refresh();
    if (tty) {
      const width = Math.max(40, (process.stdout.columns || 120) - 1);
      progress = text.length > width ? text.slice(0, width) : text;
      io.out(`\r\x1b[K${progress}`);
    } else io.out(`${text}\n`);
    if (o.untilHeight !== undefined && c.height >= o.untilHeight) done();
  });

  let stopped = false;
  let wake: () => void = () => undefined;
  const loop = runRelayer(
    relayer,
    {
      pollMs: o.relayerPoll,
      stopped: () => stopped,
      sleep: (ms) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        }),
    },
    log,
  );

  let stopping = false;
  const onSignal = (): void => {
    if (stopping) process.exit(130); // a second Ctrl-C: do not wait
    stopping = true;
    done();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await finished;
  ended = true;
  progress = '';
  io.out(`${tty ? '\n' : ''}stopping at height ${regionNet.status().height} (Hub height ${hubNet.status().height})...\n`);
  stopped = true;
  wake();
  await loop; // a round in flight ends within a block or two (its waits are for commits)
  agent?.stop();
  await shutdown();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  io.out('stopped cleanly\n');
}

/** Warns when the relayer's account cannot pay fees on one of the chains (its txs would be refused). */
async function relayerFunds(region: TfrClient, hub: TfrClient, publicKey: Uint8Array, warn: (text: string) => void): Promise<void> {
  for (const [name, client] of [['region', region], ['Hub', hub]] as const) {
    const status = await client.status();
    const address = addressFromPublicKey(status.addressPrefix, publicKey);
    const account = await client.account(address);
    if (new BN(account.balances.REGIONAL).lt(new BN(status.minFee))) {
      warn(`warning: the relayer's account ${address} holds no ${status.assets.find((a) => a.id === 'REGIONAL')?.symbol ?? 'regional tokens'} for fees on the ${name} (${status.chainId}): its txs will be refused; fund it or pick --relayer-key\n`);
    }
  }
}
