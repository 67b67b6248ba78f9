/**
 * What `tfr node` does with the Hub (rpc/cli/node-command.ts):
 *
 * - the **anchored checkpoint** block sync must not contradict (chain/node/anchor/anchored-checkpoint.ts):
 *   `--trusted-checkpoint HEIGHT:BLOCKHASH` (offline), else with `--hub-rpc URL` the Hub's record of
 *   this region (last accepted certificate: height, block hash), proven against the Hub validators
 *   of the genesis's `hub` section (hub-checkpoint.ts), read once at start. A fresh full node then
 *   refuses a chain that contradicts what the Hub anchored (SYNC_BELOW_ANCHOR), however many
 *   regional signatures it carries.
 * - the **relayer built in**: with `--hub-rpc URL --relayer-key K`, rpc/relayer/'s loop between the
 *   node's own RPC and the Hub, signing with K (paying fees on both chains), stopped with the node;
 *   its scan positions and pending transfers are kept in `<data>/relayer-state.json` across restarts.
 *
 * Everything is checked before the node opens anything (`nodeHubPlan`); the Hub is asked before the
 * node starts (`hubCheckpoint`), and a Hub that cannot be read stops the start: a node told to
 * trust the Hub's checkpoint does not silently sync without it.
 */
import { fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import type { AnchorCheckpoint } from '../../chain/node/anchor/anchored-checkpoint.ts';
import type { Logger } from '../../chain/ports/logger.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { createClient, type FetchLike, type TfrClient } from '../client/client.ts';
import { Relayer, runRelayer, type RelayerLog } from '../relayer/relayer.ts';
import { stateStoreIn } from '../relayer/relayer-state-file.ts';
import { genesisRegionsOf } from '../server/anchor-port.ts';
import { urlOf } from './rpc-options.ts';
import { CliError } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { resolveKey, type ResolvedKey } from './key-resolve.ts';

export interface NodeHubFlags {
  hubRpc?: string;
  relayerKey?: string;
  releaseWithdrawals?: boolean;
  trustedCheckpoint?: string;
}

/** The Hub-related part of a `tfr node` command line, checked. */
export interface NodeHubPlan {
  /** `--hub-rpc`: the Hub's RPC URL. */
  readonly hubUrl: string | undefined;
  /** `--trusted-checkpoint`: used as it is, the Hub is not asked for one. */
  readonly trusted: AnchorCheckpoint | undefined;
  /** `--relayer-key`: the relayer's key (its account pays fees on both chains). */
  readonly relayerKey: ResolvedKey | undefined;
  readonly releaseWithdrawals: boolean;
}

/** `HEIGHT:BLOCKHASH` (a positive height, 32 bytes of hex): CLI_USAGE otherwise. */
export function parseTrustedCheckpoint(text: string): AnchorCheckpoint {
  const m = /^(\d{1,16}):([0-9a-fA-F]{64})$/.exec(text.trim());
  const height = Number(m?.[1]);
  if (m === null || !Number.isSafeInteger(height) || height < 1) {
    throw new CliError('CLI_USAGE', `--trusted-checkpoint wants HEIGHT:BLOCKHASH (a positive height, the block hash as 64 hex), got ${JSON.stringify(text)}`);
  }
  return { height, blockHash: fromHexStrict(m[2]!.toLowerCase())! };
}

/** Checks the Hub options against each other and the genesis; resolves the relayer key. */
export function nodeHubPlan(ctx: CliContext, flags: NodeHubFlags, genesis: Genesis): NodeHubPlan {
  const trusted = flags.trustedCheckpoint === undefined ? undefined : parseTrustedCheckpoint(flags.trustedCheckpoint);
  if (flags.relayerKey !== undefined && flags.hubRpc === undefined) throw new CliError('CLI_USAGE', '--relayer-key needs --hub-rpc URL (the Hub the relayer talks to)');
  if (flags.releaseWithdrawals === true && flags.relayerKey === undefined) throw new CliError('CLI_USAGE', '--release-withdrawals needs --relayer-key (and --hub-rpc)');
  if (flags.hubRpc !== undefined && genesisRegionsOf(genesis) !== undefined) {
    throw new CliError('CLI_USAGE', `${genesis.chainId} is the Hub (its genesis has an "anchor" section): --hub-rpc and --relayer-key are for a region's node`);
  }
  const hubUrl = flags.hubRpc === undefined ? undefined : urlOf(ctx, flags.hubRpc, 'TFR_HUB_RPC', '', '--hub-rpc');
  const relayerKey = flags.relayerKey === undefined ? undefined : resolveKey(ctx, flags.relayerKey);
  return { hubUrl, trusted, relayerKey, releaseWithdrawals: flags.releaseWithdrawals === true };
}

/** `height 150, block 3f93...` for the start lines and the log. */
export function checkpointText(c: AnchorCheckpoint): string {
  return `height ${c.height}, block ${toHex(c.blockHash)}`;
}

/** The URL the node's own RPC answers on from this machine: a wildcard listen address is reached on loopback. */
export function ownRpcUrl(host: string, port: number): string {
  const h = host === '0.0.0.0' || host === '::' || host === '' || host === '[::]' ? '127.0.0.1' : host;
  return `http://${h.includes(':') && !h.startsWith('[') ? `[${h}]` : h}:${port}`;
}

export interface NodeRelayerOptions {
  /** The node's own RPC. */
  readonly region: TfrClient;
  readonly hub: TfrClient;
  readonly key: ResolvedKey;
  /** Its lines go to the node's log, module `relayer`. */
  readonly logger: Logger;
  readonly releaseWithdrawals: boolean;
  /** Pause between rounds (default 1000 ms). */
  readonly pollMs?: number;
  /** The node's data directory: the relayer's state is kept in `<dataDir>/relayer-state.json`, so a restarted node's relayer resumes its scans. None: memory only. */
  readonly dataDir?: string;
}

export interface NodeRelayer {
  /**
   * Ends the loop: no new round starts; a round in flight (a command waiting for its block on
   * either chain) is waited for at most `graceMs` (default 5000), then left to fail on its own.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Starts rpc/relayer/'s loop (runRelayer) in the background. */
export function startNodeRelayer(o: NodeRelayerOptions): NodeRelayer {
  const logger = o.logger.child('relayer');
  const log: RelayerLog = (level, message, fields = {}) => logger[level](message, fields);
  const store = o.dataDir === undefined ? undefined : stateStoreIn(o.dataDir);
  const relayer = new Relayer({ region: o.region, hub: o.hub, secretKey: o.key.secretKey, log, releaseWithdrawals: o.releaseWithdrawals, ...(store !== undefined && { store }) });
  let stopped = false;
  let wake: () => void = () => undefined;
  const sleep = (ms: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  log('info', `relaying between ${o.region.url} (this node) and ${o.hub.url} (Hub) as ${o.key.name}`);
  const loop = runRelayer(relayer, { pollMs: o.pollMs ?? 1000, stopped: () => stopped, sleep }, log);
  return {
    async stop(graceMs = 5000) {
      stopped = true;
      wake();
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([loop.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs)))]);
      clearTimeout(timer);
      log('info', late ? `stopped (a round was still in flight after ${graceMs} ms)` : 'stopped');
    },
  };
}

/** An SDK client through the CLI's fetch (tests inject one): the Hub's, or the node's own RPC. */
export function cliClient(ctx: CliContext, url: string): TfrClient {
  const fetch: FetchLike | undefined = ctx.io.fetch;
  return createClient({ url, ...(fetch !== undefined && { fetch }) });
}

/**
 * The relayer's address and fee-token balance on each chain, for the start lines: it pays fees on
 * both, so an empty one is worth a warning before the first refused command. Read failures are
 * reported as such (the relayer itself retries).
 */
export async function relayerAccounts(clients: readonly TfrClient[], key: ResolvedKey): Promise<string[]> {
  return Promise.all(
    clients.map(async (c) => {
      try {
        const status = await c.status();
        const address = addressFromPublicKey(status.addressPrefix, key.publicKey);
        const account = await c.account(address);
        const fee = status.assets[1]?.symbol ?? 'REGIONAL';
        const empty = account.balances.REGIONAL === '0';
        return `${status.chainId} ${address}${empty ? ` (holds no ${fee}: fund it, the relayer pays its fees in ${fee})` : ''}`;
      } catch (e) {
        return `${c.url}: not read (${e instanceof Error ? e.message : String(e)})`;
      }
    }),
  );
}
