/**
 * Tx building in the SDK: the node's own decoder reads back every field, the hash is the node's,
 * the signature verifies with node:crypto, the transfer params are what the ledger decodes, and
 * bad input is a ChainError before anything is signed. Plus amounts and the high-level transfer().
 */
import { expect } from 'chai';
import BN from 'bn.js';
import { toHex } from '../../chain/codec/bytes.ts';
import { addressBytesFromPublicKey, addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { deriveEd25519Key } from '../../chain/crypto/key-derivation.ts';
import { verifyEd25519 } from '../../chain/crypto/ed25519-verify.ts';
import { transferCommand } from '../../chain/ledger/transfer-command.ts';
import * as txCodec from '../../chain/tx/tx-codec.ts';
import * as txEncode from '../../chain/tx/tx-encode.ts';
import { decodeTx } from '../../chain/tx/tx-codec.ts';
import { codeOf } from '../fixtures/expect-code.ts';
import { FakeRpcNode } from '../fixtures/fake-rpc-node.ts';
import {
  assetIdOf,
  assetInfo,
  buildTransfer,
  buildTx,
  createClient,
  formatAmount,
  parseHumanAmount,
  RpcError,
  toBaseUnits,
  transfer,
} from '../../rpc/client/index.ts';

const alice = deriveEd25519Key('sdk-test', 'account/alice');
const bob = deriveEd25519Key('sdk-test', 'account/bob');
const BOB = addressFromPublicKey('fake', bob.publicKey);
const base = { chainId: 'tfr-fake-1', secretKey: alice.secret, nonce: 7, fee: '1000', expiry: 141 };

describe('rpc/client: building txs', () => {
  it('tx-codec re-exports the portable encoders (one implementation)', () => {
    expect(txCodec.encodeSignedTx).to.equal(txEncode.encodeSignedTx);
    expect(txCodec.encodeUnsignedTx).to.equal(txEncode.encodeUnsignedTx);
    expect(txCodec.txSignBytes).to.equal(txEncode.txSignBytes);
  });

  it('buildTransfer: decodeTx gives back every field, the same hash, and a valid signature', () => {
    const built = buildTransfer({ ...base, to: BOB, asset: 'TFT', amount: '125000000' });
    expect(built.hex).to.equal(toHex(built.bytes));
    const tx = decodeTx(built.bytes, 65536);
    expect(tx.chainId).to.equal('tfr-fake-1');
    expect(toHex(tx.sender)).to.equal(toHex(alice.publicKey));
    expect([tx.nonce, tx.fee.toString(), tx.expiry, tx.body.module, tx.body.command]).to.deep.equal([7, '1000', 141, 'ledger', 'transfer']);
    expect(built.hash).to.equal(toHex(tx.hash));
    expect(verifyEd25519(tx.sender, tx.signBytes, tx.signature)).to.equal(true);
    const params = transferCommand('fake').decodeParams(tx.body.params);
    expect(toHex(params.to)).to.equal(toHex(addressBytesFromPublicKey(bob.publicKey)));
    expect([params.asset, params.amount.toString()]).to.deep.equal(['TFT', '125000000']);
    // The SDK's params are exactly what the ledger's own encoder makes.
    const ledger = transferCommand('fake').encodeParams({ to: params.to, asset: 'TFT', amount: new BN(125000000) });
    expect(toHex(txEncode.encodeUnsignedTx({ ...tx, body: { ...tx.body, params: ledger } }))).to.equal(toHex(txEncode.encodeUnsignedTx(tx)));
  });

  it('accepts BN amounts, a hex secret and an uppercase address; signs deterministically', () => {
    const a = buildTransfer({ ...base, to: BOB, asset: 'REGIONAL', amount: new BN('340282366920938463463374607431768211455') });
    const b = buildTransfer({ ...base, secretKey: toHex(alice.secret), to: BOB.toUpperCase(), asset: 'REGIONAL', amount: '340282366920938463463374607431768211455' });
    expect(a.hex).to.equal(b.hex);
    expect(decodeTx(a.bytes, 65536).body.params).to.deep.equal(decodeTx(b.bytes, 65536).body.params);
  });

  it('buildTx builds any command, params as given', () => {
    const built = buildTx({ ...base, module: 'dao', command: 'vote', params: { proposal: 3, yes: true } });
    const tx = decodeTx(built.bytes, 65536);
    expect([tx.body.module, tx.body.command, tx.body.params]).to.deep.equal(['dao', 'vote', { proposal: 3, yes: true }]);
    expect(verifyEd25519(tx.sender, tx.signBytes, tx.signature)).to.equal(true);
  });

  it('rejects bad input with chain codes before signing', () => {
    const t = (over: object) => codeOf(() => buildTransfer({ ...base, to: BOB, asset: 'TFT', amount: '1', ...over }));
    expect(t({ to: 'fake1notanaddress' })).to.equal('CRYPTO_BAD_ADDRESS');
    expect(t({ to: 'no-separator' })).to.equal('CRYPTO_BAD_ADDRESS');
    expect(t({ addressPrefix: 'other' })).to.equal('CRYPTO_BAD_ADDRESS');
    expect(t({ amount: '1.5' })).to.equal('TX_BAD_PARAMS');
    expect(t({ amount: '-1' })).to.equal('TX_BAD_PARAMS');
    expect(t({ amount: new BN(-1) })).to.equal('TX_BAD_PARAMS');
    expect(t({ amount: new BN(1).shln(128) })).to.equal('TX_BAD_PARAMS');
    expect(t({ fee: '01' })).to.equal('TX_BAD_PARAMS');
    expect(t({ asset: 'BTC' })).to.equal('LEDGER_UNKNOWN_ASSET');
    expect(t({ secretKey: new Uint8Array(31) })).to.equal('CRYPTO_BAD_KEY');
    expect(t({ secretKey: 'zz'.repeat(32) })).to.equal('CRYPTO_BAD_KEY');
    expect(t({ chainId: '' })).to.equal('TX_MALFORMED');
    expect(t({ nonce: -1 })).to.equal('TX_MALFORMED');
    expect(t({ expiry: 1.5 })).to.equal('TX_MALFORMED');
    expect(codeOf(() => buildTx({ ...base, module: '', command: 'x', params: null }))).to.equal('TX_MALFORMED');
  });
});

describe('rpc/client: amounts', () => {
  it('parses human amounts in an asset decimals and formats base units', () => {
    expect(parseHumanAmount('12.5', 7)?.toString()).to.equal('125000000');
    expect(parseHumanAmount('0.0000001', 7)?.toString()).to.equal('1');
    expect(parseHumanAmount('3', 0)?.toString()).to.equal('3');
    for (const bad of ['0.00000001', '1e3', '-1', '.5', '1.', '', ' 1', '01']) expect(parseHumanAmount(bad, 7), bad).to.equal(undefined);
    expect(formatAmount('125000000', 7, 'TFT')).to.equal('12.5 TFT');
    expect(formatAmount(new BN(1), 7, 'CHI')).to.equal('0.0000001 CHI');
    expect(formatAmount('0', 7, 'TFT')).to.equal('0 TFT');
    expect(formatAmount('1000', 0, 'X')).to.equal('1000 X');
    expect(toBaseUnits('42', 'x').toString()).to.equal('42');
  });

  it('finds assets by id or regional symbol, in any case', () => {
    const status = new FakeRpcNode().status;
    expect(assetInfo(status, 'REGIONAL')).to.deep.equal({ symbol: 'CHI', decimals: 7 });
    expect(['tft', 'Chi', 'regional', 'BTC'].map((n) => assetIdOf(status, n))).to.deep.equal(['TFT', 'REGIONAL', 'REGIONAL', undefined]);
  });
});

describe('rpc/client: transfer()', () => {
  it('reads status and the pending nonce, signs with minFee and height + 100, waits for the commit', async () => {
    const node = new FakeRpcNode();
    const from = addressFromPublicKey('fake', alice.publicKey);
    node.accounts.set(from, { nonce: 2, pendingNonce: 4, balances: { TFT: '0', REGIONAL: '0' } });
    const client = createClient({ url: 'http://n:1', fetch: node.fetch });
    const r = await transfer(client, { secretKey: alice.secret, to: BOB, asset: 'TFT', amount: '5' });
    expect(node.requests.map((q) => `${q.method} ${q.url.pathname}${q.url.search}`)).to.deep.equal(['GET /status', `GET /accounts/${from}`, 'POST /txs?wait=commit']);
    const tx = node.submitted[0]!;
    expect([tx.nonce, tx.fee.toString(), tx.expiry, tx.chainId]).to.deep.equal([4, '1000', 141, 'tfr-fake-1']);
    expect([r.from, r.nonce, r.expiry, r.hash]).to.deep.equal([from, 4, 141, toHex(tx.hash)]);
    expect(r.view?.status).to.equal('committed');
    expect(r.view?.height).to.equal(42);
  });

  it('without wait returns at once; a given status, fee and nonce skip the reads', async () => {
    const node = new FakeRpcNode();
    const client = createClient({ url: 'http://n:1', fetch: node.fetch });
    const r = await transfer(client, { secretKey: alice.secret, to: BOB, asset: 'REGIONAL', amount: new BN(9), fee: '2000', nonce: 0, wait: false, expiryBlocks: 5, status: node.status });
    expect(node.requests.map((q) => `${q.method} ${q.url.pathname}${q.url.search}`)).to.deep.equal(['POST /txs']);
    expect([r.view, r.expiry, r.fee.toString()]).to.deep.equal([null, 46, '2000']);
  });

  it('passes the node rejection through as RpcError', async () => {
    const node = new FakeRpcNode();
    const client = createClient({ url: 'http://n:1', fetch: node.fetch });
    node.status = { ...node.status, chainId: 'tfr-other-1' };
    const wrongChain = await transfer(client, { secretKey: alice.secret, to: BOB, asset: 'TFT', amount: '5', status: { ...node.status, chainId: 'tfr-fake-1' }, nonce: 0 }).catch((e: unknown) => e);
    expect(wrongChain).to.be.instanceOf(RpcError);
    expect((wrongChain as RpcError).code).to.equal('TX_WRONG_CHAIN');
    expect((wrongChain as RpcError).status).to.equal(400);
  });
});
