/**
 * The Hub's "anchor" module (store prefix 0x10): the registry of regions (chain id, certificate
 * validator set, last anchored certificate), `anchor.register` (registrar only) and
 * `anchor.submit` (anyone: relayers). Registered on a chain whose genesis has an "anchor"
 * section; its initGenesis stores the registrar and registers the genesis regions.
 * Rules and codes: register-command.ts, submit-command.ts, chain/anchor/README.md.
 */
import type { ChainModule } from '../execution/module.ts';
import { ANCHOR_STORE_PREFIX } from './anchor-keys.ts';
import { anchorSectionOf, initAnchorGenesis, parseAnchorSection } from './anchor-genesis.ts';
import { ANCHOR_COMMANDS, ANCHOR_MODULE, registerCommand } from './register-command.ts';
import { submitCommand } from './submit-command.ts';

export { ANCHOR_COMMANDS, ANCHOR_MODULE, anchorSectionOf, parseAnchorSection };

export function createHubAnchorModule(): ChainModule {
  return {
    name: ANCHOR_MODULE,
    storePrefix: ANCHOR_STORE_PREFIX,
    commands: [registerCommand(), submitCommand()],
    async initGenesis(ctx) {
      const section = anchorSectionOf(ctx.genesis);
      if (section !== undefined) await initAnchorGenesis(ctx, section);
    },
  };
}
