/**
 * The pool commands against the real server with the real pool (test/fixtures/rpc-chain.ts with a
 * pool): pool, quote, swap with its slippage bound and deadline, liquidity add and remove, an
 * AMM_ failure with its hint, and a chain without a pool.
 */
import BN from 'bn.js';
import { expect } from 'chai';
import { decodeSwapExactIn } from '../../defi/index.ts';
import { decodeTx } from '../../chain/tx/tx-codec.ts';
import { startRpcChain, type RpcChain } from '../fixtures/rpc-chain.ts';
import { cliEnvFor, field, tfr } from './run-tfr.ts';

describe('cli: pool commands against the server', function () {
  this.timeout(60_000);
  let c: RpcChain;
  let env: Record<string, string>;
  let cli: ReturnType<typeof cliEnvFor>;
  before(async () => {
    c = await startRpcChain({ listen: true, pool: true });
    cli = cliEnvFor(c.url!, ['alice', 'bob', 'carol'].map((name) => ({ name, ...c.key(name) })));
    env = cli.env;
    await c.waitForHeight(2);
  });
  after(async () => {
    await c.close();
    cli.remove();
  });

  it('pool and quote print tokens and prices; --json gives the API answer', async () => {
    const p = await tfr(['pool'], { env });
    expect(p.code, p.stderr).to.equal(0);
    expect(field(p.stdout, 'reserves')).to.equal('100000 TFT');
    expect(p.stdout).to.match(/^price\s+10 CHI per TFT\n\s+0\.1 TFT per CHI$/m);
    expect(field(p.stdout, 'fee')).to.equal('0.3% (30 bps), protocol fee off');
    const q = await tfr(['quote', '--in', 'TFT', '--amount', '100', '--slippage', '1%'], { env });
    expect(q.code, q.stderr).to.equal(0);
    expect(field(q.stdout, 'sell')).to.match(/^100 TFT for 99\d\.\d+ CHI$/);
    expect(field(q.stdout, 'minimum out')).to.match(/ CHI \(slippage 1%\)$/);
    const out = JSON.parse((await tfr(['quote', '--in', 'CHI', '--out', '1', '--json'], { env })).stdout) as { kind: string; amountOut: string; maximumSent: string };
    expect(out).to.include({ kind: 'exact-out', amountOut: '10000000' });
  });

  it('swap signs with the quoted bound and a deadline 20 blocks out, and moves the balances', async () => {
    const r = await tfr(['swap', '--key', 'alice', '--in', 'TFT', '--amount', '10', '--json'], { env });
    expect(r.code, r.stderr).to.equal(0);
    const view = JSON.parse(r.stdout) as { hash: string; code: string; height: number; events: Array<{ module: string; name: string; data: Record<string, string> }> };
    expect(view.code).to.equal('OK');
    const stored = (await c.node.store.blocks.tx(Buffer.from(view.hash, 'hex')))!;
    const tx = decodeTx(stored.bytes, 1 << 16);
    const p = decodeSwapExactIn(tx.body.params);
    expect(p.assetIn).to.equal('TFT');
    expect(p.amountIn.toString()).to.equal('100000000');
    expect(p.deadline).to.equal(tx.expiry);
    expect(p.deadline - view.height).to.be.within(0, 20);
    const swapEv = view.events.find((e) => e.module === 'pool' && e.name === 'swap')!;
    const out = new BN(swapEv.data['amountOut']!);
    expect(out.gte(p.minAmountOut)).to.equal(true);
    expect(p.minAmountOut.gte(out.muln(9940).divn(10000))).to.equal(true);
    const text = await tfr(['swap', '--key', 'alice', '--in', 'CHI', '--amount', '5', '--slippage', '0.1%', '--deadline', '5'], { env });
    expect(text.code, text.stderr).to.equal(0);
    expect(text.stdout).to.match(/^swap 5 CHI for at least 0\.\d+ TFT \(quoted 0\.\d+ TFT at height \d+, slippage 0\.1%\)$/m);
    expect(field(text.stdout, 'result')).to.equal('OK');
  });

  it('an unmeetable --min-out fails with AMM_SLIPPAGE and its hint, exit 1', async () => {
    const r = await tfr(['swap', '--key', 'bob', '--in', 'TFT', '--amount', '1', '--min-out', '1000'], { env });
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/error: AMM_SLIPPAGE: .*\nhint: the price moved beyond the bound/);
  });

  it('liquidity add then remove', async () => {
    const add = await tfr(['liquidity', 'add', '--key', 'carol', '--tft', '10', '--regional', '1000'], { env });
    expect(add.code, add.stderr).to.equal(0);
    expect(add.stdout).to.match(/^add liquidity: about 10 TFT and 99\.\d+ CHI/m);
    const pos = (await c.app.inject({ method: 'GET', url: `/pool/positions/${c.address('carol')}` })).json() as { shares: string };
    const rm = await tfr(['liquidity', 'remove', '--key', 'carol', '--shares', pos.shares, '--slippage', '0.5%'], { env });
    expect(rm.code, rm.stderr).to.equal(0);
    expect(field(rm.stdout, 'result')).to.equal('OK');
  });

  it('a chain without a pool: RPC_NO_POOL with its hint', async () => {
    const plain = await startRpcChain({ listen: true });
    try {
      const r = await tfr(['pool'], { env: { ...env, TFR_RPC: plain.url! } });
      expect(r.code).to.equal(1);
      expect(r.stderr).to.match(/^error: RPC_NO_POOL: .*\nhint: this chain has no pool/);
    } finally {
      await plain.close();
    }
  });
});
