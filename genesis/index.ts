/** Public API of genesis/: parse and check genesis files, generate test networks. */
export type { Genesis, GenesisAccount, GenesisAssets, GenesisValidator, AssetInfo, AssetId, ConsensusParams, ConsensusTimeouts, LedgerParams } from './genesis-types.ts';
export { ASSET_IDS } from './genesis-types.ts';
export { GENESIS_ERRORS } from './genesis-errors.ts';
export type { GenesisIssue } from './genesis-issue.ts';
export { checkGenesis, parseGenesis, formatIssue, CORE_FIELDS } from './parse-genesis.ts';
export type { CheckGenesisResult } from './parse-genesis.ts';
export type { SectionParser, SectionParsers, ParseGenesisOptions } from './section-parser.ts';
export { generateGenesis, MAX_GENERATED_ACCOUNTS } from './generate-genesis.ts';
export type { GenerateGenesisOptions } from './generate-genesis.ts';
export { formatGenesisJson } from './genesis-file.ts';
export type { GenesisFile, GenesisFileAccount, GenesisFileAsset, GenesisFileValidator } from './genesis-file.ts';
export { summarizeGenesis, quorumOf } from './genesis-summary.ts';
export type { GenesisSummary, AssetSummary } from './genesis-summary.ts';
export { parseGenesisTime, formatGenesisTime } from './genesis-time.ts';
export { TESTNET_SEED, TEST_ACCOUNT_NAMES, testAccountKey, testAccountNames } from './test-accounts.ts';
export { testValidatorKeys, testValidatorName } from './test-validator-keys.ts';
export type { TestValidatorKeys } from './test-validator-keys.ts';
export * from './genesis-defaults.ts';
