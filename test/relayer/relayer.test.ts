/**
 * The relayer: its pure decisions (which certificate, which Hub height proves the receipt, when a
 * withdrawal can be released, scan ranges) as tables, then rounds over two fake chains
 * (test/fixtures/fake-bridge-chains.ts): a certificate submitted to the Hub, the receipt brought
 * back at the Hub block after the acceptance, a deposit claimed on the region and a withdrawal
 * released on the Hub, each tx's params decoded with the contract's decoders; and the failures it
 * must survive (a node down, a refused certificate not resubmitted, claims retried or dropped by
 * code, a Hub that is not the region's), with the loop never stopping.
 */
import { expect } from 'chai';
import { anchorKeys, bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { claimParams, receiptParams, releaseParams, submitParams } from '../../chain/anchor/anchor-params.ts';
import { encodeAggregate } from '../../chain/anchor/certificate.ts';
import { fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import type { DecodedTx } from '../../chain/tx/transaction.ts';
import type { AnchorsView, CertificateView, ReceiptView, RegionView } from '../../rpc/api/anchor-schemas.ts';
import { RpcError } from '../../rpc/client/rpc-error.ts';
import { Relayer, runRelayer, type RelayerLevel } from '../../rpc/relayer/relayer.ts';
import { certificateToSubmit, receiptProofHeight, releaseHeight, scanRange, okTxHashes } from '../../rpc/relayer/relayer-plan.ts';
import { FakeChain } from '../fixtures/fake-bridge-chains.ts';
import { claimedView, HUB, initialRecord, REGION, RELAYER_KEY, sentView, transferId } from '../fixtures/relayer-world.ts';

const KEY = RELAYER_KEY;
const id = transferId;
const hex = (s: string): Uint8Array => fromHexStrict(s)!;

function cert(height: number, signedWeight = 67, threshold = 67): CertificateView {
  const aggregate = { certificate: { chainId: REGION, height, blockHash: new Uint8Array(32).fill(height), stateRoot: new Uint8Array(32).fill(1), validatorsHash: new Uint8Array(32).fill(2) }, signers: new Uint8Array(13).fill(0xff), signature: new Uint8Array(96).fill(3) };
  return {
    chainId: REGION,
    height,
    blockHash: toHex(aggregate.certificate.blockHash),
    stateRoot: toHex(aggregate.certificate.stateRoot),
    validatorsHash: toHex(aggregate.certificate.validatorsHash),
    signers: toHex(aggregate.signers),
    signature: toHex(aggregate.signature),
    signerCount: signedWeight,
    signedWeight,
    threshold,
    aggregate: toHex(encodeAggregate(aggregate)),
  };
}

describe('relayer: decisions', () => {
  it('certificateToSubmit: the newest above the Hub that reaches its threshold', () => {
    expect(certificateToSubmit([cert(20), cert(30), cert(10)], 10)?.height).to.equal(30);
    expect(certificateToSubmit([cert(20), cert(30, 66)], 10)?.height, 'below the threshold').to.equal(20);
    expect(certificateToSubmit([cert(20), cert(30)], 30)).to.equal(undefined);
    expect(certificateToSubmit([cert(40, 0, 0)], 0), 'no set to weigh against').to.equal(undefined);
    expect(certificateToSubmit([], 0)).to.equal(undefined);
  });

  it('receiptProofHeight: the Hub block after the acceptance, once it exists and the region lacks it', () => {
    const receipt = (height: number): ReceiptView => ({ height, blockHash: id(0), stateRoot: id(0), hubHeight: 1, provenAtHubHeight: 2 });
    const region = (r: ReceiptView | null, hub: string | null = HUB) => ({ receipt: r, hubChainId: hub });
    const last = { lastHeight: 30, lastHubHeight: 12 };
    expect(receiptProofHeight(region(null), last, 13)).to.equal(13);
    expect(receiptProofHeight(region(receipt(20)), last, 50)).to.equal(13);
    expect(receiptProofHeight(region(null), last, 12), 'the next Hub block is not there yet').to.equal(undefined);
    expect(receiptProofHeight(region(receipt(30)), last, 50), 'already recorded').to.equal(undefined);
    expect(receiptProofHeight(region(null, null), last, 50), 'a region without a bridge').to.equal(undefined);
    expect(receiptProofHeight(region(null), { lastHeight: 0, lastHubHeight: 0 }, 50), 'nothing anchored').to.equal(undefined);
  });

  it('releaseHeight: a certificate strictly above the withdrawal block', () => {
    expect(releaseHeight(29, 30)).to.equal(30);
    expect(releaseHeight(30, 30)).to.equal(undefined);
    expect(releaseHeight(31, 30)).to.equal(undefined);
  });

  it('scanRange and okTxHashes', () => {
    expect(scanRange(1, 0)).to.equal(undefined);
    expect(scanRange(5, 5)).to.deep.equal({ from: 5, to: 5 });
    expect(scanRange(1, 1000)).to.deep.equal({ from: 1, to: 200 });
    expect(scanRange(1, 1000, 10)).to.deep.equal({ from: 1, to: 10 });
    expect(okTxHashes({ txs: [{ hash: 'a', code: 'OK' }, { hash: 'b', code: 'BRIDGE_BAD_PROOF' }] })).to.deep.equal(['a']);
  });
});

interface World {
  region: FakeChain;
  hub: FakeChain;
  certificates: CertificateView[];
  receipt: ReceiptView | null;
  last: RegionView;
  logs: Array<[RelayerLevel, string]>;
  relayer: Relayer;
}



const paramsOf = (tx: DecodedTx) => tx.body.params;

function world(o: { release?: boolean } = {}): World {
  const region = new FakeChain(REGION, 'unit', 35);
  const hub = new FakeChain(HUB, 'hub', 10);
  const w: World = {
    region,
    hub,
    certificates: [cert(30), cert(20)],
    receipt: null,
    last: initialRecord(),
    logs: [],
    relayer: undefined as unknown as Relayer,
  };
  region.anchorsView = (): AnchorsView => ({
    role: 'region',
    chainId: REGION,
    height: region.height,
    anchorInterval: 10,
    hubChainId: HUB,
    validatorSet: { hash: id(2), threshold: 67, totalWeight: 99, validators: 99 },
    receipt: w.receipt,
    anchoredHeight: w.receipt?.height ?? null,
    certificates: w.certificates,
    regions: [],
  });
  hub.anchorsView = (): AnchorsView => ({ role: 'hub', chainId: HUB, height: hub.height, anchorInterval: 10, hubChainId: HUB, validatorSet: null, receipt: null, anchoredHeight: null, certificates: [], regions: [w.last] });
  hub.onTx = (tx, chain) => {
    if (tx.body.module === 'anchor' && tx.body.command === 'submit') {
      const p = submitParams.decode(paramsOf(tx));
      w.last = { ...w.last, lastHeight: p.aggregate.certificate.height, lastHubHeight: chain.height + 1 };
      return { code: 'OK' };
    }
    if (tx.body.module === 'bridge' && tx.body.command === 'release') {
      const p = releaseParams.decode(paramsOf(tx));
      const transferId = toHex(p.record).slice(-64);
      hub.transfers.set(transferId, claimedView(HUB, transferId, chain.height + 1));
      return { code: 'OK' };
    }
    return { code: 'TX_UNKNOWN_COMMAND' };
  };
  region.onTx = (tx, chain) => {
    if (tx.body.command === 'receipt') {
      receiptParams.decode(paramsOf(tx));
      w.receipt = { height: w.last.lastHeight, blockHash: id(0), stateRoot: id(0), hubHeight: w.last.lastHubHeight, provenAtHubHeight: w.last.lastHubHeight + 1 };
      return { code: 'OK' };
    }
    if (tx.body.command === 'claim') {
      const p = claimParams.decode(paramsOf(tx));
      const transferId = toHex(p.record).slice(-64);
      region.transfers.set(transferId, claimedView(REGION, transferId, chain.height + 1));
      return { code: 'OK' };
    }
    return { code: 'TX_UNKNOWN_COMMAND' };
  };
  w.relayer = new Relayer({ region: region.client, hub: hub.client, secretKey: KEY.secret, releaseWithdrawals: o.release === true, log: (level, message) => void w.logs.push([level, message]) });
  return w;
}

/** A deposit tx committed on the Hub with its transfer record, for `destination`. */
function deposit(w: World, n: number, destination = REGION): string {
  const transferId = id(n);
  w.hub.addTx('bridge', 'deposit', [{ module: 'bridge', name: 'deposit', data: { id: transferId, region: destination, amount: '50000000' } }]);
  w.hub.transfers.set(transferId, sentView(HUB, transferId, HUB, destination, w.hub.height));
  return transferId;
}

function withdrawal(w: World, n: number): string {
  const transferId = id(n);
  w.region.addTx('bridge', 'withdraw', [{ module: 'bridge', name: 'withdraw', data: { id: transferId, amount: '50000000' } }]);
  w.region.transfers.set(transferId, sentView(REGION, transferId, REGION, HUB, w.region.height));
  return transferId;
}

const commands = (c: FakeChain): string[] => c.submitted.map((t) => `${t.body.module}.${t.body.command}`);

describe('relayer: rounds over fake chains', () => {
  it('anchors the newest certificate, claims a deposit, releases a withdrawal, then brings the receipt back', async () => {
    const w = world({ release: true });
    const dep = deposit(w, 0xd1);
    const other = deposit(w, 0xd2, 'tfr-other-1');
    const wd = withdrawal(w, 0xe1);
    const depositHeight = w.hub.transfers.get(dep)!.transfer!.height;

    const r1 = await w.relayer.round();
    expect(r1.errors).to.deep.equal([]);
    expect(r1.submitted).to.equal(30);
    const submit = submitParams.decode(paramsOf(w.hub.submitted[0]!));
    expect(submit.aggregate.certificate.height).to.equal(30);
    expect(toHex(encodeAggregate(submit.aggregate))).to.equal(cert(30).aggregate);
    expect(submit.update).to.equal(null);
    expect(w.hub.submitted[0]!.chainId).to.equal(HUB);
    // The receipt comes first, of what the Hub had accepted before (10); 30 was accepted in the
    // Hub's latest block: the block after it is not there yet.
    expect(r1.receipt).to.equal(10);
    // The deposit to this region is claimed with the Hub's proof at the block after the deposit.
    expect(r1.claimed).to.deep.equal([dep]);
    expect(w.hub.proofRequests).to.deep.include({ key: toHex(bridgeKeys.transfer(hex(dep))), height: depositHeight + 1 });
    const claim = claimParams.decode(paramsOf(w.region.submitted[1]!));
    const proof = w.hub.proof(toHex(bridgeKeys.transfer(hex(dep))), depositHeight + 1, `ee${toHex(bridgeKeys.transfer(hex(dep)))}`);
    expect(toHex(claim.record)).to.equal(proof.value);
    expect(toHex(claim.hubProof.header)).to.equal(proof.header);
    expect(toHex(claim.hubProof.commit)).to.equal(proof.commit);
    expect(toHex(claim.hubProof.proof)).to.equal(proof.proof);
    expect(w.hub.proofRequests, 'the receipt and this deposit; the other region\'s deposit is not proven').to.have.length(2);
    expect(w.relayer.pending().deposits).to.not.include(other);
    // The withdrawal is in region block 36: only a certificate above 36 can release it, so it waits.
    expect(r1.released).to.deep.equal([]);
    expect(w.relayer.pending().withdrawals).to.deep.equal([wd]);

    w.hub.commitBlock();
    w.certificates = [cert(40), cert(30)];
    const r2 = await w.relayer.round();
    expect(r2.errors).to.deep.equal([]);
    expect(r2.submitted).to.equal(40);
    // The receipt of 30 came first (its proof block exists now); 40 was accepted in the Hub's
    // latest block: its receipt waits for the next Hub block.
    expect(r2.receipt).to.equal(30);
    expect(r2.released, 'released against anchored height 40').to.deep.equal([wd]);
    const release = releaseParams.decode(paramsOf(w.hub.submitted.at(-1)!));
    expect(release).to.deep.include({ region: REGION, anchoredHeight: 40 });
    expect(w.region.proofRequests.at(-1)).to.deep.equal({ key: toHex(bridgeKeys.transfer(hex(wd))), height: 40 });

    w.hub.commitBlock();
    const r3 = await w.relayer.round();
    expect(r3.errors).to.deep.equal([]);
    expect(r3.receipt).to.equal(40);
    expect(w.hub.proofRequests.at(-1)).to.deep.equal({ key: toHex(anchorKeys.region(REGION)), height: w.last.lastHubHeight + 1 });
    expect(w.receipt?.height).to.equal(40);

    const before = [commands(w.hub).length, commands(w.region).length];
    const r4 = await w.relayer.round();
    expect(r4).to.deep.equal({ submitted: undefined, receipt: undefined, claimed: [], released: [], errors: [] });
    expect([commands(w.hub).length, commands(w.region).length], 'nothing left to do').to.deep.equal(before);
    expect(commands(w.hub)).to.deep.equal(['anchor.submit', 'anchor.submit', 'bridge.release']);
    expect(commands(w.region)).to.deep.equal(['bridge.receipt', 'bridge.claim', 'bridge.receipt', 'bridge.receipt']);
  });

  it('a refused certificate is not submitted again; a claimed deposit is not claimed twice', async () => {
    const w = world();
    let attempts = 0;
    w.hub.onTx = (tx) => (tx.body.command === 'submit' ? (attempts++, { refuse: { status: 409, code: 'ANCHOR_STALE_HEIGHT' } }) : { code: 'OK' });
    w.receipt = { height: 10, blockHash: id(0), stateRoot: id(0), hubHeight: 4, provenAtHubHeight: 5 };
    const dep = deposit(w, 0xd1);
    w.region.transfers.set(dep, claimedView(REGION, dep, 3));
    for (let i = 0; i < 3; i++) expect((await w.relayer.round()).errors).to.deep.equal([]);
    expect(attempts).to.equal(1);
    expect(w.logs.some(([level, m]) => level === 'warn' && m.includes('ANCHOR_STALE_HEIGHT'))).to.equal(true);
    expect(commands(w.region)).to.deep.equal([]);
    expect(w.relayer.pending().deposits).to.deep.equal([]);
  });

  it('a claim that fails in its block is retried next round; one refused as already claimed is dropped', async () => {
    const w = world();
    w.certificates = [];
    w.receipt = { height: 10, blockHash: id(0), stateRoot: id(0), hubHeight: 4, provenAtHubHeight: 5 };
    let failing = true;
    const a = deposit(w, 0xa1);
    const b = deposit(w, 0xb1);
    w.region.onTx = (tx) => {
      const record = toHex(claimParams.decode(paramsOf(tx)).record);
      if (record.endsWith(b)) return { refuse: { status: 409, code: 'BRIDGE_ALREADY_CLAIMED' } };
      return failing ? { code: 'BRIDGE_BAD_HUB_COMMIT' } : { code: 'OK' };
    };
    // b is in the Hub's latest block: it waits for the next one (whose header carries the state with it).
    const r0 = await w.relayer.round();
    expect(r0.claimed).to.deep.equal([]);
    expect(w.region.submitted, 'a failed in its block').to.have.length(1);
    expect(w.relayer.pending().deposits).to.deep.equal([a, b]);
    w.hub.commitBlock();
    const r1 = await w.relayer.round();
    expect(r1.claimed).to.deep.equal([]);
    expect(w.relayer.pending().deposits, 'a retried later, b dropped').to.deep.equal([a]);
    failing = false;
    const r2 = await w.relayer.round();
    expect(r2.claimed).to.deep.equal([a]);
    expect(w.relayer.pending().deposits).to.deep.equal([]);
    expect(w.logs.filter(([, m]) => m.includes('BRIDGE_BAD_HUB_COMMIT'))).to.have.length(2);
  });

  it('a node that cannot be reached: the round reports it, the loop goes on and recovers', async () => {
    const w = world();
    w.region.down = new RpcError('RPC_UNREACHABLE', 'cannot reach region: ECONNREFUSED', 0);
    let rounds = 0;
    const sleeps: number[] = [];
    const reports: Array<{ errors: string[]; submitted: number | undefined }> = [];
    await runRelayer(w.relayer, {
      pollMs: 250,
      sleep: async (ms) => {
        sleeps.push(ms);
        if (rounds === 2) w.region.down = undefined;
      },
      stopped: () => rounds >= 4,
      onRound: (r) => {
        rounds++;
        reports.push(r);
      },
    });
    expect(reports[0]!.errors).to.have.length(1);
    expect(reports[0]!.errors[0]).to.match(/^read: RPC_UNREACHABLE/);
    expect(reports[1]!.errors).to.have.length(1);
    expect(reports[2]!.submitted).to.equal(30);
    expect(sleeps).to.deep.equal([250, 250, 250]);
    expect(w.logs.filter(([level]) => level === 'warn')).to.have.length(2);
  });

  it('a round that throws (a bug) is logged and the loop continues', async () => {
    const w = world();
    let calls = 0;
    const broken = { round: async () => (calls++ === 0 ? Promise.reject(new Error('boom')) : { submitted: undefined, receipt: undefined, claimed: [], released: [], errors: [] }) } as unknown as Relayer;
    const logs: string[] = [];
    await runRelayer(broken, { sleep: async () => undefined, stopped: () => calls >= 3 }, (_level, m) => void logs.push(m));
    expect(calls).to.equal(3);
    expect(logs).to.deep.equal(['relayer round failed: boom']);
    expect(w.hub.submitted).to.have.length(0);
  });

  it('a Hub that is not the region\'s, or not a Hub: nothing is submitted', async () => {
    const w = world();
    w.hub.anchorsView = () => ({ ...w.region.anchorsView(), chainId: 'tfr-hub-2', role: 'hub', regions: [w.last] });
    const r = await w.relayer.round();
    expect(r.errors[0]).to.match(/^read: RPC_BAD_RESPONSE: the region's bridge is to Hub tfr-hub-1/);
    w.hub.anchorsView = () => w.region.anchorsView();
    expect((await w.relayer.round()).errors[0]).to.match(/is not a Hub/);
    expect(w.hub.submitted).to.have.length(0);
    expect(w.region.submitted).to.have.length(0);
  });
});
