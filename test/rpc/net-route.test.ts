/**
 * GET /net through `inject` on the whole server (buildServer) over a NetPort double: the node's
 * network as the port reports it, valid against its schema; 404 RPC_NO_NETWORK from a server built
 * without a network (the in-process testnet's); listed in /openapi.json; and the SDK's `net()`.
 */
import { Ajv } from 'ajv';
import { expect } from 'chai';
import type { FastifyInstance } from 'fastify';
import type { NetInfo } from '../../chain/node/p2p/net-info.ts';
import { NetInfoView } from '../../rpc/api/net-schemas.ts';
import { createClient, RpcError, type FetchLike } from '../../rpc/client/index.ts';
import { buildServer } from '../../rpc/server/build-server.ts';
import { fakeNetPort, sampleNetInfo } from '../fixtures/fake-net-port.ts';
import { stubGenesis, stubRpcNode } from '../fixtures/fake-dao-port.ts';
import { expectError } from './rpc-helpers.ts';

// Type checks: the schema and the p2p contract describe the same shape, both ways (the schema's arrays are mutable).
const viewOfInfo = (i: NetInfo): NetInfoView => ({ ...i, listen: [...i.listen], peers: i.peers.map((p) => ({ ...p })) });
const infoOfView = (v: NetInfoView): NetInfo => v;
void infoOfView;

/** The SDK's fetch over `inject`: the real server's answers without a socket. */
const fetchOver = (server: FastifyInstance): FetchLike => async (url, init) => {
  const u = new URL(url);
  const r = await server.inject({ method: init.method as 'GET', url: `${u.pathname}${u.search}`, headers: init.headers });
  return { status: r.statusCode, ok: r.statusCode >= 200 && r.statusCode < 300, text: async () => r.body };
};

const validate = new Ajv({ strict: false, allErrors: true }).compile(NetInfoView);
const node = stubRpcNode(stubGenesis(), { height: 41 }).node;

describe('rpc: GET /net', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("answers the NetPort's info, valid against the schema, read at each request", async () => {
    let info = sampleNetInfo();
    const port = fakeNetPort(() => info);
    app = buildServer({ node, net: port, rateLimit: false });
    const r = await app.inject({ method: 'GET', url: '/net' });
    expect(r.statusCode, r.body).to.equal(200);
    const body: unknown = r.json();
    expect(validate(body), JSON.stringify(validate.errors)).to.equal(true);
    expect(body).to.deep.equal(viewOfInfo(sampleNetInfo()));
    info = { ...info, syncing: true, listen: [], peers: [] };
    const again = await app.inject({ method: 'GET', url: '/net' });
    expect(again.json()).to.deep.equal({ peerId: info.peerId, listen: [], syncing: true, peers: [] });
    expect(validate(again.json())).to.equal(true);
    expect(port.calls).to.equal(2);
  });

  it('a server built without a network (the in-process testnet) answers 404 RPC_NO_NETWORK', async () => {
    app = buildServer({ node, rateLimit: false });
    const r = await app.inject({ method: 'GET', url: '/net' });
    expectError(r, 404, 'RPC_NO_NETWORK');
    expect(r.json().message).to.equal('this node runs without a peer-to-peer network (the in-process testnet)');
  });

  it('the schema refuses what the contract does not allow', () => {
    const peer = sampleNetInfo().peers[0]!;
    const bad = [
      { ...sampleNetInfo(), extra: 1 },
      { ...sampleNetInfo(), peers: [{ ...peer, direction: 'sideways' }] },
      { ...sampleNetInfo(), peers: [{ ...peer, bytesIn: -1 }] },
      { ...sampleNetInfo(), peers: [{ ...peer, bytesOut: 1.5 }] },
      { ...sampleNetInfo(), peers: [{ ...peer, height: undefined }] },
    ];
    for (const b of bad) expect(validate(JSON.parse(JSON.stringify(b))), JSON.stringify(b)).to.equal(false);
  });

  it('/openapi.json documents GET /net with its schema', async () => {
    app = buildServer({ node, net: fakeNetPort(), rateLimit: false });
    const spec = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const get = spec.paths['/net'].get;
    expect(get.tags).to.deep.equal(['network']);
    expect(get.responses['200'].content['application/json'].schema.required).to.deep.equal(['peerId', 'listen', 'syncing', 'peers']);
    expect(get.responses).to.have.property('4XX');
  });

  it("the SDK's net() answers the typed NetInfo, and RpcError RPC_NO_NETWORK (404) from a node without a network", async () => {
    app = buildServer({ node, net: fakeNetPort(), rateLimit: false });
    const info = await createClient({ url: 'http://node.example', fetch: fetchOver(app) }).net();
    expect(info).to.deep.equal(viewOfInfo(sampleNetInfo()));
    expect(info.peers[1]!.validator).to.equal(null);
    const bare = buildServer({ node, rateLimit: false });
    try {
      const e = await createClient({ url: 'http://node.example', fetch: fetchOver(bare) }).net().then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).to.be.instanceOf(RpcError);
      expect(e).to.include({ code: 'RPC_NO_NETWORK', status: 404 });
    } finally {
      await bare.close();
    }
  });
});
