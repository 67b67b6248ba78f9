/**
 * `generateGenesis`: a test-network genesis, deterministic from its inputs (no clock, no randomness):
 * validators and test accounts get keys derived from `seed` (test-validator-keys.ts,
 * test-accounts.ts), every account holds 1,000,000 TFT and 1,000,000 regional tokens.
 * The inputs are checked with the same rules as `parseGenesis`, so the output always parses.
 *
 * Anchoring (chain/anchor/README.md): `registerRegions` adds an "anchor" section (a Hub's) that
 * registers regions whose validators derive from the same seed (testValidatorKeys(seed, region, i),
 * weight 1, threshold floor(2n/3) + 1: the set the region derives from its own generated genesis),
 * with the test account `alice` of this chain as registrar; `hub` adds a "hub" section (a region's)
 * naming a Hub whose validators derive from the same seed, in the Hub genesis order.
 */
import { BN } from '../chain/amount.ts';
import { compareBytes, toHex } from '../chain/codec/bytes.ts';
import { addressFromPublicKey, isValidHrp } from '../chain/crypto/addresses.ts';
import { ChainError } from '../chain/errors.ts';
import type { GenesisFile, GenesisFileAccount, GenesisFileValidator } from './genesis-file.ts';
import {
  DEFAULT_ACCOUNT_COUNT,
  DEFAULT_CONSENSUS,
  DEFAULT_GENESIS_TIME,
  DEFAULT_MIN_FEE,
  DEFAULT_REGIONAL_DECIMALS,
  HUB_REGION,
  TEST_ACCOUNT_FUNDING,
  TEST_POOL_FEE_BPS,
  TEST_DAO,
  TEST_FARM_OWNERS,
  TEST_FARMING_PERIOD_BLOCKS,
  TEST_NODE_FUNDING,
  TEST_POOL_REGIONAL,
  TEST_POOL_TFT,
  defaultChainId,
  defaultRegionalSymbol,
} from './genesis-defaults.ts';
import { IssueList } from './genesis-issue.ts';
import { readAddressPrefix, readChainId, readGenesisTime, readRegion } from './parse-header.ts';
import { REGIONAL_SYMBOL_RE, TFT_DECIMALS, TFT_SYMBOL } from './parse-assets.ts';
import { MAX_VALIDATORS } from './parse-validators.ts';
import { MAX_ANCHOR_INTERVAL } from './parse-consensus.ts';
import { testAccountKey, testAccountNames } from './test-accounts.ts';
import { testValidatorKeys } from './test-validator-keys.ts';
import { UniqueCheck } from './unique-check.ts';
import { integerIn, stringMatching } from './value-readers.ts';
import { testFarmingSection, testNodeKey, type FarmingSectionJson } from '../dao/farming/test-farms.ts';

export const MAX_GENERATED_ACCOUNTS = 1000;

/** Another chain generated from the same seed: its chain id, region (key paths) and validator count. */
export interface SeededChain {
  readonly chainId: string;
  readonly region: string;
  /** 1..100 validators of power 1. */
  readonly validators: number;
}

export interface GenerateGenesisOptions {
  readonly region: string;
  /** Number of validators, 1..100. */
  readonly validators: number;
  /** Seed of every key (test networks only: whoever knows it holds every key). */
  readonly seed: string;
  /** Default `tfr-<region>-1`. */
  readonly chainId?: string;
  /** RFC 3339 UTC; default 2026-11-01T00:00:00Z. */
  readonly genesisTime?: string;
  /** Default: the region, when it is a valid prefix. */
  readonly addressPrefix?: string;
  /** Default CHI (HUB for region "hub"). */
  readonly regionalSymbol?: string;
  /** Number of funded test accounts, 0..1000; default 12 (alice .. niaj). */
  readonly accounts?: number;
  /**
   * Add a "pool" section (100,000 TFT / 1,000,000 regional tokens, fee 30 bps, provider the DAO
   * treasury); default: every region but the Hub.
   */
  readonly pool?: boolean;
  /**
   * Add "farming" and "dao" sections (test farms of the first 6 accounts with 2 nodes each, their
   * node accounts funded for fees, short periods); default: every region but the Hub.
   */
  readonly dao?: boolean;
  /** Regions to register in an "anchor" section (this genesis is then a Hub's); registrar: test account alice. */
  readonly registerRegions?: readonly SeededChain[];
  /** The Hub this region anchors to: a "hub" section with the Hub's chain id and validators. */
  readonly hub?: SeededChain;
  /**
   * Blocks between anchor certificates, 1..1,000,000; default 50. A region and its Hub should use
   * the same (the Hub's GET /anchors lists a region's certificates at multiples of its own).
   */
  readonly anchorInterval?: number;
}

const readSymbol = stringMatching(REGIONAL_SYMBOL_RE, '2 to 12 characters A-Z, 0-9, not TFT');

/** Throws ChainError (first issue) unless every option is acceptable. */
function checkOptions(o: GenerateGenesisOptions, chainId: string, prefix: string, symbol: string): void {
  const issues = new IssueList();
  const region = readRegion(o.region, 'region', issues);
  integerIn(1, MAX_VALIDATORS)(o.validators, 'validators', issues);
  integerIn(0, MAX_GENERATED_ACCOUNTS)(o.accounts ?? DEFAULT_ACCOUNT_COUNT, 'accounts', issues);
  integerIn(1, MAX_ANCHOR_INTERVAL)(o.anchorInterval ?? DEFAULT_CONSENSUS.anchorInterval, 'consensus.anchorInterval', issues);
  if (typeof o.seed !== 'string' || o.seed.length === 0 || o.seed.includes('\u0000')) {
    issues.add('GENESIS_INVALID_FIELD', 'seed', 'must be a non-empty string without U+0000');
  }
  if (region !== undefined) readChainId(chainId, 'chainId', issues);
  readGenesisTime(o.genesisTime ?? DEFAULT_GENESIS_TIME, 'genesisTime', issues);
  if (o.addressPrefix === undefined && region !== undefined && !isValidHrp(region)) {
    issues.add('GENESIS_INVALID_FIELD', 'addressPrefix', `the region "${region}" is not a valid address prefix (1..16 of a-z, 0-9): give one`);
  } else if (o.addressPrefix !== undefined || region !== undefined) {
    readAddressPrefix(prefix, 'addressPrefix', issues);
  }
  if (readSymbol(symbol, 'assets.regional.symbol', issues) === TFT_SYMBOL) {
    issues.add('GENESIS_INVALID_FIELD', 'assets.regional.symbol', 'the regional token cannot be called "TFT"');
  }
  checkSeededChains(o, chainId, issues);
  const first = issues.items[0];
  if (first !== undefined) throw new ChainError(first.code, `${first.field}: ${first.message}`, { field: first.field, issues: issues.items });
}

function checkSeededChain(c: SeededChain, field: string, ownChainId: string, issues: IssueList): void {
  const id = readChainId(c.chainId, `${field}.chainId`, issues);
  if (id !== undefined && id === ownChainId) issues.add('GENESIS_INVALID_FIELD', `${field}.chainId`, `"${id}" is this chain's own id`);
  readRegion(c.region, `${field}.region`, issues);
  integerIn(1, MAX_VALIDATORS)(c.validators, `${field}.validators`, issues);
}

function checkSeededChains(o: GenerateGenesisOptions, chainId: string, issues: IssueList): void {
  const seen = new UniqueCheck('region chain id', issues);
  (o.registerRegions ?? []).forEach((c, i) => {
    checkSeededChain(c, `registerRegions[${i}]`, chainId, issues);
    if (typeof c.chainId === 'string') seen.check(c.chainId, `registerRegions[${i}].chainId`);
  });
  if (o.hub !== undefined) {
    checkSeededChain(o.hub, 'hub', chainId, issues);
    if ((o.registerRegions ?? []).length > 0) issues.add('GENESIS_INVALID_FIELD', 'hub', 'a Hub genesis (with regions to register) has no Hub of its own');
  }
}

/** The "anchor" section: the regions with their certificate sets (keys ascending), registrar alice. */
function anchorSection(seed: string, registrar: string, regions: readonly SeededChain[]): unknown {
  return {
    registrar,
    regions: regions.map((c) => {
      const keys = Array.from({ length: c.validators }, (_, i) => testValidatorKeys(seed, c.region, i + 1).bls).sort((a, b) => compareBytes(a.publicKey, b.publicKey));
      return {
        chainId: c.chainId,
        threshold: Math.floor((2 * c.validators) / 3) + 1,
        validators: keys.map((k) => ({ blsPublicKey: toHex(k.publicKey), blsPop: toHex(k.pop), weight: 1 })),
      };
    }),
  };
}

/** The "hub" section: the Hub's validators in its genesis order (commit indices refer to it). */
function hubSection(seed: string, hub: SeededChain): unknown {
  return {
    chainId: hub.chainId,
    validators: Array.from({ length: hub.validators }, (_, i) => {
      const keys = testValidatorKeys(seed, hub.region, i + 1);
      return { publicKey: toHex(keys.ed25519.publicKey), blsPublicKey: toHex(keys.bls.publicKey), power: 1 };
    }),
  };
}

/** `whole` tokens in base units. */
function wholeTokens(whole: number, decimals: number): string {
  return new BN(whole).mul(new BN(10).pow(new BN(decimals))).toString(10);
}

/** 1,000,000 whole tokens in base units. */
function funding(decimals: number): string {
  return wholeTokens(TEST_ACCOUNT_FUNDING, decimals);
}

/** Test farms owned by the first accounts, their node accounts (funded for fees) and the DAO's parameters. */
function daoSections(seed: string, prefix: string, symbol: string, accounts: readonly GenesisFileAccount[]): { farming: FarmingSectionJson; dao: unknown; nodeAccounts: GenesisFileAccount[] } {
  const owners = accounts.slice(0, TEST_FARM_OWNERS).map((a) => ({ name: a.name ?? a.address, address: a.address }));
  const farming = testFarmingSection(seed, owners, { periodBlocks: TEST_FARMING_PERIOD_BLOCKS });
  const nodeCount = farming.farms.reduce((n, f) => n + f.nodes.length, 0);
  const nodeAccounts = Array.from({ length: nodeCount }, (_, i) => ({
    address: addressFromPublicKey(prefix, testNodeKey(seed, i + 1).publicKey),
    name: `node-${i + 1}`,
    balances: { [symbol]: wholeTokens(TEST_NODE_FUNDING, DEFAULT_REGIONAL_DECIMALS) },
  }));
  const tokens = (n: number) => wholeTokens(n, DEFAULT_REGIONAL_DECIMALS);
  const dao = {
    params: { minDeposit: tokens(TEST_DAO.minDeposit), minVotingPeriod: TEST_DAO.minVotingPeriod, maxVotingPeriod: TEST_DAO.maxVotingPeriod, quorum: 334, threshold: 500, veto: 334 },
    floors: { minDeposit: tokens(TEST_DAO.minDepositFloor), minVotingPeriod: TEST_DAO.minVotingPeriodFloor, quorum: 334, threshold: 500 },
  };
  return { farming, dao, nodeAccounts };
}

export function generateGenesis(options: GenerateGenesisOptions): GenesisFile {
  const region = options.region;
  const chainId = options.chainId ?? defaultChainId(region);
  const addressPrefix = options.addressPrefix ?? region;
  const symbol = options.regionalSymbol ?? defaultRegionalSymbol(region);
  checkOptions(options, chainId, addressPrefix, symbol);

  const validators: GenesisFileValidator[] = [];
  for (let i = 1; i <= options.validators; i++) {
    const keys = testValidatorKeys(options.seed, region, i);
    validators.push({
      name: keys.name,
      publicKey: toHex(keys.ed25519.publicKey),
      blsPublicKey: toHex(keys.bls.publicKey),
      blsPop: toHex(keys.bls.pop),
      power: 1,
    });
  }
  const balances = { [TFT_SYMBOL]: funding(TFT_DECIMALS), [symbol]: funding(DEFAULT_REGIONAL_DECIMALS) };
  const accounts: GenesisFileAccount[] = testAccountNames(options.accounts ?? DEFAULT_ACCOUNT_COUNT).map((name) => ({
    address: addressFromPublicKey(addressPrefix, testAccountKey(options.seed, name).publicKey),
    name,
    balances: { ...balances },
  }));
  const withDao = options.dao ?? region !== HUB_REGION;
  const governance = withDao ? daoSections(options.seed, addressPrefix, symbol, accounts) : undefined;

  return {
    chainId,
    region,
    genesisTime: options.genesisTime ?? DEFAULT_GENESIS_TIME,
    addressPrefix,
    assets: {
      tft: { symbol: TFT_SYMBOL, decimals: TFT_DECIMALS },
      regional: { symbol, decimals: DEFAULT_REGIONAL_DECIMALS },
    },
    consensus: {
      timeouts: { ...DEFAULT_CONSENSUS.timeouts },
      maxBlockBytes: DEFAULT_CONSENSUS.maxBlockBytes,
      maxBlockTxs: DEFAULT_CONSENSUS.maxBlockTxs,
      maxTxBytes: DEFAULT_CONSENSUS.maxTxBytes,
      anchorInterval: options.anchorInterval ?? DEFAULT_CONSENSUS.anchorInterval,
    },
    ledger: { minFee: DEFAULT_MIN_FEE },
    validators,
    accounts: governance === undefined ? accounts : [...accounts, ...governance.nodeAccounts],
    ...((options.pool ?? region !== HUB_REGION)
      ? {
          pool: {
            feeBps: TEST_POOL_FEE_BPS,
            reserves: { TFT: wholeTokens(TEST_POOL_TFT, TFT_DECIMALS), REGIONAL: wholeTokens(TEST_POOL_REGIONAL, DEFAULT_REGIONAL_DECIMALS) },
          },
        }
      : {}),
    ...(governance === undefined ? {} : { farming: governance.farming, dao: governance.dao }),
    ...((options.registerRegions ?? []).length > 0
      ? { anchor: anchorSection(options.seed, addressFromPublicKey(addressPrefix, testAccountKey(options.seed, 'alice').publicKey), options.registerRegions!) }
      : {}),
    ...(options.hub === undefined ? {} : { hub: hubSection(options.seed, options.hub) }),
  };
}
