/**
 * The DAO module (name "dao", store prefix 0x04): proposals with typed actions, voted by farms
 * weighted by 2*CU + SU as of the proposal's creation, closed and executed in the end phase of
 * their end height. Registered on a regional chain whose genesis has a "dao" section; it needs
 * the farming module (weights, policies) and, for `set-pool-fee`, the pool.
 */
import type { ChainModule } from '../../chain/execution/module.ts';
import { closeProposalsAt } from './close-proposals.ts';
import { daoSectionOf, initDaoGenesis } from './dao-genesis.ts';
import { DAO_MODULE, DAO_STORE_PREFIX } from './dao-types.ts';
import { proposeCommand } from './propose-command.ts';
import { voteCommand } from './vote-command.ts';

export { daoSectionOf };

export function createDaoModule(config: { readonly addressPrefix: string }): ChainModule {
  const hrp = config.addressPrefix;
  return {
    name: DAO_MODULE,
    storePrefix: DAO_STORE_PREFIX,
    commands: [proposeCommand(hrp), voteCommand(hrp)],
    async endBlock(ctx) {
      await closeProposalsAt(ctx, hrp);
    },
    async initGenesis(ctx) {
      const section = daoSectionOf(ctx.genesis);
      if (section !== undefined) initDaoGenesis(ctx, section);
    },
  };
}
