/**
 * The SDK's HTTP client against a fake fetch: the requests it makes (method, URL, body), the
 * typed answers, and every failure mapped to an RpcError with code, status, message and details.
 */
import { expect } from 'chai';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { DEFAULT_WAIT_MS } from '../../rpc/api/schemas.ts';
import { createClient, NODE_DEFAULT_WAIT_MS, type FetchLike } from '../../rpc/client/client.ts';
import { RpcError } from '../../rpc/client/rpc-error.ts';
import type { EventMessage } from '../../rpc/api/schemas.ts';
import { FakeRpcNode, type FakeSocket } from '../fixtures/fake-rpc-node.ts';

async function rejection(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(RpcError);
    return e as RpcError;
  }
  throw new Error('expected a rejection');
}

const HASH = 'ab'.repeat(32);

describe('rpc/client: HTTP', () => {
  it('calls each route with the right method and URL, and returns the JSON', async () => {
    const node = new FakeRpcNode();
    const client = createClient({ url: 'http://node.example:26657/', fetch: node.fetch });
    const status = await client.status();
    expect(status.chainId).to.equal('tfr-fake-1');
    node.accounts.set('fake1xyz', { nonce: 3, pendingNonce: 5, balances: { TFT: '7', REGIONAL: '9' } });
    const account = await client.account('fake1xyz');
    expect(account).to.deep.include({ address: 'fake1xyz', nonce: 3, pendingNonce: 5 });
    expect((await client.block('latest')).height).to.equal(41);
    expect((await client.block(7)).header.height).to.equal(7);
    await rejection(client.tx(HASH));
    await rejection(client.validators());
    await rejection(client.accountProof('fake1xyz'));
    expect(node.requests.map((r) => `${r.method} ${r.url.toString()}`)).to.deep.equal([
      'GET http://node.example:26657/status',
      'GET http://node.example:26657/accounts/fake1xyz',
      'GET http://node.example:26657/blocks/latest',
      'GET http://node.example:26657/blocks/7',
      `GET http://node.example:26657/txs/${HASH}`,
      'GET http://node.example:26657/validators',
      'GET http://node.example:26657/proofs/accounts/fake1xyz',
    ]);
  });

  it('keeps a base path and escapes path parameters', async () => {
    const seen: string[] = [];
    const fetch: FetchLike = async (url) => {
      seen.push(url);
      return { status: 200, ok: true, text: async () => '{}' };
    };
    const client = createClient({ url: 'https://gw.example/region/gent', fetch });
    await client.status();
    await client.account('a/b?c');
    expect(seen).to.deep.equal(['https://gw.example/region/gent/status', 'https://gw.example/region/gent/accounts/a%2Fb%3Fc']);
    expect(() => createClient({ url: 'not a url', fetch })).to.throw(TypeError);
  });

  it('submits hex in a JSON body, and with wait=commit passes the wait in the query', async () => {
    const calls: Array<{ url: string; init: Parameters<FetchLike>[1] }> = [];
    const fetch: FetchLike = async (url, init) => {
      calls.push({ url, init });
      return { status: url.includes('wait=commit') ? 200 : 202, ok: true, text: async () => JSON.stringify({ hash: HASH }) };
    };
    const client = createClient({ url: 'http://n:1', fetch });
    expect(await client.submitTx(Uint8Array.of(1, 2, 0xff))).to.deep.equal({ hash: HASH });
    expect(calls[0]!.url).to.equal('http://n:1/txs');
    expect(calls[0]!.init.method).to.equal('POST');
    expect(calls[0]!.init.headers['content-type']).to.equal('application/json');
    expect(JSON.parse(calls[0]!.init.body!)).to.deep.equal({ tx: '0102ff' });
    await client.submitTx('0a0b', { wait: 'commit', timeoutMs: 2000 });
    expect(calls[1]!.url).to.equal('http://n:1/txs?wait=commit&timeoutMs=2000');
    expect(JSON.parse(calls[1]!.init.body!)).to.deep.equal({ tx: '0a0b' });
    await client.submitTx('0a0b', { wait: 'commit' });
    expect(calls[2]!.url).to.equal('http://n:1/txs?wait=commit');
    expect(calls.every((c) => c.init.headers['accept'] === 'application/json')).to.equal(true);
  });

  it('the copied default wait equals the API constant', () => {
    expect(NODE_DEFAULT_WAIT_MS).to.equal(DEFAULT_WAIT_MS);
  });

  it('maps an error body to RpcError with code, status, message and details', async () => {
    const node = new FakeRpcNode();
    const client = createClient({ url: 'http://n:1', fetch: node.fetch });
    node.failNext = { status: 409, code: 'LEDGER_NONCE_TOO_LOW', message: 'nonce 3 was used', details: { expected: 4 } };
    const e = await rejection(client.status());
    expect([e.code, e.status, e.message]).to.deep.equal(['LEDGER_NONCE_TOO_LOW', 409, 'nonce 3 was used']);
    expect(e.details).to.deep.equal({ expected: 4 });
    const missing = await rejection(client.tx(HASH));
    expect([missing.code, missing.status, missing.details]).to.deep.equal(['RPC_TX_NOT_FOUND', 404, undefined]);
  });

  it('a non-JSON answer is RPC_BAD_RESPONSE with the HTTP status', async () => {
    const answers = [
      { status: 502, body: '<html>Bad Gateway</html>' },
      { status: 200, body: 'OK' },
      { status: 500, body: '{"error":"x"}' },
    ];
    const fetch: FetchLike = async () => {
      const a = answers.shift()!;
      return { status: a.status, ok: a.status < 300, text: async () => a.body };
    };
    const client = createClient({ url: 'http://n:1', fetch });
    const gateway = await rejection(client.status());
    expect([gateway.code, gateway.status]).to.deep.equal(['RPC_BAD_RESPONSE', 502]);
    expect(gateway.message).to.contain('Bad Gateway');
    expect((await rejection(client.status())).code).to.equal('RPC_BAD_RESPONSE');
    expect([(await rejection(client.status())).status]).to.deep.equal([500]);
  });

  it('a network failure is RPC_UNREACHABLE with status 0 and the cause', async () => {
    const node = new FakeRpcNode();
    node.down = true;
    const e = await rejection(createClient({ url: 'http://127.0.0.1:26657', fetch: node.fetch }).status());
    expect([e.code, e.status]).to.deep.equal(['RPC_UNREACHABLE', 0]);
    expect(e.message).to.contain('ECONNREFUSED');
    // The real fetch, on a port where nothing listens.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const real = await rejection(createClient({ url: `http://127.0.0.1:${port}` }).status());
    expect([real.code, real.status]).to.deep.equal(['RPC_UNREACHABLE', 0]);
  });

  it('a node that does not answer in time is RPC_TIMEOUT, and the request is aborted', async () => {
    let aborted = false;
    const fetch: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal.addEventListener('abort', () => {
          aborted = true;
          reject(new Error('aborted'));
        });
      });
    const e = await rejection(createClient({ url: 'http://n:1', fetch, timeoutMs: 30 }).status());
    expect([e.code, e.status, aborted]).to.deep.equal(['RPC_TIMEOUT', 0, true]);
  });
});

describe('rpc/client: waitForTx', () => {
  it('polls GET /txs/:hash through not-found and pending until committed', async () => {
    const node = new FakeRpcNode();
    const summary = { sender: 'fake1x', nonce: 0, fee: '1000', expiry: 100, module: 'ledger', command: 'transfer' };
    let polls = 0;
    const inner = node.fetch;
    const fetch: FetchLike = async (url, init) => {
      polls++;
      if (polls === 2) node.txs.set(HASH, { hash: HASH, status: 'pending', tx: summary });
      if (polls === 3) node.txs.set(HASH, { hash: HASH, status: 'committed', height: 42, index: 0, code: 'OK', events: [], tx: summary });
      return inner(url, init);
    };
    const view = await createClient({ url: 'http://n:1', fetch }).waitForTx(HASH, { pollMs: 1, timeoutMs: 5000 });
    expect([view.status, view.height, polls]).to.deep.equal(['committed', 42, 3]);
  });

  it('gives up with RPC_WAIT_TIMEOUT (details.hash) and passes other errors through', async () => {
    const node = new FakeRpcNode();
    const client = createClient({ url: 'http://n:1', fetch: node.fetch });
    const t0 = Date.now();
    const e = await rejection(client.waitForTx(HASH, { pollMs: 10, timeoutMs: 60 }));
    expect([e.code, e.status, e.details]).to.deep.equal(['RPC_WAIT_TIMEOUT', 0, { hash: HASH }]);
    expect(Date.now() - t0).to.be.within(50, 1000);
    expect(node.requests.length).to.be.greaterThan(2);
    node.failNext = { status: 429, code: 'RPC_RATE_LIMITED', message: 'slow down' };
    expect((await rejection(client.waitForTx(HASH, { pollMs: 1, timeoutMs: 1000 }))).code).to.equal('RPC_RATE_LIMITED');
  });
});

describe('rpc/client: subscribe', () => {
  it('opens /events with the filter as ws://, delivers messages, reports bad ones, and closes', async () => {
    const node = new FakeRpcNode();
    const client = createClient({ url: 'http://n:26657', fetch: node.fetch, WebSocket: node.WebSocket });
    const got: EventMessage[] = [];
    const errors: RpcError[] = [];
    let opened = false;
    const close = client.subscribe({ kinds: ['block'], address: 'fake1abc', module: 'ledger' }, (m) => got.push(m), {
      onOpen: () => (opened = true),
      onError: (e) => errors.push(e),
    });
    await new Promise((r) => setTimeout(r, 0));
    const socket = node.sockets[0]!;
    expect(socket.url.toString()).to.equal('ws://n:26657/events?kinds=block&address=fake1abc&module=ledger');
    expect(opened).to.equal(true);
    const m = node.commitBlock();
    socket.onmessage?.({ data: 'not json' });
    socket.onmessage?.({ data: new TextEncoder().encode(JSON.stringify({ ...m, height: 43 })) });
    expect(got.map((x) => x.height)).to.deep.equal([42, 43]);
    expect(errors.map((e) => e.code)).to.deep.equal(['RPC_BAD_RESPONSE']);
    close();
    expect(socket.closed).to.equal(true);
    socket.onmessage?.({ data: JSON.stringify(m) });
    expect(got).to.have.length(2);
  });

  it('uses wss:// for https, reports a socket error as RPC_UNREACHABLE, and the close by the node', async () => {
    const node = new FakeRpcNode();
    const errors: string[] = [];
    const closes: number[] = [];
    createClient({ url: 'https://n.example/api', fetch: node.fetch }).subscribe({}, () => undefined, {
      WebSocket: node.WebSocket,
      onError: (e) => errors.push(`${e.code} ${e.status}`),
      onClose: (code) => closes.push(code),
    });
    const socket: FakeSocket = node.sockets[0]!;
    expect(socket.url.toString()).to.equal('wss://n.example/api/events');
    socket.onerror?.({ message: 'connect ECONNREFUSED' });
    socket.onclose?.({ code: 1006, reason: '' });
    expect(errors).to.deep.equal(['RPC_UNREACHABLE 0']);
    expect(closes).to.deep.equal([1006]);
    expect(() => createClient({ url: 'http://n:1' }).subscribe({}, () => undefined, {})).to.throw(TypeError, /WebSocket/);
  });

  it('works with the ws package against a real WebSocket server', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((r) => wss.once('listening', () => r()));
    const port = (wss.address() as AddressInfo).port;
    const paths: string[] = [];
    wss.on('connection', (socket, req) => {
      paths.push(req.url ?? '');
      socket.send(JSON.stringify({ kind: 'block', height: 5, hash: HASH, time: 't', proposer: 'v', txs: 0, signers: 1, stateRoot: HASH }));
    });
    try {
      const got = await new Promise<EventMessage>((resolve, reject) => {
        const close = createClient({ url: `http://127.0.0.1:${port}` }).subscribe(
          { kinds: ['block', 'tx'] },
          (m) => {
            close();
            resolve(m);
          },
          { WebSocket: NodeWebSocket, onError: reject },
        );
      });
      expect(got.height).to.equal(5);
      expect(paths).to.deep.equal(['/events?kinds=block%2Ctx']);
    } finally {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    }
  });
});
