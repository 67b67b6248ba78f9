/**
 * GET /dao/params, /dao/proposals[?status=], /dao/proposals/:id[?farm=]: the DAO's parameters,
 * its proposals with their actions (JSON form, rpc/client/dao-json.ts) and a live tally with the
 * outcome they would have if they closed now (dao-projection.ts). Every answer is of one state, the
 * one after block `height`; a chain without a DAO answers 404 RPC_NO_DAO, an unknown proposal 404
 * DAO_PROPOSAL_NOT_FOUND (an unknown ?farm, DAO_FARM_NOT_FOUND).
 */
import BN from 'bn.js';
import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { formatBaseUnits } from '../../chain/amount.ts';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { ChainError } from '../../chain/errors.ts';
import type { StateReader } from '../../chain/execution/state-access.ts';
import type { DaoFloors, DaoParams, Proposal } from '../../dao/governance/dao-types.ts';
import { DaoParamsView, IdParams, NoQuery, ProposalQuery, ProposalsQuery, ProposalsView, ProposalView, type ProposalSummary, type TallyView } from '../api/dao-schemas.ts';
import { ErrorBody } from '../api/schemas.ts';
import { actionToJson, daoParamsToJson, thousandths } from '../client/dao-json.ts';
import { atOneHeight, averageBlockMs, secondsFor } from './chain-snapshot.ts';
import type { DaoPort } from './dao-port.ts';
import { liveTally } from './dao-projection.ts';
import { ratioDecimal } from './decimal-ratio.ts';
import { RpcError } from './rpc-errors.ts';
import type { RpcNode } from './rpc-node.ts';

/** num / den as a decimal string ("0" when den is 0). */
export function shareDecimal(num: number, den: number): string {
  return den === 0 ? '0' : ratioDecimal(new BN(num), new BN(den));
}

export function tallyView(p: Proposal, params: DaoParams): TallyView {
  const t = p.tally;
  const live = liveTally(t, p.totalWeight, params);
  return {
    yes: t.yes,
    no: t.no,
    abstain: t.abstain,
    veto: t.veto,
    totalWeight: p.totalWeight,
    turnout: live.turnout,
    turnoutPermille: live.turnoutPermille,
    turnoutShare: shareDecimal(live.turnout, p.totalWeight),
    quorumReached: live.quorumReached,
    yesPermille: live.yesPermille,
    yesShare: shareDecimal(t.yes, t.yes + t.no + t.veto),
    vetoPermille: live.vetoPermille,
    vetoShare: shareDecimal(t.veto, live.turnout),
    projected: p.status === 'open' ? live.projected : null,
  };
}

export function proposalSummary(p: Proposal, params: DaoParams, height: number, prefix: string): ProposalSummary {
  return {
    id: p.id,
    title: p.title,
    proposer: encodeAddress(prefix, p.proposer),
    status: p.status,
    deposit: formatBaseUnits(p.deposit),
    createdHeight: p.createdHeight,
    endHeight: p.endHeight,
    blocksLeft: Math.max(0, p.endHeight - height),
    actionKinds: p.actions.map((a) => a.kind),
    voters: p.voters,
    tally: tallyView(p, params),
    failCode: p.failCode,
    failedAction: p.failedAction,
  };
}

export function daoParamsView(height: number, params: DaoParams, floors: DaoFloors): DaoParamsView {
  return {
    height,
    params: daoParamsToJson(params),
    floors: { minDeposit: formatBaseUnits(floors.minDeposit), minVotingPeriod: floors.minVotingPeriod, quorum: floors.quorum, threshold: floors.threshold },
    shares: {
      quorum: thousandths(params.quorum),
      threshold: thousandths(params.threshold),
      veto: thousandths(params.veto),
      floorQuorum: thousandths(floors.quorum),
      floorThreshold: thousandths(floors.threshold),
    },
  };
}

export function registerDaoRoutes(app: FastifyInstance, node: RpcNode, port: DaoPort): void {
  const prefix = node.genesis.addressPrefix;
  const config = async (state: StateReader) => {
    const c = await port.readConfig(state);
    if (c === undefined) throw new RpcError('RPC_NO_DAO', 'this chain has no DAO');
    return c;
  };

  app.get(
    '/dao/params',
    {
      schema: {
        summary: "The DAO's parameters and the floors genesis fixed",
        description: 'quorum, threshold and veto are permille integers (334 = 0.334), also given as decimal strings in `shares`. Deposits in regional base units, periods in blocks.',
        querystring: NoQuery,
        tags: ['dao'],
        response: { 200: DaoParamsView, '4xx': ErrorBody },
      },
    },
    async () =>
      atOneHeight(node, async (tip, state) => {
        const { params, floors } = await config(state);
        return daoParamsView(tip.height, params, floors);
      }),
  );

  app.get<{ Querystring: Static<typeof ProposalsQuery> }>(
    '/dao/proposals',
    {
      schema: {
        summary: 'Proposals (ascending id) with their live tally',
        description: 'All proposals, or those with `status`. Weights are milli-units of 2*CU + SU; `tally.projected` is the outcome if an open proposal closed now.',
        tags: ['dao'],
        querystring: ProposalsQuery,
        response: { 200: ProposalsView, '4xx': ErrorBody },
      },
    },
    async (req) =>
      atOneHeight(node, async (tip, state) => {
        const { params } = await config(state);
        const list = await port.listProposals(state, req.query.status);
        return { height: tip.height, proposals: list.map((p) => proposalSummary(p, params, tip.height, prefix)) };
      }),
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof ProposalQuery> }>(
    '/dao/proposals/:id',
    {
      schema: {
        summary: 'A proposal: actions, status, tally, projected outcome, time left',
        description:
          'The tally is projected by the rule the chain closes with: turnout * 1000 >= quorum * totalWeight, else rejected; then veto * 1000 >= veto share * turnout: vetoed; ' +
          'then yes * 1000 > threshold * (yes + no + veto): passed, else rejected. `secondsLeft` = blocksLeft times the mean header interval of the latest 20 blocks. ' +
          "`?farm=ID` adds that farm's current vote (`farmVote`, null if it has not voted). 404 DAO_PROPOSAL_NOT_FOUND, DAO_FARM_NOT_FOUND.",
        tags: ['dao'],
        params: IdParams,
        querystring: ProposalQuery,
        response: { 200: ProposalView, '4xx': ErrorBody },
      },
    },
    async (req) => {
      const id = Number(req.params.id);
      const farmId = req.query.farm;
      return atOneHeight(node, async (tip, state) => {
        const { params } = await config(state);
        const p = await port.readProposal(state, id);
        if (p === undefined) throw new ChainError('DAO_PROPOSAL_NOT_FOUND', `no proposal ${id}`, { id });
        const summary = proposalSummary(p, params, tip.height, prefix);
        const view: ProposalView = {
          height: tip.height,
          ...summary,
          description: p.description,
          actions: p.actions.map((a) => actionToJson(a, prefix)),
          secondsLeft: secondsFor(summary.blocksLeft, await averageBlockMs(node, tip)),
        };
        if (farmId === undefined) return view;
        if ((await port.readFarm(state, farmId)) === undefined) throw new ChainError('DAO_FARM_NOT_FOUND', `no farm ${farmId}`, { farmId });
        const vote = await port.readVote(state, id, farmId);
        return { ...view, farmVote: vote === undefined ? null : { farmId, choice: vote.choice, weight: vote.weight } };
      });
    },
  );
}
