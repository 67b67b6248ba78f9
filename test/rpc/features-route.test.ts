/**
 * GET /features through `inject` (and the SDK's `features()` over HTTP): which parts a chain has.
 * A stub node with the DAO double has a DAO and farming and nothing else; the same node without
 * the double has nothing; an anchor port of the Hub makes it the Hub with a bridge; a running
 * chain with a genesis pool has the pool.
 */
import { Ajv } from 'ajv';
import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import { FeaturesView } from '../../rpc/api/schemas.ts';
import { createClient } from '../../rpc/client/client.ts';
import { anchorPortOf } from '../../rpc/server/anchor-port.ts';
import { buildServer } from '../../rpc/server/build-server.ts';
import { fakeDaoPort, sampleDaoState, stubGenesis, stubRpcNode } from '../fixtures/fake-dao-port.ts';
import { startRpcChain } from '../fixtures/rpc-chain.ts';

const validate = new Ajv({ strict: false }).compile(FeaturesView);

async function features(app: FastifyInstance): Promise<unknown> {
  const r = await app.inject({ method: 'GET', url: '/features' });
  expect(r.statusCode, r.body).to.equal(200);
  const body: unknown = r.json();
  expect(validate(body), JSON.stringify(validate.errors)).to.equal(true);
  return body;
}

describe('rpc: GET /features', function () {
  this.timeout(60_000);
  const genesis = stubGenesis();

  it('a chain with the DAO and farming modules and no pool or bridge', async () => {
    const stub = stubRpcNode(genesis, { height: 7 });
    const app = buildServer({ node: stub.node, dao: fakeDaoPort(sampleDaoState()), rateLimit: false });
    try {
      expect(await features(app)).to.deep.equal({ height: 7, role: 'region', pool: false, dao: true, farming: true, bridge: false });
    } finally {
      await app.close();
    }
  });

  it('a DAO without farming is told apart; a bare chain has nothing', async () => {
    const stub = stubRpcNode(genesis, { height: 3 });
    const s = sampleDaoState();
    const noFarming = buildServer({ node: stub.node, dao: { ...fakeDaoPort(s), readCurrentPeriod: async () => undefined }, rateLimit: false });
    const bare = buildServer({ node: stub.node, rateLimit: false });
    try {
      expect(await features(noFarming)).to.include({ dao: true, farming: false });
      expect(await features(bare)).to.deep.equal({ height: 3, role: 'region', pool: false, dao: false, farming: false, bridge: false });
    } finally {
      await noFarming.close();
      await bare.close();
    }
  });

  it('the Hub: role hub, with a bridge', async () => {
    const stub = stubRpcNode(genesis, { height: 5 });
    const port = anchorPortOf({ genesis, store: stub.node.store });
    const app = buildServer({ node: stub.node, rateLimit: false, anchors: { ...port, role: 'hub', hubChainId: genesis.chainId } });
    try {
      expect(await features(app)).to.deep.include({ role: 'hub', bridge: true, pool: false });
    } finally {
      await app.close();
    }
  });

  it('a running chain with a genesis pool, through the SDK', async () => {
    const c = await startRpcChain({ pool: true, listen: true });
    try {
      const f = await createClient({ url: c.url! }).features();
      expect(f).to.include({ role: 'region', pool: true, dao: false, farming: false, bridge: false });
      expect(f.height).to.be.at.least(0);
    } finally {
      await c.close();
    }
  });
});
