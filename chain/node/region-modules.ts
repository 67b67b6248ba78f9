/**
 * The modules of a chain, configured from its genesis: the ledger, the pool when the genesis has
 * a "pool" section, farming when it has "farming", the DAO when it has "dao" (the DAO needs
 * farming: farms are its voters), the region's bridge when it has "hub" (the Hub it anchors to),
 * and the Hub's region registry and bridge when it has "anchor" (which makes the chain a Hub).
 * One engine, two applications: the sections decide.
 */
import type { Genesis } from '../../genesis/genesis-types.ts';
import { ChainError } from '../errors.ts';
import type { ChainModule } from '../execution/module.ts';
import { ModuleRegistry } from '../execution/module-registry.ts';
import { createLedgerModule, ledgerConfigFromGenesis } from '../ledger/ledger-module.ts';
import { createPoolModule, poolSectionOf } from '../../defi/pool-module.ts';
import { parsePoolSection } from '../../defi/pool-genesis.ts';
import { createFarmingModule, farmingSectionOf, parseFarmingSection } from '../../dao/farming/index.ts';
import { createDaoModule, daoSectionOf } from '../../dao/governance/dao-module.ts';
import { parseDaoSection } from '../../dao/governance/dao-genesis.ts';
import type { SectionParsers } from '../../genesis/section-parser.ts';
import { anchorSectionOf, createHubAnchorModule, parseAnchorSection } from '../anchor/hub-anchor-module.ts';
import { createHubBridgeModule } from '../anchor/hub-bridge-module.ts';
import { createRegionBridgeModule } from '../anchor/region-bridge-module.ts';
import { hubSectionOf, parseHubSection } from '../anchor/bridge-genesis.ts';

export function regionModules(genesis: Genesis): ModuleRegistry {
  const hrp = { addressPrefix: genesis.addressPrefix };
  const modules: ChainModule[] = [createLedgerModule(ledgerConfigFromGenesis(genesis))];
  if (poolSectionOf(genesis) !== undefined) modules.push(createPoolModule(hrp));
  if (farmingSectionOf(genesis) !== undefined) modules.push(createFarmingModule(hrp));
  if (daoSectionOf(genesis) !== undefined) {
    if (farmingSectionOf(genesis) === undefined) throw new ChainError('GENESIS_MISSING_FIELD', 'farming: a genesis with a "dao" section needs a "farming" section (farms are the voters)', { field: 'farming' });
    modules.push(createDaoModule(hrp));
  }
  const isHub = anchorSectionOf(genesis) !== undefined;
  if (isHub && hubSectionOf(genesis) !== undefined) throw new ChainError('GENESIS_INVALID_FIELD', 'hub: a Hub genesis (with an "anchor" section) does not anchor to another Hub', { field: 'hub' });
  if (isHub) modules.push(createHubAnchorModule(), createHubBridgeModule());
  if (hubSectionOf(genesis) !== undefined) modules.push(createRegionBridgeModule());
  return new ModuleRegistry(modules);
}

/** The genesis sections a chain accepts, region or Hub (what `parseGenesis` needs for its files). */
export function regionGenesisSections(): SectionParsers {
  return { pool: parsePoolSection, farming: parseFarmingSection, dao: parseDaoSection, anchor: parseAnchorSection, hub: parseHubSection };
}
