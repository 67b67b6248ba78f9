/**
 * `farming/create-farm` and `farming/set-farm-payout`. The sender's address owns the farm it
 * creates; only the owner changes where rewards go. State-dependent failures (a taken name, an
 * unknown farm, another sender) are ChainErrors from `execute`: failed txs.
 */
import { bytesEqual } from '../../chain/codec/bytes.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { ChainError } from '../../chain/errors.ts';
import type { Command } from '../../chain/execution/module.ts';
import {
  decodeCreateFarm,
  decodeSetFarmPayout,
  encodeCreateFarm,
  encodeSetFarmPayout,
  FARMING_COMMANDS,
  type CreateFarmParams,
  type SetFarmPayoutParams,
} from './farming-params.ts';
import { farmIdByName, getCounters, putCounters, putFarm, putFarmName, requireFarm } from './farming-state.ts';
import type { Farm } from './farming-types.ts';

export interface FarmingCommandConfig {
  /** The chain's address prefix, for addresses in events. */
  readonly hrp: string;
}

/** The farm, if `sender` owns it; else DAO_NOT_FARM_OWNER. */
export function requireOwner(farm: Farm, sender: Uint8Array): Farm {
  if (!bytesEqual(farm.owner, sender)) throw new ChainError('DAO_NOT_FARM_OWNER', `the sender does not own farm ${farm.id}`, { farmId: farm.id });
  return farm;
}

export function createFarmCommand(cfg: FarmingCommandConfig): Command<CreateFarmParams> {
  return {
    name: FARMING_COMMANDS.createFarm,
    decodeParams: decodeCreateFarm,
    encodeParams: encodeCreateFarm,
    async execute(ctx, p) {
      const { state } = ctx;
      if ((await farmIdByName(state, p.name)) !== undefined) throw new ChainError('DAO_FARM_NAME_TAKEN', `farm name "${p.name}" is taken`, { name: p.name });
      const counters = await getCounters(state);
      const id = counters.nextFarmId;
      const owner = ctx.tx.senderAddress;
      const payout = p.payout ?? owner;
      putFarm(state, { id, name: p.name, owner, payout, certification: 'notCertified', attachment: null, nodeIds: [], weightMilli: 0 });
      putFarmName(state, p.name, id);
      putCounters(state, { ...counters, nextFarmId: id + 1 });
      ctx.emit('farm-created', { farmId: id, name: p.name, owner: encodeAddress(cfg.hrp, owner), payout: encodeAddress(cfg.hrp, payout) });
    },
  };
}

export function setFarmPayoutCommand(cfg: FarmingCommandConfig): Command<SetFarmPayoutParams> {
  return {
    name: FARMING_COMMANDS.setFarmPayout,
    decodeParams: decodeSetFarmPayout,
    encodeParams: encodeSetFarmPayout,
    async execute(ctx, p) {
      const farm = requireOwner(await requireFarm(ctx.state, p.farmId), ctx.tx.senderAddress);
      putFarm(ctx.state, { ...farm, payout: p.payout });
      ctx.emit('farm-payout-set', { farmId: farm.id, payout: encodeAddress(cfg.hrp, p.payout) });
    },
  };
}
