/**
 * The genesis file as JSON (before parsing): what `generateGenesis` produces and genesis/README.md
 * documents. Amounts are decimal strings of base units, keys lowercase hex.
 */
export interface GenesisFileAsset {
  symbol: string;
  decimals: number;
}

export interface GenesisFileValidator {
  name: string;
  publicKey: string;
  blsPublicKey: string;
  blsPop: string;
  power: number;
  networkAddress?: string;
}

export interface GenesisFileAccount {
  address: string;
  name?: string;
  /** Keyed by asset symbol ("TFT" or the regional symbol); a missing asset is 0. */
  balances: Record<string, string>;
}

export interface GenesisFile {
  chainId: string;
  region: string;
  genesisTime: string;
  addressPrefix: string;
  assets: { tft: GenesisFileAsset; regional: GenesisFileAsset };
  consensus: {
    timeouts: {
      proposeMs: number;
      proposeDeltaMs: number;
      prevoteMs: number;
      prevoteDeltaMs: number;
      precommitMs: number;
      precommitDeltaMs: number;
      commitMs: number;
    };
    maxBlockBytes: number;
    maxBlockTxs: number;
    maxTxBytes: number;
    anchorInterval: number;
  };
  ledger: { minFee: string };
  validators: GenesisFileValidator[];
  accounts: GenesisFileAccount[];
  /** Application sections (pool, dao, farming, ...), accepted only with a registered parser. */
  [section: string]: unknown;
}

/** The canonical text of a genesis file: 2-space indented JSON and a final newline. */
export function formatGenesisJson(file: GenesisFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
