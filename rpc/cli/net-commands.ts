/** `tfr net`: the node's peer-to-peer network (GET /net): own peer id, listen addresses, syncing, and its peers. */
import type { Command } from 'commander';
import type { CliContext } from './cli-io.ts';
import { netText } from './net-format.ts';
import { addRpcOptions, clientFor, printJson, type RpcFlags } from './rpc-options.ts';

export function registerNetCommands(program: Command, ctx: CliContext): void {
  addRpcOptions(
    program.command('net').description("the node's peer-to-peer network: its peer id, listen addresses, whether it is syncing, and its peers (validator, height, bytes, score)"),
  ).action(async (flags: RpcFlags) => {
    const net = await clientFor(ctx, flags).net();
    if (flags.json === true) printJson(ctx, net);
    else ctx.io.out(netText(net));
  });
}
