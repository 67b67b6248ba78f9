/**
 * Anchoring and the TFT bridge on the command line:
 *
 *   tfr anchors [--region CHAIN] [--limit N]                      a region's anchors, or the Hub's regions
 *   tfr bridge deposit --region CHAIN --to ADDRESS --amount X      on the Hub (--hub-rpc): lock TFT for the region
 *                      [--wait-claim]                              and wait until the relayer claimed it (--rpc: the region)
 *   tfr bridge withdraw --to HUBADDRESS --amount X [--release]     on the region (--rpc): burn TFT for the Hub; with
 *                                                                  --release wait until anchored and release it on the Hub
 *   tfr bridge release ID                                          release a withdrawal on the Hub once anchored
 *   tfr bridge transfer ID                                         a transfer as one chain knows it (--rpc)
 *
 * Amounts are TFT in tokens ("12.5"); fees in each chain's regional token (default its minimum).
 */
import { Option, type Command } from 'commander';
import type { Status, TxView } from '../api/schemas.ts';
import type { BridgeTransferView } from '../api/anchor-schemas.ts';
import { bridgeDeposit, bridgeRelease, bridgeWithdraw, releaseInputOf } from '../client/bridge.ts';
import { createClient, type TfrClient } from '../client/client.ts';
import type { CommandTxResult } from '../client/command-tx.ts';
import { RpcError } from '../client/rpc-error.ts';
import { releaseHeight } from '../relayer/relayer-plan.ts';
import { amountText, lines } from './chain-format.ts';
import { CliError, EXIT_FAILURE } from './cli-errors.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { commandTxText } from './dao-format.ts';
import { printError } from './error-hints.ts';
import { anchorsText, transferText } from './bridge-format.ts';
import { keySourceNote, resolveKey, type ResolvedKey } from './key-resolve.ts';
import { tokensToBase } from './pool-options.ts';
import { addRpcOptions, clientFor, printJson, urlOf, type RpcFlags } from './rpc-options.ts';

/** Where `tfr testnet --with-hub` serves the Hub's RPC (the region's port + 100). */
export const DEFAULT_HUB_RPC_URL = 'http://127.0.0.1:26757';
const DEFAULT_WAIT_MS = 300_000;

interface HubFlags {
  hubRpc?: string;
}

export function hubClientFor(ctx: CliContext, flags: HubFlags): TfrClient {
  return createClient({ url: urlOf(ctx, flags.hubRpc, 'TFR_HUB_RPC', DEFAULT_HUB_RPC_URL, '--hub-rpc'), ...(ctx.io.fetch !== undefined && { fetch: ctx.io.fetch }) });
}

const HUB_RPC_HELP = `the Hub's RPC URL (default $TFR_HUB_RPC, else ${DEFAULT_HUB_RPC_URL})`;
const KEY_HELP = 'signing key: $TFR_HOME/keys/NAME.json, a key file path, or a test account name (default $TFR_KEY); the same key signs on the Hub and the region';

interface SignedFlags extends RpcFlags, HubFlags {
  key?: string;
  fee?: string;
  timeout?: number;
  waitTimeout: number;
  poll: number;
}

function addSignedOptions(cmd: Command): Command {
  return addRpcOptions(
    cmd
      .option('--key <name|file>', KEY_HELP)
      .option('--fee <amount>', "fee in the chain's regional tokens (default: its minimum fee)")
      .option('--timeout <ms>', 'how long the node waits for the block (default 15000)', integerOption(1, 60_000))
      .option('--wait-timeout <ms>', 'how long to wait for the other chain (claim, anchoring)', integerOption(1, 24 * 3_600_000), DEFAULT_WAIT_MS)
      .addOption(new Option('--poll <ms>', 'poll interval while waiting').hideHelp().argParser(integerOption(1, 60_000)).default(1000)),
  );
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `pollMs` until it answers a value; CLI_WAIT_TIMEOUT after `timeoutMs`. */
async function waitFor<T>(what: string, timeoutMs: number, pollMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() >= deadline) throw new CliError('CLI_WAIT_TIMEOUT', `${what}: not done after ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}

function feeOn(status: Status, fee: string | undefined): string {
  return fee === undefined ? status.minFee : tokensToBase(fee, status, 'REGIONAL', '--fee');
}

/** The signed-command options on one chain; `fee` (tokens) only applies to the chain the command is for. */
function txOpts(flags: SignedFlags, key: ResolvedKey, status: Status, fee: string | undefined = flags.fee) {
  return { secretKey: key.secretKey, fee: feeOn(status, fee), status, ...(flags.timeout !== undefined && { timeoutMs: flags.timeout }) };
}

/** A committed tx with a failure code: its code on stderr, exit 1; answers whether it succeeded. */
function succeeded(ctx: CliContext, view: TxView | null, status: Status): boolean {
  if (view === null || view.code === undefined || view.code === 'OK') return true;
  printError(ctx.io, view.code, `tx ${view.hash} failed in block ${view.height ?? '?'}; its fee (${amountText(status, 'REGIONAL', view.tx.fee)}) and nonce were charged`);
  ctx.exitCode = EXIT_FAILURE;
  return false;
}

async function claimedOn(client: TfrClient, id: string): Promise<BridgeTransferView | undefined> {
  try {
    const t = await client.bridgeTransfer(id);
    return t.status === 'claimed' ? t : undefined;
  } catch (e) {
    if (e instanceof RpcError && e.code === 'BRIDGE_UNKNOWN_TRANSFER') return undefined;
    throw e;
  }
}

export function registerBridgeCommands(program: Command, ctx: CliContext): void {
  addRpcOptions(
    program
      .command('anchors')
      .description("anchoring: a region's certificates and the Hub's receipt (anchored height), or on the Hub every region's last anchored certificate")
      .option('--region <chain-id>', 'on the Hub: only this region')
      .option('--limit <n>', 'certificates per list (1..50, default 10)', integerOption(1, 50)),
  ).action(async (flags: RpcFlags & { region?: string; limit?: number }) => {
    const view = await clientFor(ctx, flags).anchors({ ...(flags.region !== undefined && { region: flags.region }), ...(flags.limit !== undefined && { limit: flags.limit }) });
    if (flags.json === true) printJson(ctx, view);
    else ctx.io.out(anchorsText(view));
  });

  const bridge = program.command('bridge').description('move TFT between the Hub and a region');

  addSignedOptions(
    bridge
      .command('deposit')
      .description('on the Hub (--hub-rpc): lock TFT for a recipient on a region; the relayer claims it there')
      .requiredOption('--region <chain-id>', 'chain id of the region the TFT goes to')
      .requiredOption('--to <address>', 'the recipient on the region (its address, the region prefix)')
      .requiredOption('--amount <tft>', 'TFT in tokens, e.g. 12.5')
      .option('--hub-rpc <url>', HUB_RPC_HELP)
      .option('--wait-claim', 'wait until the region paid it (reads the region at --rpc)'),
  ).action(async (flags: SignedFlags & { region: string; to: string; amount: string; waitClaim?: boolean }) => {
    const key = resolveKey(ctx, flags.key);
    const hub = hubClientFor(ctx, flags);
    const status = await hub.status();
    const amount = tokensToBase(flags.amount, status, 'TFT', '--amount');
    const region = (await hub.anchors({ region: flags.region, limit: 1 })).regions[0];
    if (region?.frozen === true) throw new CliError('CLI_USAGE', `the bridge of ${flags.region} is frozen on the Hub (fork evidence): nothing can cross it`);
    const note = keySourceNote(key);
    if (note !== undefined) ctx.io.err(note);
    const r = await bridgeDeposit(hub, { ...txOpts(flags, key, status), region: flags.region, to: flags.to, amount });
    const ok = succeeded(ctx, r.view, status);
    let claim: BridgeTransferView | undefined;
    if (ok && flags.waitClaim === true) {
      if (r.transferId === undefined) throw new CliError('CLI_WAIT_TIMEOUT', 'the deposit announced no transfer id to wait for');
      const regionClient = clientFor(ctx, flags);
      const id = r.transferId;
      claim = await waitFor(`claim of ${id} on ${flags.region}`, flags.waitTimeout, flags.poll, () => claimedOn(regionClient, id));
    }
    if (flags.json === true) return printJson(ctx, { transferId: r.transferId ?? null, tx: r.view ?? { hash: r.hash }, claim: claim ?? null });
    ctx.io.out(`deposit ${amountText(status, 'TFT', amount)} from ${r.from} (${status.chainId}) to ${flags.to} on ${flags.region}\n`);
    ctx.io.out(lines([['transfer', r.transferId ?? (r.view === null ? 'not waited for' : 'no id announced')]]) + commandTxText(r, status));
    if (claim?.claim !== null && claim !== undefined) ctx.io.out(lines([['claimed', `on ${flags.region} in block ${claim.claim!.height}`]]));
    else if (ok && r.transferId !== undefined) ctx.io.out(`the relayer claims it on ${flags.region}: \`tfr bridge transfer ${r.transferId} --rpc REGION_RPC\` shows when\n`);
  });

  addSignedOptions(
    bridge
      .command('withdraw')
      .description('on the region (--rpc): burn TFT for a recipient on the Hub; with --release, wait until anchored and release it on the Hub (--hub-rpc)')
      .requiredOption('--to <address>', 'the recipient on the Hub (its address, the Hub prefix)')
      .requiredOption('--amount <tft>', 'TFT in tokens, e.g. 12.5')
      .option('--release', 'wait until a certificate above the withdrawal is anchored, then submit bridge.release on the Hub')
      .option('--hub-rpc <url>', HUB_RPC_HELP),
  ).action(async (flags: SignedFlags & { to: string; amount: string; release?: boolean }) => {
    const key = resolveKey(ctx, flags.key);
    const region = clientFor(ctx, flags);
    const status = await region.status();
    const amount = tokensToBase(flags.amount, status, 'TFT', '--amount');
    const note = keySourceNote(key);
    if (note !== undefined) ctx.io.err(note);
    const r = await bridgeWithdraw(region, { ...txOpts(flags, key, status), to: flags.to, amount });
    const ok = succeeded(ctx, r.view, status);
    if (flags.json !== true) {
      ctx.io.out(`withdraw ${amountText(status, 'TFT', amount)} from ${r.from} (${status.chainId}) to ${flags.to} on the Hub\n`);
      ctx.io.out(lines([['transfer', r.transferId ?? (r.view === null ? 'not waited for' : 'no id announced')]]) + commandTxText(r, status));
    }
    let release: ReleaseOutcome | undefined;
    if (ok && flags.release === true) {
      if (r.transferId === undefined) throw new CliError('CLI_WAIT_TIMEOUT', 'the withdrawal announced no transfer id to release');
      release = await releaseWithdrawal(ctx, flags, key, region, status, r.transferId);
    }
    if (flags.json === true) return printJson(ctx, { transferId: r.transferId ?? null, tx: r.view ?? { hash: r.hash }, release: release === undefined ? null : releaseJson(release) });
    if (release === undefined && ok && r.transferId !== undefined) ctx.io.out(`once anchored, \`tfr bridge release ${r.transferId}\` (or a relayer with --release-withdrawals) pays it on the Hub\n`);
  });

  addSignedOptions(
    bridge
      .command('release')
      .argument('<id>', 'the withdrawal (transfer id, 64 hex)')
      .description('release a withdrawal on the Hub (--hub-rpc) once a certificate above it is anchored (waits for that); the region is --rpc')
      .option('--hub-rpc <url>', HUB_RPC_HELP),
  ).action(async (id: string, flags: SignedFlags) => {
    if (!/^[0-9a-fA-F]{64}$/.test(id)) throw new CliError('CLI_USAGE', `a transfer id is 64 hex characters, got ${JSON.stringify(id)}`);
    const key = resolveKey(ctx, flags.key);
    const region = clientFor(ctx, flags);
    const status = await region.status();
    const note = keySourceNote(key);
    if (note !== undefined) ctx.io.err(note);
    const release = await releaseWithdrawal(ctx, flags, key, region, status, id.toLowerCase(), flags.fee);
    if (flags.json === true) printJson(ctx, releaseJson(release));
  });

  addRpcOptions(bridge.command('transfer').argument('<id>', 'transfer id (64 hex)').description('a bridge transfer as the chain at --rpc knows it: sent from there, or claimed there')).action(
    async (id: string, flags: RpcFlags) => {
      if (!/^[0-9a-fA-F]{64}$/.test(id)) throw new CliError('CLI_USAGE', `a transfer id is 64 hex characters, got ${JSON.stringify(id)}`);
      const client = clientFor(ctx, flags);
      const t = await client.bridgeTransfer(id.toLowerCase());
      if (flags.json === true) return printJson(ctx, t);
      ctx.io.out(transferText(t, await client.status()));
    },
  );
}

interface ReleaseOutcome {
  readonly anchoredHeight: number | null;
  readonly result: CommandTxResult | null;
  /** Set when the Hub had paid it already (a relayer, or an earlier run). */
  readonly already: BridgeTransferView | null;
  readonly hubStatus: Status;
}

function releaseJson(r: ReleaseOutcome) {
  return { anchoredHeight: r.anchoredHeight, tx: r.result?.view ?? (r.result === null ? null : { hash: r.result.hash }), alreadyReleased: r.already !== null };
}

/** Waits until the Hub anchored a region height above the withdrawal, proves the record there and releases it on the Hub. */
async function releaseWithdrawal(ctx: CliContext, flags: SignedFlags, key: ResolvedKey, region: TfrClient, status: Status, id: string, releaseFee?: string): Promise<ReleaseOutcome> {
  const hub = hubClientFor(ctx, flags);
  const hubStatus = await hub.status();
  const sent = (await region.bridgeTransfer(id)).transfer;
  if (sent === null) throw new CliError('CLI_USAGE', `${id} was not sent from ${status.chainId} (it is a claim there)`);
  const out = (text: string): void => {
    if (flags.json !== true) ctx.io.out(text);
  };
  const paid = async (): Promise<ReleaseOutcome | undefined> => {
    const already = await claimedOn(hub, id);
    if (already === undefined) return undefined;
    out(lines([['released', `already, in Hub block ${already.claim?.height ?? '?'}`]]));
    return { anchoredHeight: null, result: null, already, hubStatus };
  };
  const early = await paid();
  if (early !== undefined) return early;
  out(`waiting for the Hub to anchor ${status.chainId} above height ${sent.height}...\n`);
  const at = await waitFor(`anchoring of ${status.chainId} above height ${sent.height}`, flags.waitTimeout, flags.poll, async () => {
    const r = (await hub.anchors({ region: status.chainId, limit: 1 })).regions[0];
    return r === undefined ? undefined : releaseHeight(sent.height, r.lastHeight);
  });
  const proof = await region.stateProof(sent.key, at);
  let result: CommandTxResult;
  try {
    result = await bridgeRelease(hub, { ...txOpts(flags, key, hubStatus, releaseFee), ...releaseInputOf(status.chainId, proof) });
  } catch (e) {
    // A relayer may have released it meanwhile: the Hub then refuses ours as a repeat.
    if (e instanceof RpcError && e.code === 'BRIDGE_ALREADY_CLAIMED') {
      const later = await paid();
      if (later !== undefined) return later;
    }
    throw e;
  }
  out(lines([['anchored', `region height ${at} on the Hub`], ['release tx', result.hash]]));
  if (result.view !== null) out(lines([['release status', `${result.view.status === 'committed' ? `committed in Hub block ${result.view.height ?? '?'}` : 'pending'}: ${result.view.code ?? '?'}`]]));
  succeeded(ctx, result.view, hubStatus);
  return { anchoredHeight: at, result, already: null, hubStatus };
}
