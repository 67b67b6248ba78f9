/** The modules of a regional chain, configured from its genesis: the ledger, and the pool when the genesis has a "pool" section (the DAO joins with its issue). */
import type { Genesis } from '../../genesis/genesis-types.ts';
import { ModuleRegistry } from '../execution/module-registry.ts';
import { createLedgerModule, ledgerConfigFromGenesis } from '../ledger/ledger-module.ts';
import { createPoolModule, poolSectionOf } from '../../defi/pool-module.ts';
import { parsePoolSection } from '../../defi/pool-genesis.ts';
import type { SectionParsers } from '../../genesis/section-parser.ts';

export function regionModules(genesis: Genesis): ModuleRegistry {
  const ledger = createLedgerModule(ledgerConfigFromGenesis(genesis));
  return new ModuleRegistry(poolSectionOf(genesis) === undefined ? [ledger] : [ledger, createPoolModule({ addressPrefix: genesis.addressPrefix })]);
}

/** The genesis sections a regional chain accepts (what `parseGenesis` needs for its files). */
export function regionGenesisSections(): SectionParsers {
  return { pool: parsePoolSection };
}
