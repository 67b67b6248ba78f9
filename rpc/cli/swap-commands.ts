/**
 * `tfr swap --in ASSET --amount X [--slippage 0.5%] [--min-out Y] [--deadline BLOCKS]` and
 * `tfr liquidity add --tft X --regional Y | remove --shares N [--slippage] [--deadline]`: signed
 * pool commands, always with a slippage bound (default 0.5%) and a deadline (default 20 blocks),
 * waiting for their block. A command committed with a failure code (AMM_SLIPPAGE, ...) exits 1.
 */
import type { Command } from 'commander';
import type { Status } from '../api/schemas.ts';
import { addLiquidity, removeLiquidity } from '../client/pool-liquidity.ts';
import { DEFAULT_DEADLINE_BLOCKS, DEFAULT_SLIPPAGE_BPS, swap, type PoolTxResult } from '../client/pool.ts';
import { CliError, EXIT_FAILURE } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { amountText } from './chain-format.ts';
import { printError } from './error-hints.ts';
import { keySourceNote, resolveKey } from './key-resolve.ts';
import { poolTxText } from './pool-format.ts';
import { assetOption, bpsText, otherAsset, slippageOption, tokensToBase } from './pool-options.ts';
import { addRpcOptions, clientFor, printJson, type RpcFlags } from './rpc-options.ts';

interface SignFlags extends RpcFlags {
  key?: string;
  slippage: number;
  deadline: number;
  timeout?: number;
}

function addSignOptions(cmd: Command): Command {
  return addRpcOptions(
    cmd
      .option('--key <name|file>', 'signing key (see `tfr transfer --help`; default $TFR_KEY)')
      .option('--slippage <percent>', 'tolerance, e.g. 0.5% (the tx fails rather than trade worse)', slippageOption, DEFAULT_SLIPPAGE_BPS)
      .option('--deadline <blocks>', 'the command fails (and the tx expires) after this many blocks from now', integerOption(1, 10_000), DEFAULT_DEADLINE_BLOCKS)
      .option('--timeout <ms>', 'how long the node waits for the block (default 15000)', integerOption(1, 60_000)),
  );
}

async function signing(ctx: CliContext, flags: SignFlags) {
  const key = resolveKey(ctx, flags.key);
  const client = clientFor(ctx, flags);
  const status = await client.status();
  const note = keySourceNote(key);
  if (note !== undefined) ctx.io.err(note);
  const common = { secretKey: key.secretKey, status, slippageBps: flags.slippage, deadlineBlocks: flags.deadline, ...(flags.timeout !== undefined && { timeoutMs: flags.timeout }) };
  return { client, status, common };
}

function finish(ctx: CliContext, flags: SignFlags, status: Status, r: PoolTxResult, head: string): void {
  if (flags.json === true) printJson(ctx, r.view);
  else ctx.io.out(`${head}${poolTxText(r, status)}`);
  if (r.view.code !== undefined && r.view.code !== 'OK') {
    printError(ctx.io, r.view.code, `tx ${r.hash} failed in block ${r.view.height ?? '?'}; its fee (${amountText(status, 'REGIONAL', r.view.tx.fee)}) and nonce were charged`);
    ctx.exitCode = EXIT_FAILURE;
  }
}

export function registerSwapCommands(program: Command, ctx: CliContext): void {
  addSignOptions(
    program
      .command('swap')
      .description('sell exactly --amount of --in for the other asset, at most --slippage below the quote, before --deadline')
      .requiredOption('--in <asset>', 'the asset sold: TFT, or the regional token (its symbol or REGIONAL)')
      .requiredOption('--amount <amount>', 'tokens of --in to sell')
      .option('--min-out <amount>', 'the least to receive, in tokens of the other asset (instead of the slippage bound)'),
  ).action(async (flags: SignFlags & { in: string; amount: string; minOut?: string }) => {
    const { client, status, common } = await signing(ctx, flags);
    const assetIn = assetOption(status, flags.in, '--in');
    const amount = tokensToBase(flags.amount, status, assetIn, '--amount');
    const minOut = flags.minOut === undefined ? undefined : tokensToBase(flags.minOut, status, otherAsset(assetIn), '--min-out');
    const r = await swap(client, { ...common, assetIn, amount, ...(minOut !== undefined && { minOut }) });
    const out = otherAsset(assetIn);
    const bound = minOut === undefined ? `slippage ${bpsText(flags.slippage)}` : '--min-out';
    finish(
      ctx,
      flags,
      status,
      r,
      `swap ${amountText(status, assetIn, amount)} for at least ${amountText(status, out, r.minAmountOut.toString())} (quoted ${amountText(status, out, r.quote.amountOut)} at height ${r.quote.height}, ${bound})\n`,
    );
  });

  const liquidity = program.command('liquidity').description('add liquidity to the pool, or remove it');
  addSignOptions(
    liquidity
      .command('add')
      .description('deposit TFT and the regional token at the pool ratio (the rest stays with you) for liquidity shares')
      .requiredOption('--tft <amount>', 'TFT offered, in tokens')
      .requiredOption('--regional <amount>', 'regional tokens offered, in tokens'),
  ).action(async (flags: SignFlags & { tft: string; regional: string }) => {
    const { client, status, common } = await signing(ctx, flags);
    const tft = tokensToBase(flags.tft, status, 'TFT', '--tft');
    const regional = tokensToBase(flags.regional, status, 'REGIONAL', '--regional');
    const r = await addLiquidity(client, { ...common, tft, regional });
    const expected = `${amountText(status, 'TFT', r.expected.TFT.toString())} and ${amountText(status, 'REGIONAL', r.expected.REGIONAL.toString())}`;
    finish(ctx, flags, status, r, `add liquidity: about ${expected} (at least ${amountText(status, 'TFT', r.min.TFT.toString())} and ${amountText(status, 'REGIONAL', r.min.REGIONAL.toString())})\n`);
  });
  addSignOptions(
    liquidity
      .command('remove')
      .description('burn liquidity shares for their part of both reserves')
      .requiredOption('--shares <n>', 'shares to burn (`tfr pool` and GET /pool/positions/ADDRESS show them)'),
  ).action(async (flags: SignFlags & { shares: string }) => {
    if (!/^[1-9][0-9]{0,38}$/.test(flags.shares)) throw new CliError('CLI_USAGE', `--shares wants a positive whole number of shares, got ${JSON.stringify(flags.shares)}`);
    const { client, status, common } = await signing(ctx, flags);
    const r = await removeLiquidity(client, { ...common, shares: flags.shares });
    const expected = `${amountText(status, 'TFT', r.expected.TFT.toString())} and ${amountText(status, 'REGIONAL', r.expected.REGIONAL.toString())}`;
    finish(ctx, flags, status, r, `remove ${flags.shares} shares: about ${expected} (at least ${amountText(status, 'TFT', r.min.TFT.toString())} and ${amountText(status, 'REGIONAL', r.min.REGIONAL.toString())})\n`);
  });
}
