/** `tfr status`, `tfr account [ADDRESS]`, `tfr tx HASH`: read the chain through a node's RPC. */
import type { Command } from 'commander';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { CliError } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { accountText, statusText, txText } from './chain-format.ts';
import { resolveKey } from './key-resolve.ts';
import { addRpcOptions, clientFor, printJson, type RpcFlags } from './rpc-options.ts';

interface AccountFlags extends RpcFlags {
  key?: string;
}

export function registerChainCommands(program: Command, ctx: CliContext): void {
  addRpcOptions(program.command('status').description("the node's chain: id, height, latest block, validators, min fee, assets")).action(async (flags: RpcFlags) => {
    const status = await clientFor(ctx, flags).status();
    if (flags.json === true) printJson(ctx, status);
    else ctx.io.out(statusText(status));
  });

  addRpcOptions(
    program
      .command('account')
      .description("an account's nonce and balances (default: the --key's account)")
      .argument('[address]', 'bech32m address')
      .option('--key <name|file>', 'show the account of this key (see `tfr transfer --help`)'),
  ).action(async (address: string | undefined, flags: AccountFlags) => {
    if (address !== undefined && flags.key !== undefined) throw new CliError('CLI_USAGE', 'give an ADDRESS or --key, not both');
    const client = clientFor(ctx, flags);
    const status = await client.status();
    const target = address ?? addressFromPublicKey(status.addressPrefix, resolveKey(ctx, flags.key).publicKey);
    const account = await client.account(target);
    if (flags.json === true) printJson(ctx, account);
    else ctx.io.out(accountText(account, status));
  });

  addRpcOptions(program.command('tx').description('a tx by hash: pending, or committed with its result and events').argument('<hash>', 'tx hash (64 hex)')).action(
    async (hash: string, flags: RpcFlags) => {
      if (!/^[0-9a-fA-F]{64}$/.test(hash)) throw new CliError('CLI_USAGE', `a tx hash is 64 hex characters, got ${JSON.stringify(hash)}`);
      const client = clientFor(ctx, flags);
      if (flags.json === true) {
        printJson(ctx, await client.tx(hash));
        return;
      }
      const [status, tx] = await Promise.all([client.status(), client.tx(hash)]);
      ctx.io.out(txText(tx, status));
    },
  );
}
