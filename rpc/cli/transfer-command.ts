/**
 * `tfr transfer --to ADDR --amount AMOUNT --asset TFT|REGIONAL|SYMBOL [--fee X] [--no-wait]`:
 * signs a ledger/transfer with --key, submits it and (by default) waits for its block. Amounts
 * are human ("12.5") in the asset's decimals; the fee is in the regional token, default minFee.
 * A tx committed with a failure code (fee and nonce charged) exits 1.
 */
import type { Command } from 'commander';
import type { Status, TxView } from '../api/schemas.ts';
import { assetIdOf, assetInfo, parseHumanAmount, type AssetId } from '../client/amounts.ts';
import { DEFAULT_EXPIRY_BLOCKS, transfer } from '../client/transfer.ts';
import { CliError, EXIT_FAILURE } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { amountText, lines, resultText, txStatusText } from './chain-format.ts';
import { printError } from './error-hints.ts';
import { keySourceNote, resolveKey } from './key-resolve.ts';
import { addRpcOptions, clientFor, printJson, type RpcFlags } from './rpc-options.ts';

interface TransferFlags extends RpcFlags {
  to: string;
  amount: string;
  asset: string;
  fee?: string;
  key?: string;
  wait: boolean;
  timeout?: number;
  expiryBlocks: number;
}

function humanToBase(text: string, status: Status, asset: AssetId, option: string): string {
  const { decimals, symbol } = assetInfo(status, asset);
  const v = parseHumanAmount(text, decimals);
  if (v === undefined) {
    throw new CliError('CLI_USAGE', `${option} wants an amount of ${symbol} like 12.5 (at most ${decimals} decimals, at most 2^128 - 1 base units), got ${JSON.stringify(text)}`);
  }
  return v.toString(10);
}

export function registerTransferCommand(program: Command, ctx: CliContext): void {
  addRpcOptions(
    program
      .command('transfer')
      .description('send TFT or the regional token; waits for the block that includes it (unless --no-wait)')
      .requiredOption('--to <address>', 'recipient (bech32m, the chain prefix)')
      .requiredOption('--amount <amount>', 'amount in tokens, e.g. 12.5 (at most the asset decimals)')
      .requiredOption('--asset <asset>', 'TFT, or the regional token: its symbol (e.g. CHI) or REGIONAL')
      .option('--fee <amount>', 'fee in regional tokens (default: the chain minimum fee)')
      .option('--key <name|file>', 'signing key: $TFR_HOME/keys/NAME.json, a key file path, or a test account name (default $TFR_KEY)')
      .option('--no-wait', 'return once the node accepted the tx, without waiting for its block')
      .option('--timeout <ms>', 'how long the node waits for the block (default 15000)', integerOption(1, 60_000))
      .option('--expiry-blocks <n>', `the tx expires this many blocks after the current height`, integerOption(1, 1_000_000), DEFAULT_EXPIRY_BLOCKS),
  ).action(async (flags: TransferFlags) => run(ctx, flags));
}

async function run(ctx: CliContext, flags: TransferFlags): Promise<void> {
  const key = resolveKey(ctx, flags.key);
  const client = clientFor(ctx, flags);
  const status = await client.status();
  const asset = assetIdOf(status, flags.asset);
  if (asset === undefined) {
    throw new CliError('CLI_USAGE', `--asset wants TFT, ${assetInfo(status, 'REGIONAL').symbol} or REGIONAL, got ${JSON.stringify(flags.asset)}`);
  }
  const amount = humanToBase(flags.amount, status, asset, '--amount');
  const fee = flags.fee === undefined ? status.minFee : humanToBase(flags.fee, status, 'REGIONAL', '--fee');
  const note = keySourceNote(key);
  if (note !== undefined) ctx.io.err(note);
  const r = await transfer(client, {
    secretKey: key.secretKey,
    to: flags.to,
    asset,
    amount,
    fee,
    expiryBlocks: flags.expiryBlocks,
    wait: flags.wait,
    status,
    ...(flags.timeout !== undefined && { timeoutMs: flags.timeout }),
  });
  if (flags.json === true) printJson(ctx, r.view ?? { hash: r.hash });
  else {
    ctx.io.out(
      `sent ${amountText(status, asset, amount)} from ${r.from} to ${flags.to}\n` +
        lines([
          ['tx', r.hash],
          ['fee', `${amountText(status, 'REGIONAL', r.fee.toString(10))} (nonce ${r.nonce}, expires after height ${r.expiry})`],
          ['status', r.view === null ? `submitted, not waited for: \`tfr tx ${r.hash}\` follows it` : txStatusText(r.view)],
          ...(r.view?.code !== undefined ? ([['result', resultText(r.view.code)]] as const) : []),
        ]),
    );
  }
  if (r.view !== null) reportFailure(ctx, r.view, status);
}

/** A committed tx that failed is a failed command: its code on stderr, exit 1. */
function reportFailure(ctx: CliContext, view: TxView, status: Status): void {
  if (view.code === undefined || view.code === 'OK') return;
  printError(ctx.io, view.code, `tx ${view.hash} failed in block ${view.height ?? '?'}; its fee (${amountText(status, 'REGIONAL', view.tx.fee)}) and nonce were charged`);
  ctx.exitCode = EXIT_FAILURE;
}
