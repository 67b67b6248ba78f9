/** Defaults of `generateGenesis` (and `tfr genesis new`). */
export const DEFAULT_GENESIS_TIME = '2026-11-01T00:00:00Z';
export const DEFAULT_REGIONAL_SYMBOL = 'CHI';
/** The Hub's own token symbol (region "hub"). */
export const HUB_REGION = 'hub';
export const HUB_REGIONAL_SYMBOL = 'HUB';
export const DEFAULT_REGIONAL_DECIMALS = 7;
export const DEFAULT_ACCOUNT_COUNT = 12;
/** Whole tokens of each asset given to every test account. */
export const TEST_ACCOUNT_FUNDING = 1_000_000;

export const DEFAULT_CONSENSUS = {
  timeouts: {
    proposeMs: 1000,
    proposeDeltaMs: 500,
    prevoteMs: 500,
    prevoteDeltaMs: 250,
    precommitMs: 500,
    precommitDeltaMs: 250,
    commitMs: 500,
  },
  maxBlockBytes: 4 * 1024 * 1024,
  maxBlockTxs: 10_000,
  maxTxBytes: 64 * 1024,
  anchorInterval: 50,
} as const;

export const DEFAULT_MIN_FEE = '1000';

export function defaultChainId(region: string): string {
  return `tfr-${region}-1`;
}

export function defaultRegionalSymbol(region: string): string {
  return region === HUB_REGION ? HUB_REGIONAL_SYMBOL : DEFAULT_REGIONAL_SYMBOL;
}

/** The pool a generated regional genesis starts with: 100,000 TFT against 1,000,000 regional tokens, 0.3% fee, provider the DAO treasury. */
export const TEST_POOL_TFT = 100_000;
export const TEST_POOL_REGIONAL = 1_000_000;
export const TEST_POOL_FEE_BPS = 30;

/** Test farms: the first TEST_FARM_OWNERS test accounts own one farm each (2 nodes per farm). */
export const TEST_FARM_OWNERS = 6;
/** Farming period of a generated region: ~67 s of testnet blocks. */
export const TEST_FARMING_PERIOD_BLOCKS = 100;
/** Regional tokens each test node's account holds, for the fees of its uptime reports. */
export const TEST_NODE_FUNDING = 1_000;
/** The generated DAO: deposit 100 regional tokens (floor 10), votes for 90 blocks (~1 minute at the testnet's ~0.67 s blocks; floor 30) up to 100,000. */
export const TEST_DAO = { minDeposit: 100, minDepositFloor: 10, minVotingPeriod: 90, minVotingPeriodFloor: 30, maxVotingPeriod: 100_000 } as const;
