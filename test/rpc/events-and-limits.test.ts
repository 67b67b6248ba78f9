/** The /events WebSocket over real loopback HTTP, the per-client rate limit, and the bounded `?wait=commit`. */
import BN from 'bn.js';
import { expect } from 'chai';
import WebSocket from 'ws';
import { buildServer } from '../../rpc/server/build-server.ts';
import type { RpcNode } from '../../rpc/server/rpc-node.ts';
import type { BlockMessage, TxMessage } from '../../rpc/api/schemas.ts';
import { startRpcChain, type RpcChain } from '../fixtures/rpc-chain.ts';
import { account, expectError, rpcTransfer, submit } from './rpc-helpers.ts';

function collect(url: string): { messages: Array<BlockMessage | TxMessage>; opened: Promise<void>; ws: WebSocket } {
  const ws = new WebSocket(url);
  const messages: Array<BlockMessage | TxMessage> = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { messages, opened, ws };
}

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('rpc: /events, rate limit, wait timeout', function () {
  this.timeout(60_000);
  let c: RpcChain;
  before(async () => {
    c = await startRpcChain({ listen: true });
    await c.waitForHeight(2);
  });
  after(async () => c.close());

  it('streams every new block, and the txs matching the filter', async () => {
    const wsUrl = c.url!.replace('http', 'ws');
    const all = collect(`${wsUrl}/events`);
    const blocksOnly = collect(`${wsUrl}/events?kinds=block`);
    const forDave = collect(`${wsUrl}/events?kinds=tx&address=${c.address('dave')}`);
    const otherModule = collect(`${wsUrl}/events?kinds=tx&module=pool`);
    await Promise.all([all.opened, blocksOnly.opened, forDave.opened, otherModule.opened]);

    const bob = await account(c, c.address('bob'));
    const toDave = rpcTransfer(c, 'bob', 'dave', 'TFT', new BN(5), { nonce: bob.pendingNonce });
    const toCarol = rpcTransfer(c, 'bob', 'carol', 'TFT', new BN(6), { nonce: bob.pendingNonce + 1 });
    const a = (await submit(c, toDave)).json().hash;
    const b = (await submit(c, toCarol, '?wait=commit')).json().hash;
    await until(() => all.messages.filter((m) => m.kind === 'tx').length >= 2);
    await until(() => forDave.messages.length >= 1 && blocksOnly.messages.length >= 3);

    const blocks = all.messages.filter((m): m is BlockMessage => m.kind === 'block');
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]!.height).to.equal(blocks[i - 1]!.height + 1);
    expect(blocks[0]).to.include({ proposer: 'validator-01', signers: 1 });
    const txs = all.messages.filter((m): m is TxMessage => m.kind === 'tx');
    expect(txs.map((t) => t.hash)).to.include.members([a, b]);
    expect(txs.find((t) => t.hash === a)).to.deep.include({ code: 'OK', tx: { sender: c.address('bob'), nonce: bob.pendingNonce, fee: '1000', expiry: 1_000_000, module: 'ledger', command: 'transfer' } });
    expect(blocksOnly.messages.every((m) => m.kind === 'block')).to.equal(true);
    expect(forDave.messages.map((m) => (m as TxMessage).hash)).to.deep.equal([a]);
    expect(otherModule.messages).to.deep.equal([]);
    for (const s of [all, blocksOnly, forDave, otherModule]) s.ws.close();
  });

  it('refuses a bad filter with 400, and a plain GET without upgrade with 426', async () => {
    const bad = await fetch(`${c.url}/events?kinds=blocks`);
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { code: string }).code).to.equal('RPC_BAD_REQUEST');
    const plain = await fetch(`${c.url}/events`);
    expect(plain.status).to.equal(426);
    expect(((await plain.json()) as { code: string }).code).to.equal('RPC_UPGRADE_REQUIRED');
  });

  it('limits each client: over the limit it answers 429 RPC_RATE_LIMITED with Retry-After', async () => {
    const app = buildServer({ node: c.node, rateLimit: { max: 3, windowMs: 60_000 } });
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await app.inject({ method: 'GET', url: '/status' })).statusCode);
    expect(codes).to.deep.equal([200, 200, 200]);
    const r = await app.inject({ method: 'GET', url: '/status' });
    expectError(r, 429, 'RPC_RATE_LIMITED');
    expect(Number(r.headers['retry-after'])).to.be.greaterThan(0);
    // Another client is not limited by the first one's requests.
    expect((await app.inject({ method: 'GET', url: '/status', remoteAddress: '10.1.2.3' })).statusCode).to.equal(200);
    await app.close();
  });

  it('?wait=commit gives up after timeoutMs with 504 RPC_WAIT_TIMEOUT; the tx stays pending and commits later', async () => {
    // The same node, seen through a port whose commit notifications never arrive.
    const deaf: RpcNode = { ...c.node, onCommit: () => () => undefined };
    const app = buildServer({ node: deaf, rateLimit: false });
    const carol = await account(c, c.address('carol'));
    const bytes = rpcTransfer(c, 'carol', 'bob', 'TFT', new BN(1), { nonce: carol.pendingNonce });
    const t0 = Date.now();
    const r = await app.inject({ method: 'POST', url: '/txs?wait=commit&timeoutMs=300', payload: { tx: Buffer.from(bytes).toString('hex') } });
    expect(Date.now() - t0).to.be.at.least(290);
    expectError(r, 504, 'RPC_WAIT_TIMEOUT');
    const hash = r.json().details.hash;
    let status = '';
    for (let i = 0; i < 200 && status !== 'committed'; i++) {
      status = (await app.inject({ method: 'GET', url: `/txs/${hash}` })).json().status;
      if (status !== 'committed') await new Promise((res) => setTimeout(res, 25));
    }
    expect(status).to.equal('committed');
    await app.close();
  });
});
