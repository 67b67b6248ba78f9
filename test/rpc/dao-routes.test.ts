/**
 * The DAO and farming routes through `inject` on the whole server (buildServer), over a stub node
 * (a fixed height, blocks at known times) and the DAO double (test/fixtures/fake-dao-port.ts):
 * every route, filters, the live tally and projection at the rule's boundaries, time left, unknown
 * and malformed ids, chains without a DAO or farming section, and answers valid against their
 * schemas and listed in /openapi.json.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { expect } from 'chai';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { addressFromPublicKey, encodeAddress } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import {
  DaoParamsView,
  FarmView,
  NodeView,
  PeriodRewardsView,
  PoliciesView,
  ProposalsView,
  ProposalView,
  RewardsOverview,
} from '../../rpc/api/dao-schemas.ts';
import { actionToJson } from '../../rpc/client/dao-json.ts';
import { buildServer } from '../../rpc/server/build-server.ts';
import { accountBytes, everyAction, fakeDaoPort, nodeKey, proposal, sampleDaoState, stubGenesis, stubRpcNode, T0, type FakeDaoState, type StubNode } from '../fixtures/fake-dao-port.ts';
import { expectError } from './rpc-helpers.ts';

const genesis = stubGenesis();
const PREFIX = genesis.addressPrefix;
const addr = (name: string) => addressFromPublicKey(PREFIX, testAccountKey(TESTNET_SEED, name).publicKey);

const ajv = new Ajv({ strict: false, allErrors: true });
const validators = new Map<object, ValidateFunction>();
function expectValid(schema: object, body: unknown): void {
  let v = validators.get(schema);
  if (v === undefined) validators.set(schema, (v = ajv.compile(schema)));
  expect(v(body), JSON.stringify(v.errors)).to.equal(true);
}

describe('rpc: DAO and farming routes (DAO double)', () => {
  let s: FakeDaoState;
  let stub: StubNode;
  let app: FastifyInstance;
  const get = async (url: string, schema?: object): Promise<LightMyRequestResponse> => {
    const r = await app.inject({ method: 'GET', url });
    if (schema !== undefined) {
      expect(r.statusCode, r.body).to.equal(200);
      expectValid(schema, r.json());
    }
    return r;
  };
  beforeEach(async () => {
    s = sampleDaoState();
    stub = stubRpcNode(genesis, { height: 50, blockMs: 1000 });
    app = buildServer({ node: stub.node, dao: fakeDaoPort(s), rateLimit: false });
    await app.ready();
  });
  afterEach(async () => app.close());

  describe('/dao', () => {
    it('GET /dao/params: permille parameters, their decimals, and the floors', async () => {
      const body = (await get('/dao/params', DaoParamsView)).json();
      expect(body).to.deep.equal({
        height: 50,
        params: { minDeposit: '1000000000', minVotingPeriod: 100, maxVotingPeriod: 10000, quorum: 334, threshold: 500, veto: 334 },
        floors: { minDeposit: '100000000', minVotingPeriod: 10, quorum: 200, threshold: 500 },
        shares: { quorum: '0.334', threshold: '0.5', veto: '0.334', floorQuorum: '0.2', floorThreshold: '0.5' },
      });
    });

    it('GET /dao/proposals: every proposal ascending with its tally; ?status filters', async () => {
      const body = (await get('/dao/proposals', ProposalsView)).json();
      expect(body.height).to.equal(50);
      expect(body.proposals.map((p: { id: number }) => p.id)).to.deep.equal([1, 2, 3, 4]);
      expect(body.proposals[0]).to.deep.equal({
        id: 1,
        title: 'Gold policy for alpha',
        proposer: addr('alice'),
        status: 'open',
        deposit: '1000000000',
        createdHeight: 20,
        endHeight: 60,
        blocksLeft: 10,
        actionKinds: ['add-policy', 'update-policy', 'attach-policy'],
        voters: 2,
        tally: {
          yes: 3000,
          no: 1000,
          abstain: 0,
          veto: 0,
          totalWeight: 10000,
          turnout: 4000,
          turnoutPermille: 400,
          turnoutShare: '0.4',
          quorumReached: true,
          yesPermille: 750,
          yesShare: '0.75',
          vetoPermille: 0,
          vetoShare: '0',
          projected: 'passed',
        },
        failCode: null,
        failedAction: null,
      });
      expect(body.proposals[2]).to.deep.include({ status: 'failed', failCode: 'LEDGER_INSUFFICIENT_BALANCE', failedAction: 0, proposer: addr('bob'), blocksLeft: 0 });
      expect(body.proposals[2].tally.projected).to.equal(null);
      const open = (await get('/dao/proposals?status=open', ProposalsView)).json();
      expect(open.proposals.map((p: { id: number }) => p.id)).to.deep.equal([1, 4]);
      expect((await get('/dao/proposals?status=failed')).json().proposals.map((p: { id: number }) => p.id)).to.deep.equal([3]);
      expect((await get('/dao/proposals?status=vetoed')).json().proposals).to.deep.equal([]);
      expect(s.calls.filter((c) => c.startsWith('listProposals'))).to.deep.equal(['listProposals()', 'listProposals(open)', 'listProposals(failed)', 'listProposals(vetoed)']);
    });

    it('GET /dao/proposals/:id: actions as JSON, tally, projection, blocks and seconds left; ?farm adds its vote', async () => {
      const body = (await get('/dao/proposals/1', ProposalView)).json();
      expect(body).to.deep.include({ height: 50, id: 1, description: 'https://forum.example/t/1', blocksLeft: 10, secondsLeft: 10 });
      expect(body.actions).to.deep.equal(everyAction().slice(0, 3).map((a) => actionToJson(a, PREFIX)));
      expect(body.actions[2]).to.deep.equal({ kind: 'attach-policy', farmId: 1, policyId: 3, limits: { cuMilli: 5000, suMilli: null, nodeCount: 2, end: 900, nodeCertification: true } });
      expect(body.tally.projected).to.equal('passed');
      expect(body).to.not.have.property('farmVote');
      expect((await get('/dao/proposals/1?farm=1', ProposalView)).json().farmVote).to.deep.equal({ farmId: 1, choice: 'yes', weight: 3000 });
      expect((await get('/dao/proposals/1?farm=2')).json().farmVote).to.deep.equal({ farmId: 2, choice: 'no', weight: 1000 });
      expect((await get('/dao/proposals/1?farm=3', ProposalView)).json().farmVote).to.equal(null);
      expectError(await get('/dao/proposals/1?farm=9'), 404, 'DAO_FARM_NOT_FOUND');
    });

    it('GET /dao/proposals/:id: every action kind in its JSON form', async () => {
      const body = (await get('/dao/proposals/4', ProposalView)).json();
      expect(body.actionKinds).to.deep.equal(['add-policy', 'update-policy', 'attach-policy', 'detach-policy', 'set-farm-certification', 'set-node-certification', 'set-pool-fee', 'set-dao-params', 'treasury-spend']);
      expect(body.actions[0].policy).to.deep.equal({
        name: 'gold-2027',
        cu: '3000',
        su: '1250',
        nu: '30',
        ipv4: '5',
        minimalUptime: 950,
        policyEnd: 5000,
        immutable: true,
        default: false,
        nodeCertification: 'certified',
        farmCertification: 'gold',
      });
      expect(body.actions[7]).to.deep.equal({ kind: 'set-dao-params', params: { minDeposit: '500000000', minVotingPeriod: 50, maxVotingPeriod: 5000, quorum: 400, threshold: 600, veto: 300 } });
      expect(body.actions[8]).to.deep.equal({ kind: 'treasury-spend', to: addr('carol'), asset: 'REGIONAL', amount: '10000000000' });
      expect(body).to.include({ blocksLeft: 98, secondsLeft: 98 });
      expect(body.tally).to.deep.include({ turnout: 0, quorumReached: false, projected: 'rejected', turnoutShare: '0', yesShare: '0', vetoShare: '0' });
    });

    it('a closed proposal has no projection and no time left', async () => {
      const body = (await get('/dao/proposals/2', ProposalView)).json();
      expect(body).to.deep.include({ status: 'passed', blocksLeft: 0, secondsLeft: 0, actions: [], actionKinds: [] });
      expect(body.tally).to.deep.include({ quorumReached: true, yesPermille: 1000, projected: null });
    });

    it('the projection at the rule boundaries (quorum 334, threshold 500, veto 334 permille)', async () => {
      const cases: Array<[string, [number, number, number, number], boolean, string]> = [
        ['exactly at quorum', [334, 0, 0, 0], true, 'passed'],
        ['one below quorum', [333, 0, 0, 0], false, 'rejected'],
        ['exactly at the veto share', [666, 0, 0, 334], true, 'vetoed'],
        ['just below the veto share', [667, 0, 0, 333], true, 'passed'],
        ['yes equal to the threshold share', [500, 500, 0, 0], true, 'rejected'],
        ['yes just above the threshold share', [501, 499, 0, 0], true, 'passed'],
        ['no votes', [0, 0, 0, 0], false, 'rejected'],
        ['all abstain', [0, 0, 1000, 0], true, 'rejected'],
      ];
      for (const [name, [yes, no, abstain, veto], quorum, outcome] of cases) {
        s.proposals.set(1, proposal(1, { totalWeight: 1000, tally: { yes, no, abstain, veto } }));
        const tally = (await get('/dao/proposals/1', ProposalView)).json().tally;
        expect(tally.quorumReached, name).to.equal(quorum);
        expect(tally.projected, name).to.equal(outcome);
        expect((await get('/dao/proposals?status=open')).json().proposals[0].tally, name).to.deep.equal(tally);
      }
      s.proposals.set(1, proposal(1, { totalWeight: 1000, tally: { yes: 666, no: 0, abstain: 0, veto: 334 } }));
      expect((await get('/dao/proposals/1')).json().tally).to.deep.include({ turnoutPermille: 1000, turnoutShare: '1', vetoPermille: 334, vetoShare: '0.334', yesPermille: 666, yesShare: '0.666' });
    });

    it('seconds left: blocks left times the mean interval of the latest 20 headers; null on a 1-block chain', async () => {
      // 1 s blocks up to height 31, then 3 s: the latest 20 headers (31..50) average exactly 3 s.
      const timeOf = (h: number) => T0 + (h <= 31 ? h * 1000 : 31_000 + (h - 31) * 3000);
      const irregular = stubRpcNode(genesis, { height: 50, timeOf });
      const other = buildServer({ node: irregular.node, dao: fakeDaoPort(s), rateLimit: false });
      try {
        const body = (await other.inject({ method: 'GET', url: '/dao/proposals/1' })).json();
        expect(body).to.include({ blocksLeft: 10, secondsLeft: 30 });
        irregular.setHeight(10);
        expect((await other.inject({ method: 'GET', url: '/dao/proposals/1' })).json()).to.include({ blocksLeft: 50, secondsLeft: 50 });
        irregular.setHeight(1);
        const young = (await other.inject({ method: 'GET', url: '/dao/proposals/1' })).json();
        expect(young).to.include({ blocksLeft: 59, secondsLeft: null });
        expectValid(ProposalView, young);
        irregular.setHeight(70);
        expect((await other.inject({ method: 'GET', url: '/dao/proposals/1' })).json()).to.include({ blocksLeft: 0, secondsLeft: 0 });
      } finally {
        await other.close();
      }
    });

    it('unknown ids are 404 DAO_PROPOSAL_NOT_FOUND; malformed ids and queries 400 RPC_BAD_REQUEST', async () => {
      expectError(await get('/dao/proposals/99'), 404, 'DAO_PROPOSAL_NOT_FOUND');
      for (const url of ['/dao/proposals/0', '/dao/proposals/-1', '/dao/proposals/abc', '/dao/proposals/1.5', '/dao/proposals/01', '/dao/proposals/99999999999', '/dao/proposals/1?farm=0', '/dao/proposals/1?farm=x', '/dao/proposals/1?other=1', '/dao/proposals?status=closed', '/dao/params?x=1']) {
        expectError(await get(url), 400, 'RPC_BAD_REQUEST');
      }
    });

    it('a chain without a DAO answers 404 RPC_NO_DAO on every DAO route', async () => {
      s.config = undefined;
      for (const url of ['/dao/params', '/dao/proposals', '/dao/proposals?status=open', '/dao/proposals/1', '/dao/proposals/1?farm=1']) expectError(await get(url), 404, 'RPC_NO_DAO');
    });
  });

  describe('/farming', () => {
    it('GET /farming/policies: every policy with amounts as strings and `expired` at the current height', async () => {
      const body = (await get('/farming/policies', PoliciesView)).json();
      expect(body.policies.map((p: { id: number; expired: boolean }) => [p.id, p.expired])).to.deep.equal([
        [1, false],
        [2, false],
        [3, true],
        [4, false],
      ]);
      expect(body.policies[1]).to.deep.equal({
        id: 2,
        version: 1,
        policyCreated: 0,
        name: 'certified',
        cu: '3000',
        su: '1250',
        nu: '38',
        ipv4: '6',
        minimalUptime: 950,
        policyEnd: 0,
        immutable: false,
        default: true,
        nodeCertification: 'certified',
        farmCertification: 'gold',
        expired: false,
      });
      stub.setHeight(51);
      expect((await get('/farming/policies')).json().policies[3].expired).to.equal(true);
    });

    it('GET /farming/farms/:id: owner, payout, nodes, weight in milli-units and units, attachment', async () => {
      expect((await get('/farming/farms/1', FarmView)).json()).to.deep.equal({
        height: 50,
        id: 1,
        name: 'alpha',
        owner: addr('alice'),
        payout: addr('alice'),
        certification: 'notCertified',
        nodeIds: [1, 2],
        weightMilli: 3500,
        weight: '3.5',
        attachment: { policyId: 3, limits: { cuMilli: 5000, suMilli: null, nodeCount: 2, end: null, nodeCertification: false } },
      });
      expect((await get('/farming/farms/2', FarmView)).json()).to.deep.include({ payout: addr('carol'), attachment: null, certification: 'gold', weight: '1.5' });
      expect((await get('/farming/farms/3', FarmView)).json()).to.deep.include({ nodeIds: [], weightMilli: 0, weight: '0' });
    });

    it('GET /farming/nodes/:id: units, uptime of the current period only, the policy that pays it now, its account', async () => {
      const n1 = (await get('/farming/nodes/1', NodeView)).json();
      expect(n1).to.deep.equal({
        height: 50,
        id: 1,
        farmId: 1,
        nodeKey: toHex(nodeKey(1).publicKey),
        account: addressFromPublicKey(PREFIX, nodeKey(1).publicKey),
        resources: { cru: 8, mru: 32 * 2 ** 30, sru: 1000 * 2 ** 30, hru: 4 * 2 ** 40 },
        publicIps: 2,
        certification: 'diy',
        units: { cuMilli: 1250, suMilli: 1000, cu: '1.25', su: '1' },
        uptime: { period: 5, creditedSeconds: 3600, nuBytes: 2_000_000_000, lastReport: new Date(T0 + 45_000).toISOString(), lastUptime: 86400 },
        policyNow: 3,
      });
      expect(s.calls).to.include('nodePolicyNow(1,50)');
      // Node 2's counters belong to period 4: nothing credited in period 5 yet.
      expect((await get('/farming/nodes/2', NodeView)).json()).to.deep.include({ uptime: { period: 5, creditedSeconds: 0, nuBytes: 0, lastReport: new Date(T0 + 45_000).toISOString(), lastUptime: 86400 }, policyNow: 1 });
      const n3 = (await get('/farming/nodes/3', NodeView)).json();
      expect(n3).to.deep.include({ policyNow: null, certification: 'certified' });
      expect(n3.uptime).to.deep.equal({ period: 5, creditedSeconds: 0, nuBytes: 0, lastReport: null, lastUptime: 0 });
    });

    it('GET /farming/rewards/:period: the summary and per-farm payouts with node details', async () => {
      expect((await get('/farming/rewards/4', PeriodRewardsView)).json()).to.deep.equal({
        height: 50,
        period: 4,
        endHeight: 40,
        startTime: new Date(T0 + 21_000).toISOString(),
        endTime: new Date(T0 + 40_000).toISOString(),
        minted: '12345',
        nodesPaid: 2,
        nodesBelowUptime: 1,
        farms: [
          {
            farmId: 1,
            payout: addr('alice'),
            amount: '10000',
            nodes: [
              { nodeId: 1, policyId: 3, uptimePermille: 990, amount: '7000' },
              { nodeId: 2, policyId: 1, uptimePermille: 1000, amount: '3000' },
            ],
          },
          { farmId: 2, payout: addr('carol'), amount: '2345', nodes: [{ nodeId: 3, policyId: null, uptimePermille: 100, amount: '0' }] },
        ],
      });
      const open = await get('/farming/rewards/5');
      expectError(open, 404, 'RPC_PERIOD_NOT_FOUND');
      expect(open.json().details).to.deep.equal({ period: 5, currentPeriod: 5 });
      expectError(await get('/farming/rewards/0'), 404, 'RPC_PERIOD_NOT_FOUND');
    });

    it('GET /farming/rewards: the open period with its time left, and the latest closed period', async () => {
      expect((await get('/farming/rewards', RewardsOverview)).json()).to.deep.equal({
        height: 50,
        current: { period: 5, startHeight: 41, startTime: new Date(T0 + 41_000).toISOString(), endHeight: 60, periodBlocks: 20, blocksLeft: 10, secondsLeft: 10 },
        latest: { period: 4, endHeight: 40, startTime: new Date(T0 + 21_000).toISOString(), endTime: new Date(T0 + 40_000).toISOString(), minted: '12345', nodesPaid: 2, nodesBelowUptime: 1 },
      });
      s.rewards.clear();
      expect((await get('/farming/rewards', RewardsOverview)).json().latest).to.equal(null);
      s.period = { period: 0, startHeight: 0, startTime: T0, endHeight: 20, periodBlocks: 20 };
      expect((await get('/farming/rewards', RewardsOverview)).json()).to.deep.include({ latest: null });
    });

    it('unknown ids are 404 with the DAO_ code; malformed ids 400 RPC_BAD_REQUEST', async () => {
      expectError(await get('/farming/farms/9'), 404, 'DAO_FARM_NOT_FOUND');
      expectError(await get('/farming/nodes/9'), 404, 'DAO_NODE_NOT_FOUND');
      for (const url of ['/farming/farms/0', '/farming/farms/x', '/farming/nodes/-3', '/farming/nodes/1e3', '/farming/rewards/x', '/farming/rewards/-1', '/farming/rewards/01', '/farming/policies?all=1']) {
        expectError(await get(url), 400, 'RPC_BAD_REQUEST');
      }
    });

    it('a chain without a farming section answers 404 RPC_NO_FARMING on every farming route', async () => {
      s.period = undefined;
      for (const url of ['/farming/policies', '/farming/farms/1', '/farming/nodes/1', '/farming/rewards', '/farming/rewards/4']) expectError(await get(url), 404, 'RPC_NO_FARMING');
    });
  });

  it('a server built without the DAO port answers 404 RPC_NO_DAO and RPC_NO_FARMING', async () => {
    const bare = buildServer({ node: stub.node, rateLimit: false });
    try {
      for (const url of ['/dao/params', '/dao/proposals', '/dao/proposals/1']) expectError(await bare.inject({ method: 'GET', url }), 404, 'RPC_NO_DAO');
      for (const url of ['/farming/policies', '/farming/farms/1', '/farming/nodes/1', '/farming/rewards', '/farming/rewards/1']) expectError(await bare.inject({ method: 'GET', url }), 404, 'RPC_NO_FARMING');
    } finally {
      await bare.close();
    }
  });

  it('/openapi.json documents the DAO and farming routes with their schemas', async () => {
    const spec = (await get('/openapi.json')).json();
    for (const path of ['/dao/params', '/dao/proposals', '/dao/proposals/{id}', '/farming/policies', '/farming/farms/{id}', '/farming/nodes/{id}', '/farming/rewards', '/farming/rewards/{period}']) {
      expect(spec.paths, path).to.have.property(path);
      expect(spec.paths[path].get.responses['200'], path).to.have.property('content');
    }
    expect(spec.paths['/dao/proposals'].get.parameters.map((p: { name: string }) => p.name)).to.deep.equal(['status']);
    expect(encodeAddress(PREFIX, accountBytes('alice'))).to.equal(addr('alice'));
  });
});
