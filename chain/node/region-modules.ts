/**
 * The modules of a regional chain, configured from its genesis: the ledger, the pool when the
 * genesis has a "pool" section, farming when it has "farming", and the DAO when it has "dao"
 * (the DAO needs farming: farms are its voters).
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

export function regionModules(genesis: Genesis): ModuleRegistry {
  const hrp = { addressPrefix: genesis.addressPrefix };
  const modules: ChainModule[] = [createLedgerModule(ledgerConfigFromGenesis(genesis))];
  if (poolSectionOf(genesis) !== undefined) modules.push(createPoolModule(hrp));
  if (farmingSectionOf(genesis) !== undefined) modules.push(createFarmingModule(hrp));
  if (daoSectionOf(genesis) !== undefined) {
    if (farmingSectionOf(genesis) === undefined) throw new ChainError('GENESIS_MISSING_FIELD', 'farming: a genesis with a "dao" section needs a "farming" section (farms are the voters)', { field: 'farming' });
    modules.push(createDaoModule(hrp));
  }
  return new ModuleRegistry(modules);
}

/** The genesis sections a regional chain accepts (what `parseGenesis` needs for its files). */
export function regionGenesisSections(): SectionParsers {
  return { pool: parsePoolSection, farming: parseFarmingSection, dao: parseDaoSection };
}
