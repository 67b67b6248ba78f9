/**
 * `tfr relayer --region-rpc URL --hub-rpc URL --key K`: the relayer between one region and the Hub
 * (rpc/relayer/relayer.ts), run until Ctrl-C: region certificates to the Hub, the Hub's receipt
 * back to the region, Hub deposits claimed on the region (and, with --release-withdrawals,
 * anchored withdrawals released on the Hub). One line per thing done or failed, on stdout
 * (failures on stderr); `--json` prints them as JSON lines. `--once` runs one round and exits
 * (1 if a step failed). `--state FILE` keeps the scan positions and pending transfers across
 * restarts (rpc/relayer/relayer-state.ts); without it they live in memory and a restart rescans
 * both chains from `--from-*-height` (the default stays so: a default file shared by relayers of
 * different chains from one directory would make each discard the other's).
 */
import type { Command } from 'commander';
import { createClient } from '../client/client.ts';
import { Relayer, runRelayer, type RelayerLog } from '../relayer/relayer.ts';
import { fileStateStore } from '../relayer/relayer-state-file.ts';
import { resolvePath } from './cli-files.ts';
import { DEFAULT_HUB_RPC_URL } from './bridge-commands.ts';
import { EXIT_FAILURE } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { keySourceNote, resolveKey } from './key-resolve.ts';
import { DEFAULT_RPC_URL, urlOf } from './rpc-options.ts';

interface RelayerFlags {
  regionRpc?: string;
  hubRpc?: string;
  key?: string;
  releaseWithdrawals?: boolean;
  poll: number;
  fromHubHeight: number;
  fromRegionHeight: number;
  state?: string;
  once?: boolean;
  json?: boolean;
}

function onInterrupt(ctx: CliContext, handler: () => void): () => void {
  if (ctx.io.onInterrupt !== undefined) return ctx.io.onInterrupt(handler);
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

export function registerRelayerCommand(program: Command, ctx: CliContext): void {
  program
    .command('relayer')
    .description("relay between a region and the Hub: certificates to the Hub, the Hub's receipt back, deposits claimed on the region (and withdrawals released on the Hub)")
    .option('--region-rpc <url>', `the region's RPC URL (default $TFR_RPC, else ${DEFAULT_RPC_URL})`)
    .option('--hub-rpc <url>', `the Hub's RPC URL (default $TFR_HUB_RPC, else ${DEFAULT_HUB_RPC_URL})`)
    .option('--key <name|file>', 'the key that signs (and pays fees) on both chains (default $TFR_KEY)')
    .option('--release-withdrawals', 'also release withdrawals on the Hub once anchored')
    .option('--poll <ms>', 'pause between rounds', integerOption(1, 600_000), 1000)
    .option('--from-hub-height <n>', 'first Hub height scanned for deposits (raises a lower --state position)', integerOption(1, Number.MAX_SAFE_INTEGER), 1)
    .option('--from-region-height <n>', 'first region height scanned for withdrawals (raises a lower --state position)', integerOption(1, Number.MAX_SAFE_INTEGER), 1)
    .option('--state <file>', 'save the scan positions and pending transfers here after each round and resume from them (default: memory only, a restart rescans from --from-*-height)')
    .option('--once', 'one round, then exit (1 if a step failed)')
    .option('--json', 'log JSON lines')
    .action(async (flags: RelayerFlags) => {
      const key = resolveKey(ctx, flags.key);
      const fetch = ctx.io.fetch;
      const region = createClient({ url: urlOf(ctx, flags.regionRpc, 'TFR_RPC', DEFAULT_RPC_URL, '--region-rpc'), ...(fetch !== undefined && { fetch }) });
      const hub = createClient({ url: urlOf(ctx, flags.hubRpc, 'TFR_HUB_RPC', DEFAULT_HUB_RPC_URL, '--hub-rpc'), ...(fetch !== undefined && { fetch }) });
      const note = keySourceNote(key);
      if (note !== undefined) ctx.io.err(note);
      const log: RelayerLog = (level, message, fields = {}) => {
        if (flags.json === true) ctx.io.out(`${JSON.stringify({ level, message, ...fields })}\n`);
        else (level === 'info' ? ctx.io.out : ctx.io.err)(`relayer ${level}: ${message}\n`);
      };
      const store = flags.state === undefined ? undefined : fileStateStore(resolvePath(ctx.io, flags.state));
      const relayer = new Relayer({
        region,
        hub,
        secretKey: key.secretKey,
        log,
        releaseWithdrawals: flags.releaseWithdrawals === true,
        depositsFrom: flags.fromHubHeight,
        withdrawalsFrom: flags.fromRegionHeight,
        ...(store !== undefined && { store }),
      });
      const memoryOnly = (): void => log('info', `no --state FILE: scan positions kept in memory only, a restart rescans from Hub height ${flags.fromHubHeight} and region height ${flags.fromRegionHeight}`);
      if (flags.once === true) {
        if (store === undefined) memoryOnly();
        const report = await relayer.round();
        if (report.errors.length > 0) ctx.exitCode = EXIT_FAILURE;
        return;
      }
      log('info', `relaying between ${region.url} (region) and ${hub.url} (Hub); Ctrl-C stops`);
      if (store === undefined) memoryOnly();
      let stopped = false;
      let wake: () => void = () => undefined;
      const removeInterrupt = onInterrupt(ctx, () => {
        stopped = true;
        wake();
      });
      try {
        await runRelayer(relayer, { pollMs: flags.poll, stopped: () => stopped, sleep: (ms) => new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        }) }, log);
      } finally {
        removeInterrupt();
      }
      log('info', 'stopped');
    });
}
