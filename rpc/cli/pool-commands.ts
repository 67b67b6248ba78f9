/**
 * `tfr pool [--window S]`: the pool's reserves, shares, fee, price and TWAP.
 * `tfr quote --in ASSET --amount X | --out Y [--slippage 0.5%]`: what a swap would give or cost now.
 */
import type { Command } from 'commander';
import { DEFAULT_SLIPPAGE_BPS } from '../client/pool.ts';
import { CliError } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { poolText, quoteText } from './pool-format.ts';
import { assetOption, otherAsset, slippageOption, tokensToBase } from './pool-options.ts';
import { addRpcOptions, clientFor, printJson, type RpcFlags } from './rpc-options.ts';

interface PoolFlags extends RpcFlags {
  window?: number;
}

interface QuoteFlags extends RpcFlags {
  in: string;
  amount?: string;
  out?: string;
  slippage: number;
}

export function registerPoolCommands(program: Command, ctx: CliContext): void {
  addRpcOptions(
    program
      .command('pool')
      .description("the TFT / regional-token pool: reserves, shares, fee, price and time-weighted average price")
      .option('--window <seconds>', 'TWAP window in seconds (default 3600; the longest available up to it)', integerOption(1, 30 * 24 * 3600)),
  ).action(async (flags: PoolFlags) => {
    const client = clientFor(ctx, flags);
    const pool = await client.pool(flags.window);
    if (flags.json === true) printJson(ctx, pool);
    else ctx.io.out(poolText(pool, await client.status()));
  });

  addRpcOptions(
    program
      .command('quote')
      .description('what a swap would give (--amount: sell exactly this) or cost (--out: buy exactly this) at the current reserves')
      .requiredOption('--in <asset>', 'the asset sold: TFT, or the regional token (its symbol or REGIONAL)')
      .option('--amount <amount>', 'tokens of --in to sell')
      .option('--out <amount>', 'tokens of the other asset to buy')
      .option('--slippage <percent>', 'tolerance of the minimum out / maximum in, e.g. 0.5%', slippageOption, DEFAULT_SLIPPAGE_BPS),
  ).action(async (flags: QuoteFlags) => {
    if ((flags.amount === undefined) === (flags.out === undefined)) throw new CliError('CLI_USAGE', 'give exactly one of --amount (sell exactly) and --out (buy exactly)');
    const client = clientFor(ctx, flags);
    const status = await client.status();
    const assetIn = assetOption(status, flags.in, '--in');
    const q = await client.quote({
      in: assetIn,
      slippageBps: flags.slippage,
      ...(flags.amount !== undefined ? { amount: tokensToBase(flags.amount, status, assetIn, '--amount') } : { out: tokensToBase(flags.out!, status, otherAsset(assetIn), '--out') }),
    });
    if (flags.json === true) printJson(ctx, q);
    else ctx.io.out(quoteText(q, status));
  });
}
