/**
 * The SDK's pool part against the scripted node (fake fetch): the requests of pool / quote /
 * position, the params and signatures of the four pool commands, and `swap`: quote, slippage
 * bound, deadline, expiry, nonce, submit and wait.
 */
import BN from 'bn.js';
import { expect } from 'chai';
import { amountToBytes, readAmount } from '../../chain/amount.ts';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { isChainError } from '../../chain/errors.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
import { decodeSwapExactIn } from '../../defi/pool-params.ts';
import type { QuoteView } from '../../rpc/api/pool-schemas.ts';
import {
  buildAddLiquidity,
  buildRemoveLiquidity,
  buildSwapExactIn,
  buildSwapExactOut,
  createClient,
  swap,
  withSlippageDown,
  withSlippageUp,
} from '../../rpc/client/index.ts';
import { FakeRpcNode } from '../fixtures/fake-rpc-node.ts';

const SECRET = new Uint8Array(32).fill(7);
const ENV = { chainId: 'tfr-fake-1', secretKey: SECRET, nonce: 4, fee: '1000', expiry: 90 };

/** BN fields as decimal strings, for deep comparisons. */
const plain = (o: object): Record<string, unknown> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, BN.isBN(v) ? v.toString() : v]));

function quoteOf(u: URL): QuoteView {
  const amountIn = u.searchParams.get('amount') ?? '1';
  return {
    height: 41,
    kind: 'exact-in',
    assetIn: u.searchParams.get('in') as 'TFT',
    assetOut: 'REGIONAL',
    amountIn,
    amountOut: new BN(amountIn).muln(4).toString(),
    feePaid: '3',
    priceImpactBps: 1,
    slippageBps: Number(u.searchParams.get('slippageBps') ?? 50),
    minimumReceived: '0',
    reserves: { TFT: '1000000000', REGIONAL: '4000000000' },
  };
}

describe('rpc/client: pool', () => {
  it('pool(), quote() and position() call their routes with the right query', async () => {
    const node = new FakeRpcNode();
    node.getRoutes.set('/pool', () => ({ height: 41 }));
    node.getRoutes.set('/pool/quote', quoteOf);
    node.getRoutes.set('/pool/positions/fake1abc', () => ({ shares: '5' }));
    const client = createClient({ url: 'http://n.example', fetch: node.fetch });
    await client.pool();
    await client.pool(600);
    await client.quote({ in: 'TFT', amount: '100' });
    await client.quote({ in: 'REGIONAL', out: new BN(7), slippageBps: 0 });
    expect((await client.position('fake1abc')).shares).to.equal('5');
    expect(node.requests.map((r) => `${r.url.pathname}${r.url.search}`)).to.deep.equal([
      '/pool',
      '/pool?window=600',
      '/pool/quote?in=TFT&amount=100',
      '/pool/quote?in=REGIONAL&out=7&slippageBps=0',
      '/pool/positions/fake1abc',
    ]);
  });

  it('quote() refuses bad input before sending', async () => {
    const node = new FakeRpcNode();
    const client = createClient({ url: 'http://n.example', fetch: node.fetch });
    for (const q of [{ in: 'TFT' as const }, { in: 'TFT' as const, amount: '1', out: '1' }, { in: 'BTC' as 'TFT', amount: '1' }, { in: 'TFT' as const, amount: '1.5' }, { in: 'TFT' as const, amount: '1', slippageBps: 10_001 }]) {
      let err: unknown;
      try {
        await client.quote(q);
      } catch (e) {
        err = e;
      }
      expect(isChainError(err), JSON.stringify(q)).to.equal(true);
    }
    expect(node.requests).to.have.length(0);
  });

  it('builders sign pool txs with the module params', () => {
    const b = buildSwapExactIn({ ...ENV, assetIn: 'REGIONAL', amountIn: '100', minAmountOut: new BN(95), deadline: 60 });
    expect(b.tx.body).to.deep.include({ module: 'pool', command: 'swap-exact-in' });
    expect(plain(decodeSwapExactIn(b.tx.body.params))).to.deep.equal({ assetIn: 'REGIONAL', amountIn: '100', minAmountOut: '95', deadline: 60 });
    const o = buildSwapExactOut({ ...ENV, assetIn: 'TFT', amountOut: '10', maxAmountIn: '12', deadline: 61 });
    expect(o.tx.body.command).to.equal('swap-exact-out');
    expect(o.tx.body.params).to.deep.equal(['TFT', amountToBytes(new BN(10)), amountToBytes(new BN(12)), 61]);
    const a = buildAddLiquidity({ ...ENV, tftDesired: '5', regionalDesired: '6', tftMin: '4', regionalMin: '0', deadline: 62 });
    expect(a.tx.body.command).to.equal('add-liquidity');
    expect((a.tx.body.params as CborValue[]).slice(0, 4).map((v) => readAmount(v, 'x').toString())).to.deep.equal(['5', '6', '4', '0']);
    const r = buildRemoveLiquidity({ ...ENV, shares: '9', tftMin: '1', regionalMin: '2', deadline: 63 });
    expect(r.tx.body).to.deep.include({ command: 'remove-liquidity' });
    expect((r.tx.body.params as CborValue[])[3]).to.equal(63);
    expect(() => buildSwapExactIn({ ...ENV, assetIn: 'XYZ' as 'TFT', amountIn: '1', minAmountOut: '1', deadline: 1 })).to.throw(/unknown asset/);
    expect(() => buildSwapExactIn({ ...ENV, assetIn: 'TFT', amountIn: '1', minAmountOut: '1', deadline: -1 })).to.throw(/deadline/);
  });

  it('slippage bounds: floor down, ceil up', () => {
    expect(withSlippageDown('1000', 50).toString()).to.equal('995');
    expect(withSlippageDown('999', 50).toString()).to.equal('994');
    expect(withSlippageUp('999', 50).toString()).to.equal('1004');
    expect(withSlippageUp('1000', 0).toString()).to.equal('1000');
    expect(() => withSlippageDown('1', 10_001)).to.throw(/slippage/);
  });

  it('swap quotes, sets minAmountOut at the slippage and deadline = height + 20 (also the expiry), and waits', async () => {
    const node = new FakeRpcNode();
    node.getRoutes.set('/pool/quote', quoteOf);
    const from = addressFromPublicKey('fake', ed25519PublicKey(SECRET));
    node.accounts.set(from, { nonce: 2, pendingNonce: 3, balances: { TFT: '0', REGIONAL: '0' } });
    const client = createClient({ url: 'http://n.example', fetch: node.fetch });
    const r = await swap(client, { secretKey: SECRET, assetIn: 'TFT', amount: '1000' });
    expect(r.quote.amountOut).to.equal('4000');
    expect(r.minAmountOut.toString()).to.equal('3980');
    expect(r).to.deep.include({ from, nonce: 3, deadline: 61 });
    expect(r.view.code).to.equal('OK');
    const tx = node.submitted[0]!;
    expect(tx.expiry).to.equal(61);
    expect(tx.fee.toString()).to.equal('1000');
    expect(plain(decodeSwapExactIn(tx.body.params))).to.deep.equal({ assetIn: 'TFT', amountIn: '1000', minAmountOut: '3980', deadline: 61 });

    const custom = await swap(client, { secretKey: SECRET, assetIn: 'TFT', amount: new BN(10), slippageBps: 100, deadlineBlocks: 5, minOut: '1', nonce: 9 });
    expect(custom.minAmountOut.toString()).to.equal('1');
    expect(custom.deadline).to.equal(node.status.height - 1 + 5);
    expect(node.submitted[1]!.nonce).to.equal(9);
    expect(node.requests.filter((q) => q.url.pathname === '/pool/quote').map((q) => q.url.search)).to.deep.equal(['?in=TFT&amount=1000&slippageBps=50', '?in=TFT&amount=10&slippageBps=100']);
  });
});
