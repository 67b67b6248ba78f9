/** Every route of the RPC, through `inject`, against a running one-validator chain. */
import BN from 'bn.js';
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { fromHexStrict } from '../../chain/codec/bytes.ts';
import { blockHash } from '../../chain/block/block-codec.ts';
import { accountStateKey } from '../../chain/ledger/ledger-state.ts';
import { addressFromPublicKey, decodeAddress } from '../../chain/crypto/addresses.ts';
import { proofFromJson } from '../../chain/state/proof-json.ts';
import { verifyProof } from '../../chain/state/verify-proof.ts';
import { startRpcChain, type RpcChain } from '../fixtures/rpc-chain.ts';
import { account, expectError, getJson, rpcTransfer, submit, treasuryAddress } from './rpc-helpers.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('rpc routes', function () {
  this.timeout(60_000);
  let c: RpcChain;
  before(async () => {
    c = await startRpcChain();
    await c.waitForHeight(3);
  });
  after(async () => c.close());

  it('GET /status: chain, version, assets, fee, heights', async () => {
    const s = (await getJson(c, '/status')).json();
    expect(s).to.include({ chainId: c.genesis.chainId, region: c.genesis.region, nodeVersion: VERSION, addressPrefix: 'rpctest', validators: 1, anchoredHeight: null, minFee: '1000' });
    expect(s.assets).to.deep.equal([
      { id: 'TFT', symbol: 'TFT', decimals: 7 },
      { id: 'REGIONAL', symbol: 'CHI', decimals: 7 },
    ]);
    expect(s.height).to.be.at.least(3);
    expect(Date.parse(s.latestBlockTime)).to.be.greaterThan(c.genesis.genesisTime);
    const latest = (await getJson(c, `/blocks/${s.height}`)).json();
    expect(latest.hash).to.equal(s.latestBlockHash);
  });

  it('GET /blocks/:height and /blocks/latest: header, hash, txs, last commit signers', async () => {
    const b2 = (await getJson(c, '/blocks/2')).json();
    const stored = (await c.node.store.blocks.block(2))!;
    expect(b2.hash).to.equal(Buffer.from(blockHash(stored.header)).toString('hex'));
    expect(b2.header.height).to.equal(2);
    expect(b2.header.proposerName).to.equal('validator-01');
    expect(b2.lastCommit).to.include({ height: 1, signedPower: 1, totalPower: 1 });
    expect(b2.lastCommit.signers).to.deep.equal([{ index: 0, name: 'validator-01' }]);
    expect(b2.evidence).to.deep.equal([]);
    expect((await getJson(c, '/blocks/1')).json().lastCommit).to.equal(null);
    const b3 = (await getJson(c, '/blocks/3')).json();
    expect(b3.header.parentHash).to.equal(b2.hash);
    const latest = (await getJson(c, '/blocks/latest')).json();
    expect(latest.height).to.be.at.least(3);
    expectError(await getJson(c, '/blocks/99999999'), 404, 'RPC_BLOCK_NOT_FOUND');
  });

  it('POST /txs, GET /txs/:hash, GET /accounts: a transfer moves both balances and pays the fee to the treasury', async () => {
    const [alice0, bob0, treasury0] = await Promise.all([account(c, c.address('alice')), account(c, c.address('bob')), account(c, treasuryAddress(c))]);
    const amount = new BN('12500000');
    const bytes = rpcTransfer(c, 'alice', 'bob', 'TFT', amount, { nonce: alice0.pendingNonce });
    const accepted = await submit(c, bytes);
    expect(accepted.statusCode, accepted.body).to.equal(202);
    const { hash } = accepted.json();
    expect(hash).to.match(/^[0-9a-f]{64}$/);
    expect((await account(c, c.address('alice'))).pendingNonce).to.equal(alice0.pendingNonce + 1);
    const seen = (await getJson(c, `/txs/${hash}`)).json();
    expect(seen.status).to.be.oneOf(['pending', 'committed']);
    expect(seen.tx).to.include({ sender: c.address('alice'), nonce: alice0.pendingNonce, fee: '1000', module: 'ledger', command: 'transfer' });

    let done = (await getJson(c, `/txs/${hash}`)).json();
    for (let i = 0; i < 200 && done.status !== 'committed'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      done = (await getJson(c, `/txs/${hash}`)).json();
    }
    expect(done).to.include({ status: 'committed', code: 'OK' });
    expect(done.height).to.be.a('number');
    expect(done.events.map((e: { module: string; name: string }) => `${e.module}/${e.name}`)).to.include.members(['ledger/fee', 'ledger/transfer']);
    const transfer = done.events.find((e: { name: string }) => e.name === 'transfer');
    expect(transfer.data).to.deep.equal({ from: c.address('alice'), to: c.address('bob'), asset: 'TFT', amount: '12500000' });

    const [alice1, bob1, treasury1] = await Promise.all([account(c, c.address('alice')), account(c, c.address('bob')), account(c, treasuryAddress(c))]);
    expect(new BN(alice1.balances.TFT).toString()).to.equal(new BN(alice0.balances.TFT).sub(amount).toString());
    expect(new BN(alice1.balances.REGIONAL).toString()).to.equal(new BN(alice0.balances.REGIONAL).subn(1000).toString());
    expect(new BN(bob1.balances.TFT).toString()).to.equal(new BN(bob0.balances.TFT).add(amount).toString());
    expect(new BN(treasury1.balances.REGIONAL).toString()).to.equal(new BN(treasury0.balances.REGIONAL).addn(1000).toString());
    expect(alice1.nonce).to.equal(alice0.nonce + 1);
  });

  it('POST /txs?wait=commit answers with the committed result', async () => {
    const carol = await account(c, c.address('carol'));
    const r = await submit(c, rpcTransfer(c, 'carol', 'dave', 'REGIONAL', new BN(7), { nonce: carol.pendingNonce }), '?wait=commit&timeoutMs=20000');
    expect(r.statusCode, r.body).to.equal(200);
    const v = r.json();
    expect(v).to.include({ status: 'committed', code: 'OK' });
    expect(v.height).to.be.at.most(c.height());
    expect((await getJson(c, `/blocks/${v.height}`)).json().txs).to.deep.include({ hash: v.hash, code: 'OK' });
  });

  it('GET /accounts of an address never used: zero balances, nonce 0', async () => {
    const unused = addressFromPublicKey('rpctest', new Uint8Array(32).fill(7));
    const a = await account(c, unused);
    expect(a).to.include({ address: unused, nonce: 0, pendingNonce: 0 });
    expect(a.balances).to.deep.equal({ TFT: '0', REGIONAL: '0' });
  });

  it('GET /txs/:hash of an unknown tx is 404 RPC_TX_NOT_FOUND', async () => {
    expectError(await getJson(c, `/txs/${'ab'.repeat(32)}`), 404, 'RPC_TX_NOT_FOUND');
  });

  it('GET /validators: name, address, power, and blocks signed of the window', async () => {
    const v = (await getJson(c, '/validators')).json();
    expect(v.totalPower).to.equal(1);
    expect(v.window).to.equal(Math.min(100, v.height));
    expect(v.validators).to.have.length(1);
    expect(v.validators[0]).to.include({ index: 0, name: 'validator-01', power: 1, signed: v.window });
    expect(v.validators[0].address).to.match(/^rpctest1/);
  });

  it('GET /proofs/accounts/:address verifies against the next block header stateRoot', async () => {
    const p = (await getJson(c, `/proofs/accounts/${c.address('bob')}`)).json();
    const key = accountStateKey(decodeAddress(c.address('bob'), 'rpctest'));
    expect(p.key).to.equal(Buffer.from(key).toString('hex'));
    const value = fromHexStrict(p.value)!;
    expect(verifyProof(fromHexStrict(p.stateRoot)!, key, value, proofFromJson(p.proof))).to.equal(true);
    await c.waitForHeight(p.height + 1);
    const next = (await getJson(c, `/blocks/${p.height + 1}`)).json();
    expect(next.header.stateRoot).to.equal(p.stateRoot);
    // A wrong value does not verify against the same proof.
    const forged = value.slice();
    forged[forged.length - 1]! ^= 1;
    expect(verifyProof(fromHexStrict(p.stateRoot)!, key, forged, proofFromJson(p.proof))).to.equal(false);
  });

  it('GET /metrics: Prometheus text with height, block time, mempool, txs/s, peers', async () => {
    const r = await getJson(c, '/metrics');
    expect(r.statusCode).to.equal(200);
    expect(r.headers['content-type']).to.match(/^text\/plain/);
    const height = Number(/^tfr_height (\d+)$/m.exec(r.body)?.[1]);
    expect(height).to.be.at.least(3);
    for (const name of ['tfr_latest_block_time_seconds', 'tfr_block_interval_seconds', 'tfr_mempool_txs', 'tfr_txs_per_second', 'tfr_peers', 'tfr_rpc_requests_total']) {
      expect(r.body, name).to.match(new RegExp(`^${name}(\\{[^}]*\\})? [0-9.e+-]+$`, 'm'));
    }
  });

  it('GET /openapi.json documents every route with its schemas; /docs serves the browsable UI', async () => {
    const spec = (await getJson(c, '/openapi.json')).json();
    expect(spec.openapi).to.match(/^3\./);
    for (const path of ['/status', '/blocks/latest', '/blocks/{height}', '/txs', '/txs/{hash}', '/accounts/{address}', '/validators', '/proofs/accounts/{address}', '/events', '/metrics']) {
      expect(spec.paths, path).to.have.property(path);
    }
    expect(spec.paths['/txs'].post.requestBody.content['application/json'].schema.required).to.deep.equal(['tx']);
    expect(spec.paths['/accounts/{address}'].get.responses['200']).to.have.property('content');
    const docs = await getJson(c, '/docs');
    expect(docs.statusCode).to.equal(200);
    expect(docs.body).to.contain('Swagger UI');
  });
});
