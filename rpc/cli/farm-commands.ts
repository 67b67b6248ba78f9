/**
 * `tfr farm ...`: farms and their nodes in the farming registry.
 *
 *   tfr farm create --name N [--payout ADDR] --key K            prints the farm id
 *   tfr farm set-payout FARM_ID --payout ADDR --key K
 *   tfr farm show FARM_ID
 *   tfr farm node add --farm ID --node-key NAME|FILE --cru N --mru SIZE --sru SIZE --hru SIZE [--ips N] --key K
 *   tfr farm node update --node ID --node-key NAME|FILE --cru N --mru SIZE --sru SIZE --hru SIZE [--ips N]
 *   tfr farm node show NODE_ID
 *   tfr farm uptime --node ID --node-key NAME|FILE --uptime SECONDS [--nu BYTES]
 *
 * The farm owner (--key) signs create, set-payout and node add; the node key signs its consent to
 * joining the farm, and signs (and pays for, from its own account) update and uptime. SIZE is
 * bytes or a size like 32GiB / 2TB.
 */
import type { Command } from 'commander';
import { MAX_CORES, MAX_PUBLIC_IPS, MAX_RESOURCE_BYTES, MAX_UPTIME_SECONDS } from '../../dao/farming/farming-params.ts';
import { assetInfo } from '../client/amounts.ts';
import { addNode, createFarm, reportUptime, setFarmPayout, updateNode } from '../client/farming.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { lines } from './chain-format.ts';
import { checkCommitted, idArgument, signer, type SignFlags } from './dao-commands.ts';
import { commandTxText, farmText, nodeText, sizeText } from './dao-format.ts';
import { addCommandOptions, feeOf, sizeOption, type CommandFlags } from './dao-options.ts';
import { nodeKeySourceNote, resolveNodeKey } from './node-key.ts';
import { addRpcOptions, clientFor, printJson, type RpcFlags } from './rpc-options.ts';

const MAX_ID = 0xffff_ffff;

interface CapacityFlags {
  nodeKey: string;
  cru: number;
  mru: number;
  sru: number;
  hru: number;
  ips: number;
}

function addCapacityOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--node-key <name|file>', 'the node key: a key file, $TFR_HOME/keys/NAME.json, or a test node name node-N')
    .requiredOption('--cru <cores>', 'CPU cores', integerOption(1, MAX_CORES))
    .requiredOption('--mru <size>', 'memory: bytes, or e.g. 32GiB', sizeOption(MAX_RESOURCE_BYTES))
    .requiredOption('--sru <size>', 'SSD: bytes, or e.g. 1TiB', sizeOption(MAX_RESOURCE_BYTES))
    .requiredOption('--hru <size>', 'HDD: bytes, or e.g. 4TB', sizeOption(MAX_RESOURCE_BYTES))
    .option('--ips <n>', 'public IPv4 addresses', integerOption(0, MAX_PUBLIC_IPS), 0);
}

const resourcesOf = (f: CapacityFlags) => ({ cru: f.cru, mru: f.mru, sru: f.sru, hru: f.hru });

/** A command signed by the node key: the key (with a note for a test node key), client, status, common options. */
async function nodeSigner(ctx: CliContext, flags: CommandFlags & { nodeKey: string }) {
  const key = resolveNodeKey(ctx, flags.nodeKey);
  const client = clientFor(ctx, flags);
  const status = await client.status();
  const note = nodeKeySourceNote(key);
  if (note !== undefined) ctx.io.err(note);
  const common = { nodeKey: key.secretKey, status, fee: feeOf(status, flags), ...(flags.timeout !== undefined && { timeoutMs: flags.timeout }) };
  return { client, status, common };
}

export function registerFarmCommands(program: Command, ctx: CliContext): void {
  const farm = program.command('farm').description('farms and their nodes: create, register nodes, report capacity and uptime, show');

  addCommandOptions(
    farm
      .command('create')
      .description('create a farm owned by --key (it votes in the DAO with the weight of its nodes)')
      .requiredOption('--name <name>', 'unique name, 1..40 of A-Z a-z 0-9 _ - .')
      .option('--payout <address>', 'where rewards go (default: the owner)')
      .option('--key <name|file>', 'the owner (default $TFR_KEY)'),
  ).action(async (flags: SignFlags & { name: string; payout?: string }) => {
    const { client, status, common } = await signer(ctx, flags);
    const r = await createFarm(client, { ...common, name: flags.name, ...(flags.payout !== undefined && { payout: flags.payout }) });
    if (flags.json === true) printJson(ctx, { farmId: r.farmId ?? null, tx: r.view });
    else {
      const head: Array<[string, string]> = [];
      if (r.farmId !== undefined) head.push(['farm', `${r.farmId} "${flags.name}" created`]);
      head.push(['owner', r.from], ['payout', flags.payout ?? r.from]);
      ctx.io.out(lines(head) + commandTxText(r, status));
    }
    checkCommitted(ctx, r, status);
  });

  addCommandOptions(
    farm
      .command('set-payout')
      .description("change where a farm's rewards go (signed by the owner)")
      .argument('<farm>', 'farm id')
      .requiredOption('--payout <address>', 'the new payout address')
      .option('--key <name|file>', 'the owner (default $TFR_KEY)'),
  ).action(async (idText: string, flags: SignFlags & { payout: string }) => {
    const farmId = idArgument(idText, 'the farm');
    const { client, status, common } = await signer(ctx, flags);
    const r = await setFarmPayout(client, { ...common, farmId, payout: flags.payout });
    if (flags.json === true) printJson(ctx, r.view);
    else ctx.io.out(lines([['payout', `farm ${farmId} pays to ${flags.payout}`]]) + commandTxText(r, status));
    checkCommitted(ctx, r, status);
  });

  addRpcOptions(farm.command('show').description('a farm: owner, payout, certification, nodes, vote weight, attached policy').argument('<farm>', 'farm id')).action(
    async (idText: string, flags: RpcFlags) => {
      const f = await clientFor(ctx, flags).farm(idArgument(idText, 'the farm'));
      if (flags.json === true) printJson(ctx, f);
      else ctx.io.out(farmText(f));
    },
  );

  addCommandOptions(
    farm
      .command('uptime')
      .description("report a node's uptime (as the node itself does), signed by its node key; its account pays the fee")
      .requiredOption('--node <id>', 'node id', integerOption(1, MAX_ID))
      .requiredOption('--node-key <name|file>', 'the node key: a key file, $TFR_HOME/keys/NAME.json, or a test node name node-N')
      .requiredOption('--uptime <seconds>', 'seconds since the node booted', integerOption(0, MAX_UPTIME_SECONDS))
      .option('--nu <bytes>', 'public traffic since the previous report: bytes, or e.g. 2GB', sizeOption(Number.MAX_SAFE_INTEGER), 0),
  ).action(async (flags: CommandFlags & { node: number; nodeKey: string; uptime: number; nu: number }) => {
    const { client, status, common } = await nodeSigner(ctx, flags);
    const r = await reportUptime(client, { ...common, nodeId: flags.node, uptimeSeconds: flags.uptime, nuBytes: flags.nu });
    if (flags.json === true) printJson(ctx, r.view);
    else ctx.io.out(lines([['uptime', `node ${flags.node} up ${flags.uptime} s, ${flags.nu} bytes of public traffic`], ['reporter', r.from]]) + commandTxText(r, status));
    checkCommitted(ctx, r, status);
  });

  const node = farm.command('node').description('nodes of a farm: register, update capacity, show');

  addCommandOptions(
    addCapacityOptions(
      node
        .command('add')
        .description('register a node in your farm; the node key signs its consent (the chain id, the farm and you)')
        .requiredOption('--farm <id>', 'your farm', integerOption(1, MAX_ID)),
    ).option('--key <name|file>', 'the farm owner (default $TFR_KEY)'),
  ).action(async (flags: SignFlags & CapacityFlags & { farm: number }) => {
    const nodeKey = resolveNodeKey(ctx, flags.nodeKey);
    const { client, status, common } = await signer(ctx, flags);
    const note = nodeKeySourceNote(nodeKey);
    if (note !== undefined) ctx.io.err(note);
    const r = await addNode(client, { ...common, farmId: flags.farm, nodeKey: nodeKey.secretKey, resources: resourcesOf(flags), publicIps: flags.ips });
    if (flags.json === true) printJson(ctx, { nodeId: r.nodeId ?? null, nodeKey: r.nodeKey, nodeAccount: r.nodeAccount, tx: r.view });
    else {
      const head: Array<[string, string]> = [];
      if (r.nodeId !== undefined) head.push(['node', `${r.nodeId} added to farm ${flags.farm}`]);
      head.push(['node key', r.nodeKey], ['node account', r.nodeAccount]);
      ctx.io.out(lines(head) + commandTxText(r, status));
      if (r.view?.code === 'OK') {
        const symbol = assetInfo(status, 'REGIONAL').symbol;
        ctx.io.out(
          `hint: the node's account ${r.nodeAccount} pays the fees of its own uptime reports and capacity updates, so it needs a little ${symbol}: ` +
            `\`tfr transfer --to ${r.nodeAccount} --amount 1 --asset ${symbol}\`\n`,
        );
      }
    }
    checkCommitted(ctx, r, status);
  });

  addCommandOptions(
    addCapacityOptions(
      node
        .command('update')
        .description("report a node's new capacity, signed by its node key (its account pays the fee)")
        .requiredOption('--node <id>', 'node id', integerOption(1, MAX_ID)),
    ),
  ).action(async (flags: CommandFlags & CapacityFlags & { node: number }) => {
    const { client, status, common } = await nodeSigner(ctx, flags);
    const r = await updateNode(client, { ...common, nodeId: flags.node, resources: resourcesOf(flags), publicIps: flags.ips });
    if (flags.json === true) printJson(ctx, r.view);
    else ctx.io.out(lines([['node', `${flags.node}: ${flags.cru} cores, ${sizeText(flags.mru)} memory, ${sizeText(flags.sru)} SSD, ${sizeText(flags.hru)} HDD, ${flags.ips} public IPs`]]) + commandTxText(r, status));
    checkCommitted(ctx, r, status);
  });

  addRpcOptions(node.command('show').description('a node: resources, capacity units, uptime this period, the policy that would pay it now').argument('<node>', 'node id')).action(
    async (idText: string, flags: RpcFlags) => {
      const n = await clientFor(ctx, flags).node(idArgument(idText, 'the node'));
      if (flags.json === true) printJson(ctx, n);
      else ctx.io.out(nodeText(n));
    },
  );
}
