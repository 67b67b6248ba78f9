/**
 * Closing a farming period, in the end phase of its last block. Period k covers heights
 * k*P + 1 .. (k+1)*P and closes at height (k+1)*P; it runs from the previous close's header time
 * (genesis time for period 0) to this block's. Every node is read once (farms ascending, their
 * nodes ascending), paid by the policy policy-choice.ts picks, per reward.ts; each farm with a
 * positive total gets one credit of the regional token to its payout address. Writes are per farm
 * and per period, never per node: node counters are tagged with their period, so nothing resets.
 */
import type BN from 'bn.js';
import { MAX_AMOUNT, ZERO } from '../../chain/amount.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { isChainError } from '../../chain/errors.ts';
import type { BlockWriteContext } from '../../chain/execution/module.ts';
import { credit } from '../../chain/ledger/ledger-state.ts';
import type { OpenPeriod } from './farming-codecs.ts';
import { allPolicies, getConfig, getCounters, getFarm, getNode, getOpenPeriod, putFarmReward, putOpenPeriod, putPeriodFarms, putSummary } from './farming-state.ts';
import type { Farm, FarmNode, FarmPeriodReward } from './farming-types.ts';
import { choosePolicies, rankDefaults } from './policy-choice.ts';
import { farmEarning } from './reward.ts';

/** Closes the open period when this block is its last (a chain without a farming section has none). */
export async function closePeriodIfDue(ctx: BlockWriteContext, hrp: string): Promise<void> {
  const config = await getConfig(ctx.state);
  if (config === undefined || ctx.block.height % config.periodBlocks !== 0) return;
  const open = await getOpenPeriod(ctx.state);
  if (open === undefined) return;
  await closePeriod(ctx, hrp, open);
}

async function nodesOf(ctx: BlockWriteContext, farm: Farm): Promise<FarmNode[]> {
  const nodes = await Promise.all(farm.nodeIds.map((id) => getNode(ctx.state, id)));
  return nodes.map((n, i) => {
    if (n === undefined) throw new Error(`farm ${farm.id} lists node ${farm.nodeIds[i]}, which is not stored`);
    return n;
  });
}

async function closePeriod(ctx: BlockWriteContext, hrp: string, open: OpenPeriod): Promise<void> {
  const { state, block } = ctx;
  const period = open.period;
  const durationSeconds = Math.floor((block.time - open.startTime) / 1000);
  const policies = new Map((await allPolicies(state)).map((p) => [p.id, p]));
  const ranked = rankDefaults(policies.values(), block.height);
  const { nextFarmId } = await getCounters(state);
  let minted = ZERO;
  let nodesPaid = 0;
  let nodesBelowUptime = 0;
  const recorded: number[] = [];
  for (let farmId = 1; farmId < nextFarmId; farmId++) {
    const farm = await getFarm(state, farmId);
    if (farm === undefined || farm.nodeIds.length === 0) continue;
    const nodes = await nodesOf(ctx, farm);
    const earned = farmEarning(nodes, choosePolicies(farm, nodes, policies, block.height, ranked), policies, period, durationSeconds);
    let reward: FarmPeriodReward = { farmId, payout: farm.payout, amount: earned.amount, nodes: earned.nodes };
    nodesBelowUptime += earned.nodesBelowUptime;
    if (!earned.amount.isZero()) {
      const failure = minted.add(earned.amount).gt(MAX_AMOUNT) ? 'LEDGER_BALANCE_OVERFLOW' : await tryCredit(ctx, farm, earned.amount);
      if (failure === undefined) {
        minted = minted.add(earned.amount);
        nodesPaid += earned.nodesPaid;
        ctx.emit('reward', { period, farmId, payout: encodeAddress(hrp, farm.payout), amount: earned.amount.toString(), nodes: earned.nodesPaid });
      } else {
        // Only absurd policies get here; a block must still close, so this farm is not paid.
        ctx.emit('reward-failed', { period, farmId, amount: earned.amount.toString(), code: failure });
        reward = { ...reward, amount: ZERO, nodes: reward.nodes.map((n) => ({ ...n, amount: ZERO })) };
      }
    }
    putFarmReward(state, period, reward);
    recorded.push(farmId);
  }
  putPeriodFarms(state, period, recorded);
  putSummary(state, { period, endHeight: block.height, startTime: open.startTime, endTime: block.time, minted, nodesPaid, nodesBelowUptime });
  ctx.emit('period-closed', { period, minted: minted.toString(), nodesPaid, nodesBelowUptime });
  putOpenPeriod(state, { period: period + 1, startHeight: block.height + 1, startTime: block.time });
}

/** Credits the farm's payout; the error code when the balance would pass 2^128 - 1. */
async function tryCredit(ctx: BlockWriteContext, farm: Farm, amount: BN): Promise<string | undefined> {
  try {
    await credit(ctx.state, farm.payout, 'REGIONAL', amount);
    return undefined;
  } catch (e) {
    if (isChainError(e) && e.code === 'LEDGER_BALANCE_OVERFLOW') return e.code;
    throw e;
  }
}
