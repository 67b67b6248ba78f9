/**
 * The `tfr` command line: `buildCli` makes a fresh commander program bound to a CliIo, `runCli`
 * runs one command line and answers its exit code (0 ok, 1 failure, 2 usage error), never calling
 * process.exit, so tests run it in-process. bin/tfr.js runs it on the real process.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isChainError } from '../../chain/errors.ts';
import { RpcError } from '../client/rpc-error.ts';
import { registerBlocksCommand } from './blocks-command.ts';
import { registerBridgeCommands } from './bridge-commands.ts';
import { registerChainCommands } from './chain-commands.ts';
import { registerDaoCommands } from './dao-commands.ts';
import { registerFarmCommands } from './farm-commands.ts';
import { registerFarmingCommands } from './farming-commands.ts';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-errors.ts';
import type { CliContext, CliIo } from './cli-io.ts';
import { printError } from './error-hints.ts';
import { registerGenesisCommands } from './genesis-commands.ts';
import { registerKeysCommands } from './keys-commands.ts';
import { registerNetCommands } from './net-commands.ts';
import { registerNodeCommand } from './node-command.ts';
import { registerPoolCommands } from './pool-commands.ts';
import { registerRelayerCommand } from './relayer-command.ts';
import { registerSwapCommands } from './swap-commands.ts';
import { registerTestnetCommand } from './testnet-command.ts';
import { registerTransferCommand } from './transfer-command.ts';

export { processIo } from './cli-io.ts';
export type { CliIo } from './cli-io.ts';

function packageVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const version = (pkg as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function buildCli(ctx: CliContext): Command {
  const program = new Command('tfr');
  // Set before adding commands: subcommands inherit output, exit and help-after-error settings.
  program
    .description("Regional internet chains: testnets, genesis files, keys, and a node's chain through its RPC")
    .version(packageVersion())
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.io.out(s),
      writeErr: (s) => ctx.io.err(s),
      outputError: (s, write) => write(s.replace(/^error: /, 'error: CLI_USAGE: ')),
    })
    .showHelpAfterError('(add --help for usage)');
  registerGenesisCommands(program, ctx);
  registerKeysCommands(program, ctx);
  registerTestnetCommand(program, ctx);
  registerNodeCommand(program, ctx);
  registerChainCommands(program, ctx);
  registerTransferCommand(program, ctx);
  registerBlocksCommand(program, ctx);
  registerPoolCommands(program, ctx);
  registerSwapCommands(program, ctx);
  registerDaoCommands(program, ctx);
  registerFarmCommands(program, ctx);
  registerFarmingCommands(program, ctx);
  registerNetCommands(program, ctx);
  registerBridgeCommands(program, ctx);
  registerRelayerCommand(program, ctx);
  return program;
}

function exitCodeFor(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) {
    // commander has printed its message (or the help) already.
    return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT_OK : EXIT_USAGE;
  }
  if (e instanceof CliError) {
    printError(io, e.code, e.message);
    return e.exitCode;
  }
  if (isChainError(e) || e instanceof RpcError) {
    printError(io, e.code, e.message);
    return EXIT_FAILURE;
  }
  io.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  if (io.env['TFR_DEBUG'] !== undefined && e instanceof Error && e.stack !== undefined) io.err(`${e.stack}\n`);
  return EXIT_FAILURE;
}

/** Runs `tfr <argv...>` and answers the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx: CliContext = { io, exitCode: EXIT_OK };
  try {
    await buildCli(ctx).parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    return exitCodeFor(e, io);
  }
}
