/**
 * `tfr dao propose|vote|list|show`: proposals of the regional DAO, voted by farms.
 *
 *   tfr dao propose --title T [--description TEXT] [--period BLOCKS] [--deposit AMOUNT] [action flags...] --key K
 *   tfr dao vote ID yes|no|abstain|veto --farm FARM_ID --key K
 *   tfr dao list [--status open|passed|rejected|vetoed|failed]
 *   tfr dao show ID [--farm FARM_ID]
 *
 * The action flags of `propose` may repeat and mix; they become the proposal's actions in the
 * order given (dao-options.ts). Signed commands wait for their block; one committed with a failure
 * code exits 1.
 */
import type { Command } from 'commander';
import type { Status } from '../api/schemas.ts';
import type { CommandTxResult } from '../client/command-tx.ts';
import { propose, vote, VOTE_CHOICES, type VoteChoice } from '../client/dao.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../client/dao-query.ts';
import { CliError, EXIT_FAILURE } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { amountText, lines } from './chain-format.ts';
import { actionsOfSpecs, addCommandOptions, feeOf, recordAction, type ActionSpec, type CommandFlags } from './dao-options.ts';
import { commandTxText, proposalLine, proposalText } from './dao-format.ts';
import { printError } from './error-hints.ts';
import { keySourceNote, resolveKey } from './key-resolve.ts';
import { tokensToBase } from './pool-options.ts';
import { addRpcOptions, clientFor, printJson, type RpcFlags } from './rpc-options.ts';

const MAX_ID = 0xffff_ffff;

/** A positional id: a positive integer (CLI_USAGE otherwise). */
export function idArgument(value: string, what: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(value) || Number(value) > MAX_ID) throw new CliError('CLI_USAGE', `${what} wants a positive integer id, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** A committed tx that failed is a failed command: its code on stderr, exit 1. */
export function checkCommitted(ctx: CliContext, r: CommandTxResult, status: Status): void {
  const code = r.view?.code;
  if (code === undefined || code === 'OK') return;
  printError(ctx.io, code, `tx ${r.hash} failed in block ${r.view?.height ?? '?'}; its fee (${amountText(status, 'REGIONAL', r.fee.toString(10))}) and nonce were charged`);
  ctx.exitCode = EXIT_FAILURE;
}

export interface SignFlags extends CommandFlags {
  key?: string;
}

/** The --key signer of a command, its client, status and the options every signed command shares. */
export async function signer(ctx: CliContext, flags: SignFlags) {
  const key = resolveKey(ctx, flags.key);
  const client = clientFor(ctx, flags);
  const status = await client.status();
  const note = keySourceNote(key);
  if (note !== undefined) ctx.io.err(note);
  const common = { secretKey: key.secretKey, status, fee: feeOf(status, flags), ...(flags.timeout !== undefined && { timeoutMs: flags.timeout }) };
  return { client, status, common };
}

interface ProposeFlags extends SignFlags {
  title: string;
  description: string;
  period?: number;
  deposit?: string;
}

export function registerDaoCommands(program: Command, ctx: CliContext): void {
  const dao = program.command('dao').description("the regional DAO: proposals voted by farms (weight 2*CU + SU of their nodes)");

  const specs: ActionSpec[] = [];
  addCommandOptions(
    dao
      .command('propose')
      .description('submit a proposal; the action flags may repeat and mix, and run in the order given if it passes (none: a text proposal)')
      .requiredOption('--title <text>', 'title, 1..128 characters')
      .option('--description <text>', 'text or a link, at most 4096 characters', '')
      .option('--period <blocks>', "voting period in blocks (default: the DAO's minimum)", integerOption(1, MAX_ID))
      .option('--deposit <amount>', 'deposit in regional tokens, refunded unless vetoed (default: the minimum deposit)')
      .option('--actions <file>', 'a JSON file: an array of actions (or one), in the JSON form of GET /dao/proposals/:id', recordAction(specs, 'actions'))
      .option('--add-policy <file>', 'add a farming policy: a JSON file of its fields (amounts in base units)', recordAction(specs, 'add-policy'))
      .option('--update-policy <id=file>', 'update policy ID to the fields of a JSON file', recordAction(specs, 'update-policy'))
      .option('--attach-policy <farm:policy[:nodes]>', 'attach a policy to a farm, optionally for at most NODES nodes', recordAction(specs, 'attach-policy'))
      .option('--detach-policy <farm>', "detach a farm's policy", recordAction(specs, 'detach-policy'))
      .option('--set-pool-fee <bps>', 'set the pool fee, basis points', recordAction(specs, 'set-pool-fee'))
      .option('--treasury-spend <address:amount[:asset]>', 'pay from the treasury: amount in tokens, asset TFT or the regional token (default)', recordAction(specs, 'treasury-spend'))
      .option('--farm-certification <farm:gold|notCertified>', "set a farm's certification", recordAction(specs, 'farm-certification'))
      .option('--node-certification <node:certified|diy>', "set a node's certification", recordAction(specs, 'node-certification'))
      .option('--key <name|file>', 'the proposer, who locks the deposit (default $TFR_KEY)'),
  ).action(async (flags: ProposeFlags) => {
    const { client, status, common } = await signer(ctx, flags);
    const d = await client.daoParams();
    const votingPeriod = flags.period ?? d.params.minVotingPeriod;
    const deposit = flags.deposit === undefined ? d.params.minDeposit : tokensToBase(flags.deposit, status, 'REGIONAL', '--deposit');
    const actions = actionsOfSpecs(ctx, status, specs);
    const r = await propose(client, { ...common, title: flags.title, description: flags.description, votingPeriod, deposit, actions });
    if (flags.json === true) printJson(ctx, { proposalId: r.proposalId ?? null, endHeight: r.endHeight ?? null, tx: r.view });
    else {
      const head: Array<[string, string]> = [];
      if (r.proposalId !== undefined) head.push(['proposal', `#${r.proposalId} "${flags.title}"`]);
      head.push(['actions', actions.length === 0 ? 'none (a text proposal)' : actions.map((a) => a.kind).join(', ')]);
      if (r.endHeight !== undefined) head.push(['voting ends', `height ${r.endHeight} (period ${votingPeriod} blocks)`]);
      head.push(['deposit', amountText(status, 'REGIONAL', deposit)]);
      ctx.io.out(lines(head) + commandTxText(r, status));
      if (r.proposalId !== undefined) ctx.io.out(`follow it with \`tfr dao show ${r.proposalId}\`\n`);
    }
    checkCommitted(ctx, r, status);
  });

  addCommandOptions(
    dao
      .command('vote')
      .description("vote for a farm you own; a later vote replaces the farm's earlier one while voting is open")
      .argument('<id>', 'proposal id')
      .argument('<choice>', `one of ${VOTE_CHOICES.join(', ')}`)
      .requiredOption('--farm <id>', 'the farm that votes', integerOption(1, MAX_ID))
      .option('--key <name|file>', "the farm owner's key (default $TFR_KEY)"),
  ).action(async (idText: string, choiceText: string, flags: SignFlags & { farm: number }) => {
    const proposalId = idArgument(idText, 'the proposal');
    if (!(VOTE_CHOICES as readonly string[]).includes(choiceText)) throw new CliError('CLI_USAGE', `the vote is one of ${VOTE_CHOICES.join(', ')}, got ${JSON.stringify(choiceText)}`);
    const choice = choiceText as VoteChoice;
    const { client, status, common } = await signer(ctx, flags);
    const r = await vote(client, { ...common, proposalId, farmId: flags.farm, choice });
    if (flags.json === true) printJson(ctx, r.view);
    else ctx.io.out(lines([['vote', `${choice} on proposal #${proposalId} for farm ${flags.farm}`]]) + commandTxText(r, status));
    checkCommitted(ctx, r, status);
  });

  addRpcOptions(
    dao
      .command('list')
      .description('proposals, oldest first, with their turnout, yes and veto shares and projected outcome')
      .option('--status <status>', `only those with this status: ${PROPOSAL_STATUSES.join(', ')}`),
  ).action(async (flags: RpcFlags & { status?: string }) => {
    if (flags.status !== undefined && !(PROPOSAL_STATUSES as readonly string[]).includes(flags.status)) {
      throw new CliError('CLI_USAGE', `--status is one of ${PROPOSAL_STATUSES.join(', ')}, got ${JSON.stringify(flags.status)}`);
    }
    const client = clientFor(ctx, flags);
    const list = await client.proposals(flags.status as ProposalStatus | undefined);
    if (flags.json === true) printJson(ctx, list);
    else if (list.proposals.length === 0) ctx.io.out(`no ${flags.status === undefined ? '' : `${flags.status} `}proposals (height ${list.height})\n`);
    else ctx.io.out(list.proposals.map(proposalLine).join(''));
  });

  addRpcOptions(
    dao
      .command('show')
      .description('a proposal: its actions, the tally by choice, turnout against the quorum, time left and the projected outcome')
      .argument('<id>', 'proposal id')
      .option('--farm <id>', "also show this farm's vote", integerOption(1, MAX_ID)),
  ).action(async (idText: string, flags: RpcFlags & { farm?: number }) => {
    const id = idArgument(idText, 'the proposal');
    const client = clientFor(ctx, flags);
    const p = await client.proposal(id, flags.farm === undefined ? {} : { farm: flags.farm });
    if (flags.json === true) {
      printJson(ctx, p);
      return;
    }
    const [d, status] = await Promise.all([client.daoParams(), client.status()]);
    ctx.io.out(proposalText(p, d, status));
  });
}
