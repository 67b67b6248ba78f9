/** The facts `tfr genesis check` prints about a valid genesis. */
import { BN, formatHumanAmount } from '../chain/amount.ts';
import { toHex } from '../chain/codec/bytes.ts';
import type { AssetId, AssetInfo, Genesis } from './genesis-types.ts';
import { formatGenesisTime } from './genesis-time.ts';

export interface AssetSummary extends AssetInfo {
  /** Total supply in base units. */
  readonly supply: BN;
  /** Total supply in whole tokens ("12000000", "0.5"). */
  readonly supplyHuman: string;
}

export interface GenesisSummary {
  readonly chainId: string;
  readonly region: string;
  readonly genesisTime: string;
  readonly hash: string;
  readonly addressPrefix: string;
  readonly validatorCount: number;
  readonly totalPower: number;
  /** More than 2/3 of the power: floor(2 * total / 3) + 1. */
  readonly quorum: number;
  readonly assets: readonly AssetSummary[];
  /** Accounts holding a non-zero balance of some asset. */
  readonly fundedAccounts: number;
  readonly appSections: readonly string[];
}

export function quorumOf(totalPower: number): number {
  return Math.floor((2 * totalPower) / 3) + 1;
}

export function summarizeGenesis(genesis: Genesis): GenesisSummary {
  const totalPower = genesis.validators.reduce((sum, v) => sum + v.power, 0);
  const supply = (asset: AssetId): BN => genesis.accounts.reduce((sum, a) => sum.add(a.balances[asset]), new BN(0));
  const asset = (id: AssetId, info: AssetInfo): AssetSummary => {
    const total = supply(id);
    return { symbol: info.symbol, decimals: info.decimals, supply: total, supplyHuman: formatHumanAmount(total, info.decimals) };
  };
  return {
    chainId: genesis.chainId,
    region: genesis.region,
    genesisTime: formatGenesisTime(genesis.genesisTime),
    hash: toHex(genesis.hash),
    addressPrefix: genesis.addressPrefix,
    validatorCount: genesis.validators.length,
    totalPower,
    quorum: quorumOf(totalPower),
    assets: [asset('TFT', genesis.assets.tft), asset('REGIONAL', genesis.assets.regional)],
    fundedAccounts: genesis.accounts.filter((a) => !a.balances.TFT.isZero() || !a.balances.REGIONAL.isZero()).length,
    appSections: Object.keys(genesis.app),
  };
}
