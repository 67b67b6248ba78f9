/**
 * The pool module (name "pool", store prefix 0x02): the TFT / regional-token constant-product
 * pool with Uniswap V2 semantics (../shared/reference/amm.md). Registered on a regional chain whose
 * genesis has a "pool" section; `initGenesis` creates the pool, `beginBlock` updates the price
 * oracle before the block's trades, and the four commands trade and provide liquidity.
 */
import type { ChainModule } from '../chain/execution/module.ts';
import { moduleAccountAddress, TREASURY_ACCOUNT } from '../chain/ledger/module-accounts.ts';
import type { Genesis } from '../genesis/genesis-types.ts';
import { addLiquidityCommand, removeLiquidityCommand, type PoolCommandConfig } from './pool-liquidity.ts';
import { initPoolGenesis, type PoolGenesis } from './pool-genesis.ts';
import { POOL_MODULE } from './pool-params.ts';
import { POOL_STORE_PREFIX } from './pool-state.ts';
import { swapExactInCommand, swapExactOutCommand } from './pool-swap.ts';
import { updateOracle } from './pool-twap.ts';

/** The parsed "pool" section of a genesis, or undefined when it has none (then the chain has no pool). */
export function poolSectionOf(genesis: Genesis): PoolGenesis | undefined {
  return genesis.app['pool'] as PoolGenesis | undefined;
}

export function createPoolModule(config: { readonly addressPrefix: string }): ChainModule {
  const cfg: PoolCommandConfig = { hrp: config.addressPrefix, treasury: moduleAccountAddress(TREASURY_ACCOUNT) };
  return {
    name: POOL_MODULE,
    storePrefix: POOL_STORE_PREFIX,
    commands: [addLiquidityCommand(cfg), removeLiquidityCommand(cfg), swapExactInCommand(cfg), swapExactOutCommand(cfg)],
    async beginBlock(ctx) {
      await updateOracle(ctx.state, ctx.block.time);
    },
    async initGenesis(ctx) {
      const section = poolSectionOf(ctx.genesis);
      if (section !== undefined) await initPoolGenesis(ctx, section);
    },
  };
}
