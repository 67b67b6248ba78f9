/**
 * The farming module (name "farming", store prefix 0x03): farms, nodes and their capacity,
 * uptime reports, and the reward minted to each farm at the end of every period. Registered on a
 * regional chain whose genesis has a "farming" section; the DAO changes policies and
 * certifications through policy-actions.ts.
 */
import type { ChainModule } from '../../chain/execution/module.ts';
import { createFarmCommand, setFarmPayoutCommand } from './farm-commands.ts';
import { farmingSectionOf, initFarmingGenesis } from './farming-genesis.ts';
import { FARMING_MODULE, FARMING_STORE_PREFIX } from './farming-types.ts';
import { addNodeCommand, updateNodeCommand } from './node-commands.ts';
import { closePeriodIfDue } from './period-end.ts';
import { getOpenPeriod, putOpenPeriod } from './farming-state.ts';
import { reportUptimeCommand } from './uptime-command.ts';

export function createFarmingModule(config: { readonly addressPrefix: string }): ChainModule {
  const cfg = { hrp: config.addressPrefix };
  return {
    name: FARMING_MODULE,
    storePrefix: FARMING_STORE_PREFIX,
    commands: [createFarmCommand(cfg), setFarmPayoutCommand(cfg), addNodeCommand(), updateNodeCommand(), reportUptimeCommand()],
    async beginBlock(ctx) {
      // Period 0 starts with the chain's first block, not at the genesis time: a genesis file is
      // often written long before launch (the published testnet's says 2026-11-01), and a period
      // measured from then would pay nobody.
      if (ctx.block.height !== 1) return;
      const open = await getOpenPeriod(ctx.state);
      if (open !== undefined && open.period === 0) putOpenPeriod(ctx.state, { ...open, startTime: ctx.block.time });
    },
    async endBlock(ctx) {
      await closePeriodIfDue(ctx, cfg.hrp);
    },
    async initGenesis(ctx) {
      const section = farmingSectionOf(ctx.genesis);
      if (section !== undefined) await initFarmingGenesis(ctx, section);
    },
  };
}
