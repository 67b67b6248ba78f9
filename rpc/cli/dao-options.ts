/**
 * Options of the DAO and farming commands: byte sizes (`--mru 32GiB`), JSON files, the common
 * options of a signed command, and the action flags of `tfr dao propose`, which may repeat and mix
 * and become actions in the order given on the command line.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { Status } from '../api/schemas.ts';
import { assetIdOf, assetInfo } from '../client/amounts.ts';
import type { ProposalAction } from '../../dao/governance/dao-types.ts';
import { actionFromJson } from '../client/dao-json.ts';
import { CliError } from './cli-errors.ts';
import { readTextFile, resolvePath } from './cli-files.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { tokensToBase } from './pool-options.ts';
import { addRpcOptions, type RpcFlags } from './rpc-options.ts';

const UNITS: Readonly<Record<string, bigint>> = {
  b: 1n,
  kb: 10n ** 3n,
  mb: 10n ** 6n,
  gb: 10n ** 9n,
  tb: 10n ** 12n,
  kib: 1n << 10n,
  mib: 1n << 20n,
  gib: 1n << 30n,
  tib: 1n << 40n,
};

/** Bytes from "1073741824", "32GiB", "1.5 TiB", "500GB" (GB = 10^9, GiB = 2^30); a whole number of bytes up to `max`. */
export function parseSize(value: string, max: number): number | undefined {
  const m = /^([0-9]{1,16})(?:\.([0-9]{1,12}))?\s*([a-z]*)$/i.exec(value.trim());
  if (m === null) return undefined;
  const unit = UNITS[(m[3] === '' ? 'b' : m[3]!).toLowerCase()];
  if (unit === undefined) return undefined;
  const frac = m[2] ?? '';
  const scale = 10n ** BigInt(frac.length);
  const scaled = (BigInt(m[1]!) * scale + BigInt(frac === '' ? '0' : frac)) * unit;
  if (scaled % scale !== 0n) return undefined;
  const bytes = scaled / scale;
  return bytes > BigInt(max) ? undefined : Number(bytes);
}

export function sizeOption(max: number): (value: string) => number {
  return (value) => {
    const n = parseSize(value, max);
    if (n === undefined) throw new InvalidArgumentError(`must be a whole number of bytes up to ${max}, or a size like 32GiB, 1.5TiB, 500GB (KiB MiB GiB TiB are powers of 2, KB MB GB TB of 10).`);
    return n;
  };
}

/** A file of JSON, relative to the CLI's cwd; CLI_USAGE if it is not JSON. */
export function readJsonFile(ctx: CliContext, file: string): unknown {
  const path = resolvePath(ctx.io, file);
  const text = readTextFile(path);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CliError('CLI_USAGE', `${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface CommandFlags extends RpcFlags {
  fee?: string;
  timeout?: number;
}

/** --fee and --timeout of the signed commands, and --rpc, --json. */
export function addCommandOptions(cmd: Command): Command {
  return addRpcOptions(
    cmd
      .option('--fee <amount>', 'fee in regional tokens (default: the chain minimum fee)')
      .option('--timeout <ms>', 'how long the node waits for the block (default 15000)', integerOption(1, 60_000)),
  );
}

/** The fee of a signed command in base units (default the chain's minFee). */
export function feeOf(status: Status, flags: CommandFlags): string {
  return flags.fee === undefined ? status.minFee : tokensToBase(flags.fee, status, 'REGIONAL', '--fee');
}

// ---------------------------------------------------------------- tfr dao propose: action flags

export type ActionFlag = 'actions' | 'add-policy' | 'update-policy' | 'attach-policy' | 'detach-policy' | 'set-pool-fee' | 'treasury-spend' | 'farm-certification' | 'node-certification';

export interface ActionSpec {
  readonly flag: ActionFlag;
  readonly value: string;
}

const ID = '([1-9][0-9]{0,9})';
const SYNTAX: Readonly<Record<ActionFlag, { re: RegExp; wants: string }>> = {
  actions: { re: /^.+$/, wants: 'a JSON file' },
  'add-policy': { re: /^.+$/, wants: 'a JSON file' },
  'update-policy': { re: new RegExp(`^${ID}=(.+)$`), wants: 'POLICY_ID=FILE.json' },
  'attach-policy': { re: new RegExp(`^${ID}:${ID}(?::([0-9]{1,10}))?$`), wants: 'FARM_ID:POLICY_ID or FARM_ID:POLICY_ID:NODE_COUNT' },
  'detach-policy': { re: new RegExp(`^${ID}$`), wants: 'FARM_ID' },
  'set-pool-fee': { re: /^([0-9]{1,5})$/, wants: 'basis points, 0..10000' },
  'treasury-spend': { re: /^([^:]+):([^:]+)(?::([^:]+))?$/, wants: 'ADDRESS:AMOUNT or ADDRESS:AMOUNT:ASSET' },
  'farm-certification': { re: new RegExp(`^${ID}:(gold|notCertified)$`), wants: 'FARM_ID:gold or FARM_ID:notCertified' },
  'node-certification': { re: new RegExp(`^${ID}:(certified|diy)$`), wants: 'NODE_ID:certified or NODE_ID:diy' },
};

/**
 * A commander option parser for an action flag: checks its syntax (usage error otherwise) and
 * records it in `specs`, so flags of different kinds keep their command-line order.
 */
export function recordAction(specs: ActionSpec[], flag: ActionFlag): (value: string, previous: string[] | undefined) => string[] {
  return (value, previous) => {
    if (!SYNTAX[flag].re.test(value)) throw new InvalidArgumentError(`wants ${SYNTAX[flag].wants}, got ${JSON.stringify(value)}.`);
    if (flag === 'set-pool-fee' && Number(value) > 10_000) throw new InvalidArgumentError(`wants ${SYNTAX[flag].wants}, got ${value}.`);
    specs.push({ flag, value });
    return [...(previous ?? []), value];
  };
}

/**
 * The actions of the flags, in command-line order, checked as the chain checks them; an error names
 * the flag or file position it came from (e.g. `actions.json[2].policy.cu: ...`).
 */
export function actionsOfSpecs(ctx: CliContext, status: Status, specs: readonly ActionSpec[]): ProposalAction[] {
  const actions: ProposalAction[] = [];
  const add = (a: unknown, path: string) => actions.push(actionFromJson(a, status.addressPrefix, path));
  for (const { flag, value } of specs) {
    const m = SYNTAX[flag].re.exec(value)!;
    switch (flag) {
      case 'actions': {
        const json = readJsonFile(ctx, value);
        if (Array.isArray(json)) json.forEach((a, i) => add(a, `${value}[${i}]`));
        else add(json, value);
        break;
      }
      case 'add-policy':
        add({ kind: 'add-policy', policy: readJsonFile(ctx, value) }, `--add-policy ${value}`);
        break;
      case 'update-policy':
        add({ kind: 'update-policy', policyId: Number(m[1]), policy: readJsonFile(ctx, m[2]!) }, `--update-policy ${value}`);
        break;
      case 'attach-policy':
        add({ kind: 'attach-policy', farmId: Number(m[1]), policyId: Number(m[2]), limits: m[3] === undefined ? {} : { nodeCount: Number(m[3]) } }, `--attach-policy ${value}`);
        break;
      case 'detach-policy':
        add({ kind: 'detach-policy', farmId: Number(m[1]) }, `--detach-policy ${value}`);
        break;
      case 'set-pool-fee':
        add({ kind: 'set-pool-fee', feeBps: Number(m[1]) }, `--set-pool-fee ${value}`);
        break;
      case 'treasury-spend': {
        const assetName = m[3] ?? 'REGIONAL';
        const asset = assetIdOf(status, assetName);
        if (asset === undefined) throw new CliError('CLI_USAGE', `--treasury-spend ${value}: the asset is TFT, ${assetInfo(status, 'REGIONAL').symbol} or REGIONAL, got ${JSON.stringify(assetName)}`);
        add({ kind: 'treasury-spend', to: m[1]!, asset, amount: tokensToBase(m[2]!, status, asset, `--treasury-spend ${value}:`) }, `--treasury-spend ${value}`);
        break;
      }
      case 'farm-certification':
        add({ kind: 'set-farm-certification', farmId: Number(m[1]), certification: m[2] }, `--farm-certification ${value}`);
        break;
      case 'node-certification':
        add({ kind: 'set-node-certification', nodeId: Number(m[1]), certification: m[2] }, `--node-certification ${value}`);
        break;
    }
  }
  return actions;
}
