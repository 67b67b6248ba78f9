/** `tfr genesis new` and `tfr genesis check`. */
import { InvalidArgumentError, type Command } from 'commander';
import { toHex, utf8 } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { generateGenesis, type GenerateGenesisOptions, type SeededChain } from '../../genesis/generate-genesis.ts';
import { formatGenesisJson } from '../../genesis/genesis-file.ts';
import { summarizeGenesis, type GenesisSummary } from '../../genesis/genesis-summary.ts';
import { checkGenesis, formatIssue } from '../../genesis/parse-genesis.ts';
import { MAX_VALIDATORS } from '../../genesis/parse-validators.ts';
import { DEFAULT_ACCOUNT_COUNT, DEFAULT_CONSENSUS } from '../../genesis/genesis-defaults.ts';
import { MAX_ANCHOR_INTERVAL } from '../../genesis/parse-consensus.ts';
import { MAX_GENERATED_ACCOUNTS } from '../../genesis/generate-genesis.ts';
import { EXIT_FAILURE } from './cli-errors.ts';
import { readTextFile, resolvePath, writeTextFile } from './cli-files.ts';
import type { CliContext } from './cli-io.ts';
import { integerOption } from './cli-options.ts';
import { cliGenesisSections } from './genesis-sections.ts';

interface NewOptions {
  region: string;
  validators: number;
  seed: string;
  out: string;
  chainId?: string;
  time?: string;
  symbol?: string;
  prefix?: string;
  accounts?: number;
  force?: boolean;
  registerRegion: SeededChain[];
  hub?: SeededChain;
  anchorInterval?: number;
}

const SEEDED_CHAIN_RE = /^(.+):([^:]+):([0-9]{1,3})$/;

/** `chainId:region:validators`, e.g. tfr-testnet-1:testnet:99 (the ranges are checked by the generator). */
export function seededChainOption(value: string): SeededChain {
  const m = SEEDED_CHAIN_RE.exec(value);
  if (m === null) throw new InvalidArgumentError('must be <chainId>:<region>:<validators>, e.g. tfr-testnet-1:testnet:99.');
  return { chainId: m[1]!, region: m[2]!, validators: Number(m[3]) };
}

function collectSeededChain(value: string, previous: SeededChain[]): SeededChain[] {
  return [...previous, seededChainOption(value)];
}

function generatorOptions(o: NewOptions): GenerateGenesisOptions {
  return {
    region: o.region,
    validators: o.validators,
    seed: o.seed,
    ...(o.chainId === undefined ? {} : { chainId: o.chainId }),
    ...(o.time === undefined ? {} : { genesisTime: o.time }),
    ...(o.symbol === undefined ? {} : { regionalSymbol: o.symbol }),
    ...(o.prefix === undefined ? {} : { addressPrefix: o.prefix }),
    ...(o.accounts === undefined ? {} : { accounts: o.accounts }),
    ...(o.registerRegion.length === 0 ? {} : { registerRegions: o.registerRegion }),
    ...(o.hub === undefined ? {} : { hub: o.hub }),
    ...(o.anchorInterval === undefined ? {} : { anchorInterval: o.anchorInterval }),
  };
}

export function formatSummary(file: string, s: GenesisSummary): string {
  const rows: [string, string][] = [
    ['chain id', s.chainId],
    ['region', s.region],
    ['genesis time', s.genesisTime],
    ['genesis hash', s.hash],
    ['address prefix', s.addressPrefix],
    ['validators', `${s.validatorCount} (total power ${s.totalPower}, quorum ${s.quorum})`],
    ['assets', s.assets.map((a) => `${a.symbol} (${a.decimals} decimals)`).join(', ')],
    ['accounts', `${s.fundedAccounts} funded`],
    ['total supply', s.assets.map((a) => `${a.supplyHuman} ${a.symbol}`).join(', ')],
  ];
  if (s.appSections.length > 0) rows.push(['app sections', s.appSections.join(', ')]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return `${file}: valid genesis\n${rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join('\n')}\n`;
}

export function registerGenesisCommands(program: Command, ctx: CliContext): void {
  const genesis = program.command('genesis').description('create and check genesis files');

  genesis
    .command('new')
    .description('generate a test-network genesis with keys derived from a seed (deterministic)')
    .requiredOption('--region <name>', 'region name (1..32 of a-z, 0-9, -)')
    .requiredOption('--validators <n>', `number of validators (1..${MAX_VALIDATORS})`, integerOption(1, MAX_VALIDATORS))
    .requiredOption('--seed <seed>', 'seed of every key (PUBLIC for test networks)')
    .requiredOption('--out <file>', 'file to write')
    .option('--chain-id <id>', 'chain id (default tfr-<region>-1)')
    .option('--time <rfc3339>', 'genesis time (default 2026-11-01T00:00:00Z)')
    .option('--symbol <symbol>', 'regional token symbol (default CHI, HUB for region hub)')
    .option('--prefix <hrp>', 'address prefix (default: the region)')
    .option('--accounts <n>', `number of funded test accounts (default ${DEFAULT_ACCOUNT_COUNT})`, integerOption(0, MAX_GENERATED_ACCOUNTS))
    .option(
      '--register-region <chainId:region:validators>',
      'Hub genesis: register a region whose validator keys derive from --seed (repeatable; registrar: test account alice)',
      collectSeededChain,
      [] as SeededChain[],
    )
    .option('--hub <chainId:region:validators>', 'region genesis: the Hub it anchors to, its validator keys derived from --seed', seededChainOption)
    .option('--anchor-interval <blocks>', `blocks between anchor certificates (default ${DEFAULT_CONSENSUS.anchorInterval}; give a region and its Hub the same)`, integerOption(1, MAX_ANCHOR_INTERVAL))
    .option('--force', 'replace an existing file')
    .action((options: NewOptions) => {
      const file = generateGenesis(generatorOptions(options));
      const text = formatGenesisJson(file);
      const path = resolvePath(ctx.io, options.out);
      writeTextFile(path, text, { force: options.force === true, existsHint: 'use --force to replace it' });
      ctx.io.out(
        `wrote ${options.out}: chain ${file.chainId}, region ${file.region}, ` +
          `${file.validators.length} validators, ${file.accounts.length} accounts\n` +
          `genesis hash ${toHex(sha256(utf8(text)))}\n`,
      );
    });

  genesis
    .command('check')
    .description('validate a genesis file and print a summary, or every issue')
    .argument('<file>', 'genesis file')
    .action((file: string) => {
      const result = checkGenesis(readTextFile(resolvePath(ctx.io, file)), { sections: cliGenesisSections() });
      if (result.ok) {
        ctx.io.out(formatSummary(file, summarizeGenesis(result.genesis)));
        return;
      }
      const n = result.issues.length;
      ctx.io.err(`${file}: invalid genesis, ${n} issue${n === 1 ? '' : 's'}:\n${result.issues.map((i) => `  ${formatIssue(i)}\n`).join('')}`);
      ctx.exitCode = EXIT_FAILURE;
    });
}
