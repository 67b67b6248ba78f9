/**
 * The parsed, validated genesis: what `parseGenesis` returns (deeply frozen). The JSON format is
 * documented in genesis/README.md; amounts there are decimal strings of base units, here BN.
 */
import type BN from 'bn.js';

export interface AssetInfo {
  readonly symbol: string;
  readonly decimals: number;
}

export interface GenesisAssets {
  /** TFT: symbol "TFT", always 7 decimals. */
  readonly tft: AssetInfo;
  /** The region's own token; symbol and decimals chosen by the region. */
  readonly regional: AssetInfo;
}

/** Asset identifiers used in txs, state and the RPC, independent of the regional symbol. */
export const ASSET_IDS = ['TFT', 'REGIONAL'] as const;
export type AssetId = (typeof ASSET_IDS)[number];

export interface GenesisValidator {
  readonly name: string;
  /** ed25519 public key, 32 bytes (signs votes, identifies the node on the network). */
  readonly publicKey: Uint8Array;
  /** BLS12-381 public key, 48 bytes (signs anchor certificates). */
  readonly blsPublicKey: Uint8Array;
  /** Proof of possession of the BLS key, 96 bytes. */
  readonly blsPop: Uint8Array;
  readonly power: number;
  /** Optional network address (a libp2p multiaddr later). */
  readonly networkAddress: string | undefined;
}

export interface ConsensusTimeouts {
  readonly proposeMs: number;
  readonly proposeDeltaMs: number;
  readonly prevoteMs: number;
  readonly prevoteDeltaMs: number;
  readonly precommitMs: number;
  readonly precommitDeltaMs: number;
  readonly commitMs: number;
}

export interface ConsensusParams {
  readonly timeouts: ConsensusTimeouts;
  readonly maxBlockBytes: number;
  readonly maxBlockTxs: number;
  readonly maxTxBytes: number;
  /** Every `anchorInterval` blocks the validators sign a certificate for the Hub. */
  readonly anchorInterval: number;
}

export interface LedgerParams {
  /** Minimum fee per tx, in base units of the regional token; fees go to the DAO treasury. */
  readonly minFee: BN;
}

export interface GenesisAccount {
  /** bech32m address with the chain's prefix. */
  readonly address: string;
  /** Its 20 address bytes. */
  readonly addressBytes: Uint8Array;
  /** Optional label (the generator names test accounts: alice, bob, ...). */
  readonly name: string | undefined;
  readonly balances: { readonly [A in AssetId]: BN };
}

export interface Genesis {
  /** sha256 of the genesis file bytes: the parent of block 1. */
  readonly hash: Uint8Array;
  readonly chainId: string;
  readonly region: string;
  /** Genesis time as ms since the Unix epoch (JSON: RFC 3339 UTC string). */
  readonly genesisTime: number;
  /** Human-readable prefix of bech32m addresses on this chain. */
  readonly addressPrefix: string;
  readonly assets: GenesisAssets;
  readonly validators: readonly GenesisValidator[];
  readonly consensus: ConsensusParams;
  readonly ledger: LedgerParams;
  readonly accounts: readonly GenesisAccount[];
  /**
   * Application sections (pool, dao, farming, ...), each parsed by the section parser its module
   * registers; a section without a parser is rejected as an unknown field.
   */
  readonly app: { readonly [section: string]: unknown };
}
