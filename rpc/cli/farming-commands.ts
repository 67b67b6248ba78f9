/**
 * `tfr farming policies` (every farming policy, rewards in tokens) and `tfr farming rewards
 * [PERIOD]` (the open period and the latest closed one; or what a closed period paid, per farm
 * and node).
 */
import type { Command } from 'commander';
import { CliError } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { periodRewardsText, policyLine, rewardsOverviewText } from './dao-format.ts';
import { addRpcOptions, clientFor, printJson, type RpcFlags } from './rpc-options.ts';

export function registerFarmingCommands(program: Command, ctx: CliContext): void {
  const farming = program.command('farming').description('farming policies and the rewards of farming periods');

  addRpcOptions(farming.command('policies').description('every farming policy: rewards per unit, minimal uptime, end, default, expired')).action(async (flags: RpcFlags) => {
    const client = clientFor(ctx, flags);
    const p = await client.policies();
    if (flags.json === true) {
      printJson(ctx, p);
      return;
    }
    const status = await client.status();
    ctx.io.out(p.policies.length === 0 ? `no farming policies (height ${p.height})\n` : p.policies.map((x) => policyLine(x, status)).join(''));
  });

  addRpcOptions(
    farming
      .command('rewards')
      .description('the open farming period and the latest closed one; with PERIOD, what that closed period paid per farm and node')
      .argument('[period]', 'a closed period'),
  ).action(async (periodText: string | undefined, flags: RpcFlags) => {
    if (periodText !== undefined && !/^(0|[1-9][0-9]{0,9})$/.test(periodText)) throw new CliError('CLI_USAGE', `the period is a whole number, got ${JSON.stringify(periodText)}`);
    const client = clientFor(ctx, flags);
    const r = periodText === undefined ? await client.rewards() : await client.rewards(Number(periodText));
    if (flags.json === true) {
      printJson(ctx, r);
      return;
    }
    const status = await client.status();
    ctx.io.out('farms' in r ? periodRewardsText(r, status) : rewardsOverviewText(r, status));
  });
}
