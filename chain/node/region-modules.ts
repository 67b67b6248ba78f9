/** The modules of a regional chain, configured from its genesis (the pool and DAO join with their issues). */
import type { Genesis } from '../../genesis/genesis-types.ts';
import { ModuleRegistry } from '../execution/module-registry.ts';
import { createLedgerModule, ledgerConfigFromGenesis } from '../ledger/ledger-module.ts';

export function regionModules(genesis: Genesis): ModuleRegistry {
  return new ModuleRegistry([createLedgerModule(ledgerConfigFromGenesis(genesis))]);
}
