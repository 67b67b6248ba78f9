import { expect } from 'chai';
import { buildServer } from '../../rpc/server/build-server.ts';
import type { StatusInfo } from '../../rpc/server/status-route.ts';

const status: StatusInfo = {
  chainId: 'tfr-testnet-1',
  region: 'testnet',
  height: 7,
  latestBlockHash: 'ab'.repeat(32),
  latestBlockTime: '2026-11-01T00:00:07.000Z',
  stateRoot: 'cd'.repeat(32),
  validators: 99,
  round: 0,
};

describe('rpc: GET /status', () => {
  it('answers the chain status as JSON', async () => {
    let current = status;
    const app = buildServer({ chain: { status: () => current } });
    const r = await app.inject({ method: 'GET', url: '/status' });
    expect(r.statusCode).to.equal(200);
    expect(r.json()).to.deep.equal(status);
    current = { ...status, height: 8 };
    expect((await app.inject({ method: 'GET', url: '/status' })).json().height).to.equal(8);
  });

  it('answers unknown routes with a JSON error code', async () => {
    const app = buildServer({ chain: { status: () => status } });
    const r = await app.inject({ method: 'GET', url: '/nope' });
    expect(r.statusCode).to.equal(404);
    expect(r.json().code).to.equal('RPC_NOT_FOUND');
  });
});
