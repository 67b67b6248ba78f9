/**
 * Hostile input against POST /txs and the query routes: each request gets its 4xx and stable
 * code, and none changes anything: afterwards the chain is still committing blocks and no balance
 * or nonce moved.
 */
import BN from 'bn.js';
import { expect } from 'chai';
import { amountToBytes, MAX_AMOUNT } from '../../chain/amount.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { decodeAddress } from '../../chain/crypto/addresses.ts';
import { signingBytes, SIGNING_PURPOSE } from '../../chain/crypto/domain.ts';
import { signEd25519 } from '../../chain/crypto/ed25519-sign.ts';
import * as cborg from 'cborg';
import { startRpcChain, type RpcChain } from '../fixtures/rpc-chain.ts';
import { account, expectError, getJson, rpcTransfer, rpcTx, submit, treasuryAddress } from './rpc-helpers.ts';

describe('rpc: hostile input changes nothing', function () {
  this.timeout(60_000);
  let c: RpcChain;
  let alice: { nonce: number; pendingNonce: number };
  let replayed: Uint8Array;
  const watched = (): string[] => [c.address('alice'), c.address('bob'), c.address('carol'), treasuryAddress(c)];
  let before: unknown[];
  let heightBefore: number;

  const post = (payload: string, contentType = 'application/json') => c.app.inject({ method: 'POST', url: '/txs', payload, headers: { 'content-type': contentType } });
  const toBob = () => decodeAddress(c.address('bob'), c.genesis.addressPrefix);

  beforeEach(async function () {
    if (c !== undefined) return;
    c = await startRpcChain();
    await c.waitForHeight(2);
    // One real transfer first, so there is a committed tx to replay.
    const a = await account(c, c.address('alice'));
    replayed = rpcTransfer(c, 'alice', 'bob', 'TFT', new BN(1000), { nonce: a.pendingNonce });
    expect((await submit(c, replayed, '?wait=commit')).statusCode).to.equal(200);
    alice = await account(c, c.address('alice'));
    before = await Promise.all(watched().map((addr) => account(c, addr).then((x) => ({ nonce: x.nonce, pendingNonce: x.pendingNonce, balances: x.balances }))));
    heightBefore = c.height();
  });
  after(async () => c?.close());

  describe('POST /txs', () => {
    it('malformed JSON: 400 RPC_BAD_REQUEST', async () => {
      expectError(await post('{"tx": "00'), 400, 'RPC_BAD_REQUEST');
      expectError(await post(''), 400, 'RPC_BAD_REQUEST');
      expectError(await post('{"__proto__": {"polluted": true}, "tx": "00"}'), 400, 'RPC_BAD_REQUEST');
    });

    it('wrong types, missing or extra fields: 400 RPC_BAD_REQUEST naming the field', async () => {
      const wrongType = await post(JSON.stringify({ tx: 1234 }));
      expectError(wrongType, 400, 'RPC_BAD_REQUEST');
      expect(wrongType.json().details).to.include({ part: 'body', path: '/tx', keyword: 'type' });
      expectError(await post(JSON.stringify({ tx: ['00'] })), 400, 'RPC_BAD_REQUEST');
      expectError(await post(JSON.stringify([])), 400, 'RPC_BAD_REQUEST');
      expectError(await post(JSON.stringify({})), 400, 'RPC_BAD_REQUEST');
      const extra = await post(JSON.stringify({ tx: toHex(replayed), fee: '1' }));
      expectError(extra, 400, 'RPC_BAD_REQUEST');
      expect(extra.json().details).to.include({ keyword: 'additionalProperties' });
      expectError(await post(JSON.stringify({ tx: 'xyz' })), 400, 'RPC_BAD_REQUEST');
      expectError(await post(JSON.stringify({ tx: '0' })), 400, 'RPC_BAD_REQUEST');
    });

    it('wrong media type: 415; oversized body: 413 RPC_BODY_TOO_LARGE', async () => {
      expectError(await post(`tx=${toHex(replayed)}`, 'text/plain'), 415, 'RPC_UNSUPPORTED_MEDIA_TYPE');
      expectError(await post(JSON.stringify({ tx: 'ab'.repeat(200_000) })), 413, 'RPC_BODY_TOO_LARGE');
    });

    it('bytes that are not a tx: 400 TX_MALFORMED', async () => {
      expectError(await post(JSON.stringify({ tx: 'deadbeef' })), 400, 'TX_MALFORMED');
      expectError(await post(JSON.stringify({ tx: toHex(encodeCbor([1, 'x'])) })), 400, 'TX_MALFORMED');
      expectError(await post(JSON.stringify({ tx: toHex(replayed) + '00' })), 400, 'TX_MALFORMED');
    });

    it('bad signature: 400 TX_BAD_SIGNATURE', async () => {
      const tx = rpcTransfer(c, 'alice', 'bob', 'TFT', new BN(1), { nonce: alice.pendingNonce });
      const forged = tx.slice();
      forged[forged.length - 5]! ^= 0x40;
      expectError(await submit(c, forged), 400, 'TX_BAD_SIGNATURE');
      // Signed by carol's key but claiming alice as sender.
      const key = { ...c.key('carol'), publicKey: c.key('alice').publicKey };
      expectError(await submit(c, rpcTx(c, key, 'ledger', 'transfer', [toBob(), 'TFT', amountToBytes(new BN(1))], { nonce: alice.pendingNonce })), 400, 'TX_BAD_SIGNATURE');
    });

    it('wrong chain id: 400 TX_WRONG_CHAIN', async () => {
      expectError(await submit(c, rpcTransfer(c, 'alice', 'bob', 'TFT', new BN(1), { nonce: alice.pendingNonce, chainId: 'tfr-other-1' })), 400, 'TX_WRONG_CHAIN');
    });

    it('replayed or skipped nonce: 409 LEDGER_NONCE_TOO_LOW / TOO_HIGH', async () => {
      expectError(await submit(c, replayed), 409, 'LEDGER_NONCE_TOO_LOW');
      expectError(await submit(c, rpcTransfer(c, 'alice', 'bob', 'TFT', new BN(1), { nonce: alice.pendingNonce - 1 })), 409, 'LEDGER_NONCE_TOO_LOW');
      expectError(await submit(c, rpcTransfer(c, 'alice', 'bob', 'TFT', new BN(1), { nonce: alice.pendingNonce + 1 })), 409, 'LEDGER_NONCE_TOO_HIGH');
    });

    it('expired tx: 400 TX_EXPIRED', async () => {
      expectError(await submit(c, rpcTransfer(c, 'alice', 'bob', 'TFT', new BN(1), { nonce: alice.pendingNonce, expiry: 1 })), 400, 'TX_EXPIRED');
    });

    it('fee below the minimum: 400 LEDGER_FEE_TOO_LOW', async () => {
      expectError(await submit(c, rpcTransfer(c, 'alice', 'bob', 'TFT', new BN(1), { nonce: alice.pendingNonce, fee: new BN(999) })), 400, 'LEDGER_FEE_TOO_LOW');
    });

    it('unknown asset, zero, negative, fractional or huge amounts, invalid recipient: 400 TX_BAD_PARAMS with the reason', async () => {
      const params = (p: unknown) => rpcTx(c, c.key('alice'), 'ledger', 'transfer', p as never, { nonce: alice.pendingNonce });
      const cases: Array<[unknown, string]> = [
        [[toBob(), 'BTC', amountToBytes(new BN(1))], 'LEDGER_UNKNOWN_ASSET'],
        [[toBob(), 'TFT', amountToBytes(new BN(0))], 'LEDGER_ZERO_AMOUNT'],
        [[toBob(), 'TFT', -5], 'CODEC_WRONG_TYPE'],
        [[toBob(), 'TFT', new Uint8Array(17).fill(0xff)], 'CODEC_WRONG_TYPE'],
        [[toBob().slice(0, 19), 'TFT', amountToBytes(new BN(1))], 'CODEC_WRONG_TYPE'],
        [[toBob(), 'TFT'], 'CODEC_WRONG_TYPE'],
      ];
      for (const [p, reason] of cases) {
        const r = await submit(c, params(p));
        expectError(r, 400, 'TX_BAD_PARAMS');
        expect(r.json().details?.reason, JSON.stringify(p, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v))).to.equal(reason);
      }
    });

    it('a fractional amount (a CBOR float, which no canonical encoder writes): 400 TX_MALFORMED', async () => {
      const a = c.key('alice');
      const unsigned = [1, c.genesis.chainId, a.publicKey, alice.pendingNonce, amountToBytes(c.genesis.ledger.minFee), 1_000_000, 'ledger', 'transfer', [toBob(), 'TFT', 1.5]];
      const payload = cborg.encode(unsigned);
      const signature = signEd25519(a.secret, signingBytes(SIGNING_PURPOSE.tx, c.genesis.chainId, payload));
      const r = await submit(c, cborg.encode([...unsigned, signature]));
      expectError(r, 400, 'TX_MALFORMED');
    });

    it('more than the balance: 409 LEDGER_INSUFFICIENT_BALANCE; an unknown command: 400 TX_UNKNOWN_COMMAND', async () => {
      expectError(await submit(c, rpcTransfer(c, 'alice', 'bob', 'TFT', MAX_AMOUNT, { nonce: alice.pendingNonce })), 409, 'LEDGER_INSUFFICIENT_BALANCE');
      expectError(await submit(c, rpcTx(c, c.key('alice'), 'ledger', 'mint', [], { nonce: alice.pendingNonce })), 400, 'TX_UNKNOWN_COMMAND');
    });

    it('bad wait options: 400 RPC_BAD_REQUEST', async () => {
      for (const q of ['?wait=forever', '?wait=commit&timeoutMs=0', '?wait=commit&timeoutMs=999999999', '?wait=commit&timeoutMs=abc', '?extra=1']) {
        expectError(await submit(c, replayed, q), 400, 'RPC_BAD_REQUEST');
      }
    });
  });

  describe('query routes', () => {
    it('invalid addresses: 400 (schema) or 400 CRYPTO_BAD_ADDRESS (checksum, prefix)', async () => {
      const bob = c.address('bob');
      const flipped = bob.slice(0, -1) + (bob.endsWith('q') ? 'p' : 'q');
      for (const url of [`/accounts/${flipped}`, `/accounts/testnet${bob.slice('rpctest'.length)}`, `/proofs/accounts/${flipped}`, '/accounts/rpctest1notbech32', '/accounts/%00%00%00%00%00%00%00%00']) {
        expectError(await getJson(c, url), 400, 'CRYPTO_BAD_ADDRESS');
      }
      expectError(await getJson(c, '/accounts/short'), 400, 'RPC_BAD_REQUEST');
      expectError(await getJson(c, `/accounts/${'a'.repeat(120)}`), 400, 'RPC_BAD_REQUEST');
    });

    it('bad heights and hashes: 400 RPC_BAD_REQUEST; unknown routes 404 RPC_NOT_FOUND', async () => {
      for (const url of ['/blocks/0', '/blocks/-1', '/blocks/abc', '/blocks/1e3', '/blocks/1.5', '/blocks/99999999999999999999', '/txs/xyz', `/txs/${'a'.repeat(63)}`, '/events?kinds=foo', '/events?address=x']) {
        expectError(await getJson(c, url), 400, 'RPC_BAD_REQUEST');
      }
      expectError(await getJson(c, '/nope'), 404, 'RPC_NOT_FOUND');
      expectError(await c.app.inject({ method: 'DELETE', url: '/status' }), 404, 'RPC_NOT_FOUND');
    });
  });

  describe('afterwards', () => {
    it('the chain kept committing and no balance or nonce changed', async () => {
      await c.waitForHeight(heightBefore + 3);
      const now = await Promise.all(watched().map((addr) => account(c, addr).then((x) => ({ nonce: x.nonce, pendingNonce: x.pendingNonce, balances: x.balances }))));
      expect(now).to.deep.equal(before);
      expect(c.testnet.nodes[0]!.driver.fault).to.equal(undefined);
    });
  });
});
