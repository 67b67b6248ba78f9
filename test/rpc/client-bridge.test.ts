/**
 * The SDK's anchoring and bridge part: the reads (GET /anchors, /bridge/transfers/:id,
 * /proofs/state) against the scripted node, local checks before anything is sent, and every
 * builder's params decoded with the contract's decoders (chain/anchor/anchor-params.ts) from the
 * signed tx bytes, so what the SDK signs is what the modules read; deposit and withdraw end to end
 * against the scripted node, with the transfer id read from the committed tx's event.
 */
import BN from 'bn.js';
import { expect } from 'chai';
import { claimParams, depositParams, receiptParams, releaseParams, submitParams, withdrawParams } from '../../chain/anchor/anchor-params.ts';
import { anchorKeys, bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { encodeAggregate, type AggregateCertificate } from '../../chain/anchor/certificate.ts';
import { addressBytesFromPublicKey, addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { decodeTx } from '../../chain/tx/tx-codec.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import type { StateProofView } from '../../rpc/api/anchor-schemas.ts';
import {
  anchorSubmitParams,
  bridgeDeposit,
  bridgeDepositParams,
  bridgeWithdraw,
  bridgeWithdrawParams,
  buildAnchorSubmit,
  buildBridgeClaim,
  buildBridgeDeposit,
  buildBridgeReceipt,
  buildBridgeRelease,
  buildBridgeWithdraw,
  createClient,
  releaseInputOf,
  transferIdOf,
} from '../../rpc/client/index.ts';
import { FakeRpcNode } from '../fixtures/fake-rpc-node.ts';

const NIAJ = testAccountKey(TESTNET_SEED, 'niaj');
const BOB = testAccountKey(TESTNET_SEED, 'bob');
const ENV = { chainId: 'tfr-fake-1', secretKey: NIAJ.secret, nonce: 4, fee: '1000', expiry: 90 };
const paramsOf = (bytes: Uint8Array) => decodeTx(bytes, 65536).body.params;

async function rejects(p: Promise<unknown> | (() => unknown), code: string): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect((e as { code?: string }).code, String(e)).to.equal(code);
    return;
  }
  expect.fail(`expected ${code}`);
}

const aggregate: AggregateCertificate = {
  certificate: { chainId: 'tfr-testnet-1', height: 50, blockHash: new Uint8Array(32).fill(5), stateRoot: new Uint8Array(32).fill(6), validatorsHash: new Uint8Array(32).fill(7) },
  signers: Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xe0),
  signature: new Uint8Array(96).fill(9),
};

function proofView(key: Uint8Array, value: string | null, height = 12): StateProofView {
  return { height, stateRoot: 'ab'.repeat(32), header: 'a1a2a3', commit: 'c1c2', key: toHex(key), value, proof: '01000a' };
}

describe('rpc/client: anchoring and the bridge', () => {
  it('the reads call their routes and check their input before sending', async () => {
    const node = new FakeRpcNode();
    for (const path of ['/anchors', `/bridge/transfers/${'ab'.repeat(32)}`, '/proofs/state']) node.getRoutes.set(path, (u) => ({ path, query: u.search }));
    const client = createClient({ url: 'http://n.example', fetch: node.fetch });
    expect(await client.anchors()).to.deep.equal({ path: '/anchors', query: '' });
    expect(await client.anchors({ region: 'tfr-testnet-1', limit: 5 })).to.deep.equal({ path: '/anchors', query: '?region=tfr-testnet-1&limit=5' });
    expect(await client.bridgeTransfer('AB'.repeat(32))).to.deep.include({ path: `/bridge/transfers/${'ab'.repeat(32)}` });
    expect(await client.bridgeTransfer(new Uint8Array(32).fill(0xab))).to.deep.include({ path: `/bridge/transfers/${'ab'.repeat(32)}` });
    expect(await client.stateProof(bridgeKeys.receipt(), 7)).to.deep.equal({ path: '/proofs/state', query: '?key=1103&height=7' });
    expect(await client.stateProof('1103')).to.deep.equal({ path: '/proofs/state', query: '?key=1103' });
    const sent = node.requests.length;
    await rejects(() => client.bridgeTransfer('ab'), 'TX_BAD_PARAMS');
    await rejects(() => client.stateProof('zz'), 'TX_BAD_PARAMS');
    await rejects(() => client.stateProof(''), 'TX_BAD_PARAMS');
    await rejects(() => client.stateProof('1103', 0), 'TX_BAD_PARAMS');
    await rejects(() => client.stateProof('1103', 1.5), 'TX_BAD_PARAMS');
    expect(node.requests.length, 'nothing sent').to.equal(sent);
  });

  it('deposit and withdraw params: the contract decodes what the SDK encodes; recipients of any prefix', () => {
    const bob = addressBytesFromPublicKey(BOB.publicKey);
    const d = depositParams.decode(bridgeDepositParams({ region: 'tfr-testnet-1', to: addressFromPublicKey('testnet', BOB.publicKey), amount: '125000000' }));
    expect({ ...d, amount: d.amount.toString() }).to.deep.equal({ region: 'tfr-testnet-1', recipient: bob, amount: '125000000' });
    const w = withdrawParams.decode(bridgeWithdrawParams({ to: addressFromPublicKey('hub', BOB.publicKey), amount: new BN(7) }));
    expect({ ...w, amount: w.amount.toString() }).to.deep.equal({ recipient: bob, amount: '7' });
    expect(withdrawParams.decode(bridgeWithdrawParams({ to: bob, amount: '1' })).recipient).to.deep.equal(bob);
  });

  it('bad input fails before signing, with the chain codes', async () => {
    const to = addressFromPublicKey('testnet', BOB.publicKey);
    await rejects(() => bridgeDepositParams({ region: 'tfr-testnet-1', to, amount: '0' }), 'BRIDGE_BAD_AMOUNT');
    await rejects(() => bridgeDepositParams({ region: 'tfr-testnet-1', to, amount: '1.5' }), 'TX_BAD_PARAMS');
    await rejects(() => bridgeDepositParams({ region: '', to, amount: '1' }), 'TX_BAD_PARAMS');
    await rejects(() => bridgeDepositParams({ region: 'tfr-testnet-1', to: 'testnet1notanaddress', amount: '1' }), 'CRYPTO_BAD_ADDRESS');
    await rejects(() => bridgeWithdrawParams({ to: new Uint8Array(19), amount: '1' }), 'CRYPTO_BAD_ADDRESS');
    await rejects(() => anchorSubmitParams('zz'), 'TX_BAD_PARAMS');
    await rejects(() => anchorSubmitParams('00'), 'ANCHOR_BAD_CERTIFICATE');
    await rejects(() => buildBridgeClaim({ ...ENV, proof: proofView(bridgeKeys.transfer(new Uint8Array(32)), null) }), 'BRIDGE_UNKNOWN_TRANSFER');
    await rejects(() => buildBridgeRelease({ ...ENV, region: 'tfr-testnet-1', anchoredHeight: 0, record: new Uint8Array(1), proof: new Uint8Array(3) }), 'TX_BAD_PARAMS');
  });

  it('every builder signs a tx whose params the contract decodes to the input', () => {
    const bob = addressBytesFromPublicKey(BOB.publicKey);
    const dep = buildBridgeDeposit({ ...ENV, region: 'tfr-testnet-1', to: bob, amount: '5' });
    const tx = decodeTx(dep.bytes, 65536);
    expect(tx.body).to.deep.include({ module: 'bridge', command: 'deposit' });
    expect(tx).to.deep.include({ chainId: 'tfr-fake-1', nonce: 4, expiry: 90 });
    expect(depositParams.decode(tx.body.params).amount.toString()).to.equal('5');
    expect(decodeTx(buildBridgeWithdraw({ ...ENV, to: bob, amount: '6' }).bytes, 65536).body).to.deep.include({ module: 'bridge', command: 'withdraw' });

    const submit = buildAnchorSubmit({ ...ENV, aggregate: toHex(encodeAggregate(aggregate)) });
    const s = submitParams.decode(paramsOf(submit.bytes));
    expect(encodeAggregate(s.aggregate)).to.deep.equal(encodeAggregate(aggregate));
    expect(s.update).to.equal(null);
    expect(decodeTx(submit.bytes, 65536).body).to.deep.include({ module: 'anchor', command: 'submit' });
    expect(submitParams.decode(anchorSubmitParams(aggregate))).to.deep.equal(submitParams.decode(anchorSubmitParams(encodeAggregate(aggregate))));

    const deposit = proofView(bridgeKeys.transfer(new Uint8Array(32).fill(1)), 'dd01');
    const c = claimParams.decode(paramsOf(buildBridgeClaim({ ...ENV, proof: deposit }).bytes));
    expect(c.record).to.deep.equal(Uint8Array.of(0xdd, 0x01));
    expect(c.hubProof).to.deep.equal({ header: Uint8Array.of(0xa1, 0xa2, 0xa3), commit: Uint8Array.of(0xc1, 0xc2), proof: Uint8Array.of(0x01, 0x00, 0x0a) });

    const region = proofView(anchorKeys.region('tfr-testnet-1'), 'ee02');
    const r = receiptParams.decode(paramsOf(buildBridgeReceipt({ ...ENV, proof: region }).bytes));
    expect(r.record).to.deep.equal(Uint8Array.of(0xee, 0x02));

    const withdrawal = proofView(bridgeKeys.transfer(new Uint8Array(32).fill(2)), 'ff03', 150);
    const rel = releaseParams.decode(paramsOf(buildBridgeRelease({ ...ENV, ...releaseInputOf('tfr-testnet-1', withdrawal) }).bytes));
    expect(rel).to.deep.equal({ region: 'tfr-testnet-1', anchoredHeight: 150, record: Uint8Array.of(0xff, 0x03), proof: Uint8Array.of(0x01, 0x00, 0x0a) });
  });

  it('bridgeDeposit and bridgeWithdraw sign, submit, wait, and read the transfer id from the bridge event', async () => {
    const node = new FakeRpcNode();
    const id = 'c0'.repeat(32);
    node.commitEvents = [
      { module: 'ledger', name: 'fee', data: { amount: '1000' } },
      { module: 'bridge', name: 'deposit', data: { id, region: 'tfr-testnet-1', amount: '5' } },
    ];
    const client = createClient({ url: 'http://hub.example', fetch: node.fetch });
    const r = await bridgeDeposit(client, { secretKey: NIAJ.secret, region: 'tfr-testnet-1', to: addressFromPublicKey('testnet', BOB.publicKey), amount: '5' });
    expect(r.transferId).to.equal(id);
    expect(r.view?.code).to.equal('OK');
    expect(node.submitted[0]!.body).to.deep.include({ module: 'bridge', command: 'deposit' });
    expect(depositParams.decode(node.submitted[0]!.body.params).region).to.equal('tfr-testnet-1');
    node.commitEvents = [];
    const w = await bridgeWithdraw(client, { secretKey: NIAJ.secret, to: addressFromPublicKey('hub', BOB.publicKey), amount: '5', wait: false });
    expect(w.view).to.equal(null);
    expect(w.transferId).to.equal(undefined);
    expect(transferIdOf(null)).to.equal(undefined);
    expect(transferIdOf({ hash: id, status: 'committed', events: [{ module: 'bridge', name: 'x', data: { id: 'short' } }], tx: { sender: 's', nonce: 0, fee: '0', expiry: 0, module: 'bridge', command: 'x' } })).to.equal(undefined);
  });
});
