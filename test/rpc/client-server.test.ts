/**
 * The SDK against the real server over loopback HTTP and WebSocket (test/fixtures/rpc-chain.ts:
 * one validator, a block every ~100 ms): transfers built and signed in the client are committed,
 * errors arrive as RpcError with the server's codes, account proofs verify against the state root
 * of a block header, and the event stream delivers blocks and txs.
 */
import { expect } from 'chai';
import { WebSocket as NodeWebSocket } from 'ws';
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import type { EventMessage, TxMessage } from '../../rpc/api/schemas.ts';
import { buildTransfer, createClient, RpcError, transfer, verifyAccountProof, type TfrClient } from '../../rpc/client/index.ts';
import { startRpcChain, type RpcChain } from '../fixtures/rpc-chain.ts';

async function rejection(p: Promise<unknown>): Promise<RpcError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).to.be.instanceOf(RpcError);
  return e as RpcError;
}

describe('rpc/client against the server', function () {
  this.timeout(60_000);
  let c: RpcChain;
  let client: TfrClient;
  before(async () => {
    c = await startRpcChain({ listen: true });
    client = createClient({ url: c.url! });
    await c.waitForHeight(2);
  });
  after(async () => c.close());

  it('transfer() commits a payment that moves the balances', async () => {
    const [a0, b0] = await Promise.all([client.account(c.address('alice')), client.account(c.address('bob'))]);
    const r = await transfer(client, { secretKey: c.key('alice').secret, to: c.address('bob'), asset: 'TFT', amount: '125000000' });
    expect(r.view).to.include({ status: 'committed', code: 'OK', hash: r.hash });
    expect(r.view!.events).to.deep.include({ module: 'ledger', name: 'transfer', data: { from: c.address('alice'), to: c.address('bob'), asset: 'TFT', amount: '125000000' } });
    const [a1, b1] = await Promise.all([client.account(c.address('alice')), client.account(c.address('bob'))]);
    expect(a1.nonce).to.equal(a0.nonce + 1);
    expect(BigInt(a1.balances.TFT)).to.equal(BigInt(a0.balances.TFT) - 125000000n);
    expect(BigInt(b1.balances.TFT)).to.equal(BigInt(b0.balances.TFT) + 125000000n);
    expect((await client.tx(r.hash)).height).to.equal(r.view!.height);
  });

  it('two txs in a row take consecutive pending nonces; waitForTx follows them to their blocks', async () => {
    const first = await transfer(client, { secretKey: c.key('carol').secret, to: c.address('dave'), asset: 'REGIONAL', amount: '1', wait: false });
    const second = await transfer(client, { secretKey: c.key('carol').secret, to: c.address('dave'), asset: 'REGIONAL', amount: '2', wait: false });
    expect(second.nonce).to.equal(first.nonce + 1);
    const [v1, v2] = await Promise.all([client.waitForTx(first.hash, { pollMs: 50 }), client.waitForTx(second.hash, { pollMs: 50 })]);
    expect([v1.code, v2.code]).to.deep.equal(['OK', 'OK']);
    expect(v2.height).to.be.at.least(v1.height!);
  });

  it('rejections carry the server code and status', async () => {
    const status = await client.status();
    const used = buildTransfer({ chainId: status.chainId, secretKey: c.key('alice').secret, nonce: 0, fee: status.minFee, expiry: status.height + 50, to: c.address('bob'), asset: 'TFT', amount: '1' });
    const nonce = await rejection(client.submitTx(used.bytes));
    expect([nonce.code, nonce.status]).to.deep.equal(['LEDGER_NONCE_TOO_LOW', 409]);
    const foreign = buildTransfer({ chainId: 'tfr-other-1', secretKey: c.key('alice').secret, nonce: 0, fee: status.minFee, expiry: status.height + 50, to: c.address('bob'), asset: 'TFT', amount: '1' });
    expect((await rejection(client.submitTx(foreign.bytes))).code).to.equal('TX_WRONG_CHAIN');
    const missing = await rejection(client.tx('ab'.repeat(32)));
    expect([missing.code, missing.status]).to.deep.equal(['RPC_TX_NOT_FOUND', 404]);
    expect((await rejection(client.block(10_000_000))).code).to.equal('RPC_BLOCK_NOT_FOUND');
    expect((await rejection(client.account('nope'))).status).to.equal(400);
  });

  it('account proofs verify against the state root in the next block header', async () => {
    const view = await client.accountProof(c.address('alice'));
    expect(verifyAccountProof(view)).to.equal(true);
    await c.waitForHeight(view.height + 1);
    const next = await client.block(view.height + 1);
    // The header of block h+1 carries the root of the state after block h: what a light client trusts.
    expect(next.header.stateRoot).to.equal(view.stateRoot);
    expect(verifyAccountProof(view, next.header.stateRoot)).to.equal(true);
    expect(verifyAccountProof({ ...view, account: { ...view.account, balances: { ...view.account.balances, TFT: '1' } } }, next.header.stateRoot)).to.equal(false);
    const nobody = await client.accountProof(encodeAddress(c.genesis.addressPrefix, new Uint8Array(20).fill(7)));
    expect(nobody.value).to.equal(null);
    expect(verifyAccountProof(nobody)).to.equal(true);
  });

  it('subscribe delivers block messages and the tx messages of an address', async () => {
    const got: EventMessage[] = [];
    let sent: string | undefined;
    const txMessage = await new Promise<TxMessage>((resolve, reject) => {
      const close = client.subscribe(
        { address: c.address('bob') },
        (m) => {
          got.push(m);
          if (m.kind === 'tx' && m.hash === sent) {
            close();
            resolve(m);
          }
        },
        {
          WebSocket: NodeWebSocket,
          onError: reject,
          onOpen: () => {
            transfer(client, { secretKey: c.key('dave').secret, to: c.address('bob'), asset: 'TFT', amount: '3', wait: false }).then((r) => (sent = r.hash), reject);
          },
        },
      );
    });
    expect(txMessage).to.include({ code: 'OK' });
    expect(txMessage.tx).to.include({ sender: c.address('dave'), module: 'ledger', command: 'transfer' });
    expect(got.some((m) => m.kind === 'block')).to.equal(true);
  });
});
