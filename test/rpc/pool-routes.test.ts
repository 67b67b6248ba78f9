/**
 * The pool routes through `inject` over a running chain, with the pool module replaced by a
 * double (test/fixtures/fake-pool-port.ts): formatting, slippage bounds, one-height answers, bad
 * input and the chain without a pool. pool-routes-chain.test.ts runs them on the real pool.
 */
import BN from 'bn.js';
import { expect } from 'chai';
import Fastify, { type FastifyInstance } from 'fastify';
import { decodeAddress } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { installErrorHandler } from '../../rpc/server/error-handler.ts';
import { registerPoolRoutes } from '../../rpc/server/pool-routes.ts';
import { requestValidatorCompiler } from '../../rpc/server/validators-compiler.ts';
import { fakePool, fakePoolPort, type FakePoolState } from '../fixtures/fake-pool-port.ts';
import { startRpcChain, type RpcChain } from '../fixtures/rpc-chain.ts';
import { expectError } from './rpc-helpers.ts';

const Q112 = new BN(1).ushln(112);

describe('rpc: pool routes (pool double)', function () {
  this.timeout(60_000);
  let c: RpcChain;
  let app: FastifyInstance;
  const state: FakePoolState = { pool: undefined, shares: new Map(), twap: undefined, twapCalls: [] };
  const get = (url: string) => app.inject({ method: 'GET', url });
  before(async () => {
    c = await startRpcChain();
    app = Fastify();
    app.setValidatorCompiler(requestValidatorCompiler);
    installErrorHandler(app);
    registerPoolRoutes(app, c.node, fakePoolPort(state));
    await app.ready();
    await c.waitForHeight(2);
  });
  after(async () => {
    await app.close();
    await c.close();
  });
  beforeEach(() => {
    // 1,000 TFT against 4,000 CHI (both 7 decimals): 4 CHI per TFT.
    state.pool = fakePool('10000000000', '40000000000', '20000000000');
    state.shares = new Map([[toHex(decodeAddress(c.address('alice'), c.genesis.addressPrefix)), new BN('5000000000')]]);
    state.twap = { price0: Q112.muln(8), price1: Q112.divn(8), windowSeconds: 120 };
    state.twapCalls = [];
  });

  it('GET /pool: reserves, shares, fee, spot and TWAP prices in whole tokens, height', async () => {
    const r = await get('/pool?window=600');
    expect(r.statusCode, r.body).to.equal(200);
    const body = r.json();
    expect(body).to.deep.equal({
      height: body.height,
      reserves: { TFT: '10000000000', REGIONAL: '40000000000' },
      totalShares: '20000000000',
      feeBps: 30,
      protocolFee: false,
      spot: { regionalPerTft: '4', tftPerRegional: '0.25' },
      twap: { windowSeconds: 120, regionalPerTft: '8', tftPerRegional: '0.125' },
    });
    expect(body.height).to.be.at.least(2);
    expect(state.twapCalls).to.have.length(1);
    expect(state.twapCalls[0]!.windowSeconds).to.equal(600);
    expect((await get('/pool')).json().twap.windowSeconds).to.equal(120);
    expect(state.twapCalls[1]!.windowSeconds).to.equal(3600);
  });

  it('GET /pool: uneven prices get 18 significant digits; no history gives twap null', async () => {
    state.pool = fakePool('30000000000', '10000000000', '1000');
    state.twap = undefined;
    const body = (await get('/pool')).json();
    expect(body.spot).to.deep.equal({ regionalPerTft: '0.333333333333333333', tftPerRegional: '3' });
    expect(body.twap).to.equal(null);
  });

  it('GET /pool/quote exact-in: amountOut, fee, impact and minimumReceived at the slippage', async () => {
    const r = await get('/pool/quote?in=TFT&amount=10000000');
    expect(r.statusCode, r.body).to.equal(200);
    const q = r.json();
    const inWithFee = new BN(10000000).muln(9970);
    const out = inWithFee.mul(new BN('40000000000')).div(new BN('10000000000').muln(10000).add(inWithFee));
    expect(q).to.include({ kind: 'exact-in', assetIn: 'TFT', assetOut: 'REGIONAL', amountIn: '10000000', amountOut: out.toString(), feePaid: '30000', priceImpactBps: 7, slippageBps: 50 });
    expect(q.minimumReceived).to.equal(out.muln(9950).divn(10000).toString());
    expect(q.maximumSent).to.equal(undefined);
    expect(q.reserves).to.deep.equal({ TFT: '10000000000', REGIONAL: '40000000000' });
    const tight = (await get('/pool/quote?in=REGIONAL&amount=10000000&slippageBps=0')).json();
    expect(tight.assetOut).to.equal('TFT');
    expect(tight.minimumReceived).to.equal(tight.amountOut);
  });

  it('GET /pool/quote exact-out: amountIn and maximumSent rounded up', async () => {
    const q = (await get('/pool/quote?in=REGIONAL&out=10000000&slippageBps=100')).json();
    expect(q).to.include({ kind: 'exact-out', assetIn: 'REGIONAL', assetOut: 'TFT', amountOut: '10000000', slippageBps: 100 });
    const amountIn = new BN(q.amountIn);
    expect(q.maximumSent).to.equal(amountIn.muln(10100).addn(9999).divn(10000).toString());
    expect(q.minimumReceived).to.equal(undefined);
  });

  it('GET /pool/positions/:address: shares, share of the pool, underlying amounts floored', async () => {
    const r = await get(`/pool/positions/${c.address('alice')}`);
    expect(r.statusCode, r.body).to.equal(200);
    expect(r.json()).to.deep.include({
      address: c.address('alice'),
      shares: '5000000000',
      totalShares: '20000000000',
      shareOfPool: '0.25',
      amounts: { TFT: '2500000000', REGIONAL: '10000000000' },
    });
    const bob = (await get(`/pool/positions/${c.address('bob')}`)).json();
    expect(bob).to.deep.include({ shares: '0', shareOfPool: '0', amounts: { TFT: '0', REGIONAL: '0' } });
  });

  it('bad input is 400 RPC_BAD_REQUEST (or the address code); pool errors keep their codes', async () => {
    for (const url of [
      '/pool?window=0',
      '/pool?window=abc',
      '/pool?extra=1',
      '/pool/quote?in=BTC&amount=1',
      '/pool/quote?in=TFT',
      '/pool/quote?in=TFT&amount=1&out=1',
      '/pool/quote?in=TFT&amount=0',
      '/pool/quote?in=TFT&amount=1.5',
      '/pool/quote?in=TFT&amount=-1',
      '/pool/quote?in=TFT&amount=1&slippageBps=10001',
      '/pool/quote?in=TFT&amount=1&slippageBps=0.5',
    ]) {
      expectError(await get(url), 400, 'RPC_BAD_REQUEST');
    }
    expectError(await get('/pool/positions/notanaddress1xyz'), 400, 'CRYPTO_BAD_ADDRESS');
    expectError(await get('/pool/quote?in=TFT&out=40000000000'), 400, 'TX_BAD_PARAMS');
  });

  it('a chain without a pool answers 404 RPC_NO_POOL on every pool route', async () => {
    state.pool = undefined;
    for (const url of ['/pool', '/pool/quote?in=TFT&amount=5', `/pool/positions/${c.address('alice')}`]) expectError(await get(url), 404, 'RPC_NO_POOL');
  });
});
