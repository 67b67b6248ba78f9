/**
 * GET /farming/policies, /farming/farms/:id, /farming/nodes/:id, /farming/rewards[/:period]: the
 * farming registry (policies, farms, nodes with their capacity units and uptime this period) and
 * the rewards of closed periods. Every answer is of one state, the one after block `height`; a
 * chain without a farming section answers 404 RPC_NO_FARMING, an unknown farm or node 404
 * DAO_FARM_NOT_FOUND / DAO_NODE_NOT_FOUND, a period that has not closed 404 RPC_PERIOD_NOT_FOUND.
 */
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { formatBaseUnits } from '../../chain/amount.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { addressFromPublicKey, encodeAddress } from '../../chain/crypto/addresses.ts';
import { ChainError } from '../../chain/errors.ts';
import type { StateReader } from '../../chain/execution/state-access.ts';
import type { CurrentPeriod, Farm, FarmNode, FarmPeriodReward, PeriodSummary, Policy } from '../../dao/farming/farming-types.ts';
import {
  FarmView,
  NoQuery,
  IdParams,
  NodeView,
  PeriodParams,
  PeriodRewardsView,
  PoliciesView,
  RewardsOverview,
  type CurrentPeriodView,
  type PeriodSummaryView,
  type PolicyView,
} from '../api/dao-schemas.ts';
import { ErrorBody } from '../api/schemas.ts';
import { limitsToJson, policyToJson, thousandths } from '../client/dao-json.ts';
import { atOneHeight, averageBlockMs, isoTime, secondsFor } from './chain-snapshot.ts';
import type { DaoPort } from './dao-port.ts';
import { RpcError } from './rpc-errors.ts';
import type { RpcNode } from './rpc-node.ts';

export function policyView(p: Policy, height: number): PolicyView {
  return { id: p.id, version: p.version, policyCreated: p.policyCreated, ...policyToJson(p), expired: p.policyEnd !== 0 && height > p.policyEnd };
}

export function farmView(f: Farm, height: number, prefix: string): FarmView {
  return {
    height,
    id: f.id,
    name: f.name,
    owner: encodeAddress(prefix, f.owner),
    payout: encodeAddress(prefix, f.payout),
    certification: f.certification,
    nodeIds: [...f.nodeIds],
    weightMilli: f.weightMilli,
    weight: thousandths(f.weightMilli),
    attachment: f.attachment === null ? null : { policyId: f.attachment.policyId, limits: limitsToJson(f.attachment.limits) },
  };
}

export function nodeView(n: FarmNode, height: number, current: CurrentPeriod, policyNow: number | null, prefix: string): NodeView {
  const thisPeriod = n.uptime.period === current.period;
  return {
    height,
    id: n.id,
    farmId: n.farmId,
    nodeKey: toHex(n.nodeKey),
    account: addressFromPublicKey(prefix, n.nodeKey),
    resources: { cru: n.resources.cru, mru: n.resources.mru, sru: n.resources.sru, hru: n.resources.hru },
    publicIps: n.publicIps,
    certification: n.certification,
    units: { cuMilli: n.units.cuMilli, suMilli: n.units.suMilli, cu: thousandths(n.units.cuMilli), su: thousandths(n.units.suMilli) },
    uptime: {
      period: current.period,
      creditedSeconds: thisPeriod ? n.uptime.creditedSeconds : 0,
      nuBytes: thisPeriod ? n.uptime.nuBytes : 0,
      lastReport: n.uptime.lastReportTime === 0 ? null : isoTime(n.uptime.lastReportTime),
      lastUptime: n.uptime.lastUptime,
    },
    policyNow,
  };
}

export function periodSummaryView(s: PeriodSummary): PeriodSummaryView {
  return {
    period: s.period,
    endHeight: s.endHeight,
    startTime: isoTime(s.startTime),
    endTime: isoTime(s.endTime),
    minted: formatBaseUnits(s.minted),
    nodesPaid: s.nodesPaid,
    nodesBelowUptime: s.nodesBelowUptime,
  };
}

export function periodRewardsView(height: number, summary: PeriodSummary, farms: readonly FarmPeriodReward[], prefix: string): PeriodRewardsView {
  return {
    height,
    ...periodSummaryView(summary),
    farms: farms.map((f) => ({
      farmId: f.farmId,
      payout: encodeAddress(prefix, f.payout),
      amount: formatBaseUnits(f.amount),
      nodes: f.nodes.map((r) => ({ nodeId: r.nodeId, policyId: r.policyId, uptimePermille: r.uptimePermille, amount: formatBaseUnits(r.amount) })),
    })),
  };
}

export function registerFarmingRoutes(app: FastifyInstance, node: RpcNode, port: DaoPort): void {
  const prefix = node.genesis.addressPrefix;
  const period = async (state: StateReader): Promise<CurrentPeriod> => {
    const p = await port.readCurrentPeriod(state);
    if (p === undefined) throw new RpcError('RPC_NO_FARMING', 'this chain has no farming registry');
    return p;
  };

  app.get(
    '/farming/policies',
    {
      schema: {
        summary: 'Every farming policy',
        description: 'Rewards in regional base units: cu and su per unit per period, nu per GB of public traffic, ipv4 per IP per hour. `expired`: the chain is past `policyEnd` (0 = no end).',
        querystring: NoQuery,
        tags: ['farming'],
        response: { 200: PoliciesView, '4xx': ErrorBody },
      },
    },
    async () =>
      atOneHeight(node, async (tip, state) => {
        await period(state);
        const policies = await port.listPolicies(state);
        return { height: tip.height, policies: policies.map((p) => policyView(p, tip.height)) };
      }),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/farming/farms/:id',
    {
      schema: {
        summary: 'A farm: owner, payout, certification, nodes, vote weight, attached policy',
        description: '`weightMilli` is the sum over its nodes of 2*CU + SU in milli-units (`weight` the same in units). 404 DAO_FARM_NOT_FOUND.',
        querystring: NoQuery,
        tags: ['farming'],
        params: IdParams,
        response: { 200: FarmView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const id = Number(req.params.id);
      return atOneHeight(node, async (tip, state) => {
        await period(state);
        const farm = await port.readFarm(state, id);
        if (farm === undefined) throw new ChainError('DAO_FARM_NOT_FOUND', `no farm ${id}`, { id });
        return farmView(farm, tip.height, prefix);
      });
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/farming/nodes/:id',
    {
      schema: {
        summary: 'A node: resources, capacity units, uptime this period, the policy that would pay it now',
        description:
          '`account` is the address of the node key, which signs the node\'s own txs (capacity updates, uptime reports) and pays their fees. `uptime` counts the current period only. 404 DAO_NODE_NOT_FOUND.',
        querystring: NoQuery,
        tags: ['farming'],
        params: IdParams,
        response: { 200: NodeView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const id = Number(req.params.id);
      return atOneHeight(node, async (tip, state) => {
        const current = await period(state);
        const n = await port.readNode(state, id);
        if (n === undefined) throw new ChainError('DAO_NODE_NOT_FOUND', `no node ${id}`, { id });
        return nodeView(n, tip.height, current, await port.nodePolicyNow(state, id, tip.height), prefix);
      });
    },
  );

  app.get(
    '/farming/rewards',
    {
      schema: {
        summary: 'The open farming period and the latest closed one',
        description: '`current.secondsLeft` is its blocks left times the mean header interval of the latest 20 blocks. `latest` is null before the first period closes.',
        querystring: NoQuery,
        tags: ['farming'],
        response: { 200: RewardsOverview, '4xx': ErrorBody },
      },
    },
    async () =>
      atOneHeight(node, async (tip, state) => {
        const p = await period(state);
        const blocksLeft = Math.max(0, p.endHeight - tip.height);
        const current: CurrentPeriodView = {
          period: p.period,
          startHeight: p.startHeight,
          startTime: isoTime(p.startTime),
          endHeight: p.endHeight,
          periodBlocks: p.periodBlocks,
          blocksLeft,
          secondsLeft: secondsFor(blocksLeft, await averageBlockMs(node, tip)),
        };
        const latest = p.period > 0 ? await port.readPeriodRewards(state, p.period - 1) : undefined;
        return { height: tip.height, current, latest: latest === undefined ? null : periodSummaryView(latest.summary) };
      }),
  );

  app.get<{ Params: Static<typeof PeriodParams> }>(
    '/farming/rewards/:period',
    {
      schema: {
        summary: 'What a closed farming period paid, per farm and node',
        description: 'Amounts in regional base units; `policyId` null for a node no policy served. 404 RPC_PERIOD_NOT_FOUND for a period that has not closed.',
        querystring: NoQuery,
        tags: ['farming'],
        params: PeriodParams,
        response: { 200: PeriodRewardsView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const n = Number(req.params.period);
      return atOneHeight(node, async (tip, state) => {
        const current = await period(state);
        const r = await port.readPeriodRewards(state, n);
        if (r === undefined) throw new RpcError('RPC_PERIOD_NOT_FOUND', `period ${n} has not closed (the open period is ${current.period})`, { period: n, currentPeriod: current.period });
        return periodRewardsView(tip.height, r.summary, r.farms, prefix);
      });
    },
  );
}
