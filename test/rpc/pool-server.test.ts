/**
 * The pool routes and the SDK's pool part on a running chain with the real pool module: GET /pool,
 * /pool/quote and /pool/positions against the genesis pool, an SDK swap that moves balances and
 * reserves exactly as its quote said, liquidity added and removed through the builders, and a
 * chain without a pool (404 RPC_NO_POOL).
 */
import BN from 'bn.js';
import { expect } from 'chai';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { moduleAccountAddress, TREASURY_ACCOUNT } from '../../chain/ledger/module-accounts.ts';
import { buildAddLiquidity, buildRemoveLiquidity, createClient, swap, type TfrClient } from '../../rpc/client/index.ts';
import { isqrt, poolSectionOf } from '../../defi/index.ts';
import { ratioDecimal } from '../../rpc/server/decimal-ratio.ts';
import { startRpcChain, type RpcChain } from '../fixtures/rpc-chain.ts';
import { account, expectError, getJson } from './rpc-helpers.ts';

describe('rpc: pool routes and SDK on the real pool', function () {
  this.timeout(60_000);
  let c: RpcChain;
  let client: TfrClient;
  before(async () => {
    c = await startRpcChain({ pool: true, listen: true });
    client = createClient({ url: c.url! });
    await c.waitForHeight(2);
  });
  after(async () => c.close());

  it('GET /pool shows the genesis pool; positions show the provider (the treasury) and its 1000 locked shares less', async () => {
    const g = poolSectionOf(c.genesis)!;
    const total = isqrt(g.reserves.TFT.mul(g.reserves.REGIONAL));
    const spot = { regionalPerTft: ratioDecimal(g.reserves.REGIONAL, g.reserves.TFT), tftPerRegional: ratioDecimal(g.reserves.TFT, g.reserves.REGIONAL) };
    const p = (await getJson(c, '/pool?window=60')).json();
    expect(p).to.deep.include({
      reserves: { TFT: g.reserves.TFT.toString(), REGIONAL: g.reserves.REGIONAL.toString() },
      totalShares: total.toString(),
      feeBps: g.feeBps,
      protocolFee: g.protocolFee,
      spot,
    });
    // The oracle's prices are UQ112x112, floored: the TWAP of a constant price shows that floor.
    const q112 = new BN(1).ushln(112);
    const uq = (a: BN, b: BN) => ratioDecimal(a.mul(q112).div(b), q112);
    if (p.twap !== null) expect(p.twap).to.deep.include({ regionalPerTft: uq(g.reserves.REGIONAL, g.reserves.TFT), tftPerRegional: uq(g.reserves.TFT, g.reserves.REGIONAL) });
    const provider = g.provider ?? encodeAddress(c.genesis.addressPrefix, moduleAccountAddress(TREASURY_ACCOUNT));
    const pos = (await getJson(c, `/pool/positions/${provider}`)).json();
    const shares = total.subn(1000);
    expect(pos).to.deep.include({
      shares: shares.toString(),
      totalShares: total.toString(),
      shareOfPool: ratioDecimal(shares, total),
      amounts: { TFT: shares.mul(g.reserves.TFT).div(total).toString(), REGIONAL: shares.mul(g.reserves.REGIONAL).div(total).toString() },
    });
  });

  it('the quote follows the reference math; AMM errors keep their codes', async () => {
    const q = (await getJson(c, '/pool/quote?in=TFT&amount=10000000000')).json();
    const inWithFee = new BN('10000000000').muln(9970);
    const rT = new BN(q.reserves.TFT);
    const rR = new BN(q.reserves.REGIONAL);
    expect(q.amountOut).to.equal(inWithFee.mul(rR).div(rT.muln(10000).add(inWithFee)).toString());
    expect(q.minimumReceived).to.equal(new BN(q.amountOut).muln(9950).divn(10000).toString());
    expect(q.priceImpactBps).to.be.within(1, 1000);
    const o = (await getJson(c, `/pool/quote?in=REGIONAL&out=${q.reserves.TFT}`));
    expectError(o, 409, 'AMM_INSUFFICIENT_LIQUIDITY');
  });

  it('SDK swap: balances and reserves move exactly as the quote of the executing state says', async () => {
    const alice = c.address('alice');
    const before = await account(c, alice);
    const r = await swap(client, { secretKey: c.key('alice').secret, assetIn: 'TFT', amount: '10000000' });
    expect(r.view.code).to.equal('OK');
    const ev = r.view.events!.find((e) => e.module === 'pool' && e.name === 'swap')!;
    expect(ev.data).to.include({ assetIn: 'TFT', amountIn: '10000000' });
    // Reserves before the swap, from the event's reserves after it.
    const rT = new BN(String(ev.data['reserveTFT'])).subn(10000000);
    const rR = new BN(String(ev.data['reserveREGIONAL'])).add(new BN(String(ev.data['amountOut'])));
    const inWithFee = new BN(10000000).muln(9970);
    const expectedOut = inWithFee.mul(rR).div(rT.muln(10000).add(inWithFee));
    expect(String(ev.data['amountOut'])).to.equal(expectedOut.toString());
    if (r.quote.reserves.TFT === rT.toString()) expect(r.quote.amountOut).to.equal(expectedOut.toString());
    expect(new BN(String(ev.data['amountOut'])).gte(r.minAmountOut)).to.equal(true);
    const after = await account(c, alice);
    expect(new BN(before.balances.TFT).sub(new BN(after.balances.TFT)).toString()).to.equal('10000000');
    expect(new BN(after.balances.REGIONAL).sub(new BN(before.balances.REGIONAL)).add(new BN(r.fee)).toString()).to.equal(expectedOut.toString());
  });

  it('builders: add liquidity then remove it all', async () => {
    const bob = c.address('bob');
    const status = await client.status();
    const base = { chainId: status.chainId, secretKey: c.key('bob').secret, fee: status.minFee, expiry: status.height + 50 };
    const nonce = (await client.account(bob)).pendingNonce;
    const add = await client.submitTx(buildAddLiquidity({ ...base, nonce, tftDesired: '100000000', regionalDesired: '800000000', tftMin: '0', regionalMin: '0', deadline: status.height + 50 }).bytes, { wait: 'commit' });
    expect(add.code).to.equal('OK');
    const pos = await client.position(bob);
    expect(new BN(pos.shares).gtn(0)).to.equal(true);
    const rm = await client.submitTx(buildRemoveLiquidity({ ...base, nonce: nonce + 1, shares: pos.shares, tftMin: '1', regionalMin: '1', deadline: status.height + 50 }).bytes, { wait: 'commit' });
    expect(rm.code).to.equal('OK');
    expect((await client.position(bob)).shares).to.equal('0');
  });

  it('a chain without a pool: 404 RPC_NO_POOL, through the SDK too', async () => {
    const plain = await startRpcChain();
    try {
      expectError(await plain.app.inject({ method: 'GET', url: '/pool' }), 404, 'RPC_NO_POOL');
      expectError(await plain.app.inject({ method: 'GET', url: '/pool/quote?in=TFT&amount=1' }), 404, 'RPC_NO_POOL');
    } finally {
      await plain.close();
    }
  });
});
