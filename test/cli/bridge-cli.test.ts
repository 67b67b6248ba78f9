/**
 * `tfr anchors`, `tfr bridge deposit|withdraw|release|transfer` and `tfr relayer` in-process against
 * two scripted nodes (a Hub and a region, test/fixtures/fake-rpc-node.ts, told apart by host):
 * text and --json output, the txs they sign (params decoded with the contract's decoders), the
 * waits for the other chain (claim, anchoring) and their timeout, option parsing and its codes.
 */
import { expect } from 'chai';
import { depositParams, releaseParams, submitParams, withdrawParams } from '../../chain/anchor/anchor-params.ts';
import { bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { encodeAggregate } from '../../chain/anchor/certificate.ts';
import { addressBytesFromPublicKey, addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import type { AnchorsView, BridgeTransferView, CertificateView, RegionView, StateProofView } from '../../rpc/api/anchor-schemas.ts';
import type { FetchLike } from '../../rpc/client/client.ts';
import type { CliIo } from '../../rpc/cli/cli-io.ts';
import { runCli } from '../../rpc/cli/main.ts';
import { FakeRpcNode } from '../fixtures/fake-rpc-node.ts';
import { REPO_ROOT, field } from './run-tfr.ts';

const REGION = 'tfr-testnet-1';
const HUB = 'tfr-hub-1';
const BOB = testAccountKey(TESTNET_SEED, 'bob');
const BOB_REGION = addressFromPublicKey('testnet', BOB.publicKey);
const BOB_HUB = addressFromPublicKey('hub', BOB.publicKey);
const ID = 'c0'.repeat(32);
const WID = 'd0'.repeat(32);

function cert(height: number): CertificateView {
  const a = { certificate: { chainId: REGION, height, blockHash: new Uint8Array(32).fill(height), stateRoot: new Uint8Array(32).fill(1), validatorsHash: new Uint8Array(32).fill(2) }, signers: Uint8Array.of(0xc0), signature: new Uint8Array(96).fill(3) };
  return { chainId: REGION, height, blockHash: toHex(a.certificate.blockHash), stateRoot: toHex(a.certificate.stateRoot), validatorsHash: toHex(a.certificate.validatorsHash), signers: 'c0', signature: toHex(a.signature), signerCount: 2, signedWeight: 2, threshold: 2, aggregate: toHex(encodeAggregate(a)) };
}

function regionRecord(lastHeight: number, o: Partial<RegionView> = {}): RegionView {
  return { chainId: REGION, registeredHeight: 0, lastHeight, lastBlockHash: 'ab'.repeat(32), lastStateRoot: 'cd'.repeat(32), lastHubHeight: 7, frozen: false, threshold: 67, validators: 99, totalWeight: 99, validatorsHash: 'ef'.repeat(32), certificates: lastHeight === 0 ? [] : [{ height: lastHeight, blockHash: 'ab'.repeat(32), stateRoot: 'cd'.repeat(32), validatorsHash: 'ef'.repeat(32), hubHeight: 7 }], forks: [], ...o };
}

function regionAnchors(o: Partial<AnchorsView> = {}): AnchorsView {
  return {
    role: 'region',
    chainId: REGION,
    height: 120,
    anchorInterval: 50,
    hubChainId: HUB,
    validatorSet: { hash: 'ef'.repeat(32), threshold: 67, totalWeight: 99, validators: 99 },
    receipt: { height: 100, blockHash: 'ab'.repeat(32), stateRoot: 'cd'.repeat(32), hubHeight: 7, provenAtHubHeight: 8 },
    anchoredHeight: 100,
    certificates: [cert(100)],
    regions: [],
    ...o,
  };
}

function hubAnchors(regions: RegionView[]): AnchorsView {
  return { role: 'hub', chainId: HUB, height: 9, anchorInterval: 50, hubChainId: HUB, validatorSet: null, receipt: null, anchoredHeight: null, certificates: [], regions };
}

function sent(id: string, chainId: string, source: string, destination: string, height: number): BridgeTransferView {
  return { id, chainId, height: height + 3, status: 'sent', transfer: { source, destination, sender: toHex(addressBytesFromPublicKey(testAccountKey(TESTNET_SEED, 'niaj').publicKey)), recipient: toHex(addressBytesFromPublicKey(BOB.publicKey)), amount: '20000000', height, key: toHex(bridgeKeys.transfer(Buffer.from(id, 'hex'))), record: `aa${id}` }, claim: null };
}

function claimed(id: string, chainId: string, height: number): BridgeTransferView {
  return { id, chainId, height, status: 'claimed', transfer: null, claim: { recipient: toHex(addressBytesFromPublicKey(BOB.publicKey)), amount: '50000000', height } };
}

interface Chains {
  hub: FakeRpcNode;
  region: FakeRpcNode;
  /** Persistent error answers by host and path. */
  errors: Map<string, { status: number; code: string }>;
  /** Answers computed per request, by host and path. */
  answers: Map<string, () => { status: number; body: unknown }>;
  fetch: FetchLike;
}

function chains(): Chains {
  const hub = new FakeRpcNode();
  hub.status = { ...hub.status, chainId: HUB, region: 'hub', addressPrefix: 'hub', assets: [hub.status.assets[0]!, { id: 'REGIONAL', symbol: 'HUB', decimals: 7 }] };
  const region = new FakeRpcNode();
  region.status = { ...region.status, chainId: REGION, region: 'testnet', addressPrefix: 'testnet' };
  const errors = new Map<string, { status: number; code: string }>();
  const answers = new Map<string, () => { status: number; body: unknown }>();
  const fetch: FetchLike = async (url, init) => {
    const u = new URL(url);
    const a = answers.get(`${u.host}${u.pathname}`)?.();
    if (a !== undefined) {
      const text = JSON.stringify(a.body);
      return { status: a.status, ok: a.status < 300, text: async () => text };
    }
    const e = errors.get(`${u.host}${u.pathname}`);
    if (e !== undefined) {
      const text = JSON.stringify({ code: e.code, message: `scripted ${e.code}` });
      return { status: e.status, ok: false, text: async () => text };
    }
    return (u.host === 'hub.test' ? hub : region).fetch(url, init);
  };
  hub.getRoutes.set('/anchors', () => hubAnchors([regionRecord(100)]));
  region.getRoutes.set('/anchors', () => regionAnchors());
  return { hub, region, errors, answers, fetch };
}

async function tfr(c: Chains, argv: string[], extra: Partial<CliIo> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (s) => void (stdout += s), err: (s) => void (stderr += s), env: { HOME: '/nonexistent-home-for-tests' }, cwd: REPO_ROOT, fetch: c.fetch, ...extra };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const RPCS = ['--rpc', 'http://region.test', '--hub-rpc', 'http://hub.test'];

describe('cli: tfr anchors', () => {
  it('a region: interval, set, the Hub receipt and its certificates; --json as the API', async () => {
    const c = chains();
    const r = await tfr(c, ['anchors', '--rpc', 'http://region.test']);
    expect(r.code, r.stderr).to.equal(0);
    expect(field(r.stdout, 'chain')).to.equal(`${REGION} (a region; bridge to Hub ${HUB})`);
    expect(field(r.stdout, 'anchor every')).to.equal('50 blocks');
    expect(field(r.stdout, 'certificate set')).to.equal('99 validators, threshold 67 of 99 (set efefefef...efefef)');
    expect(field(r.stdout, 'anchored')).to.equal('height 100 (accepted in Hub block 7, receipt proven at Hub height 8)');
    expect(field(r.stdout, 'certificates')).to.equal('height 100  signers 2 (weight 2, threshold 2)  block 64646464...646464');
    const j = await tfr(c, ['anchors', '--rpc', 'http://region.test', '--json', '--limit', '3']);
    expect(JSON.parse(j.stdout)).to.deep.equal(regionAnchors());
    expect(c.region.requests.at(-1)!.url.search).to.equal('?limit=3');
  });

  it('the Hub: every region with its last anchored height; --region asks for one', async () => {
    const c = chains();
    c.hub.getRoutes.set('/anchors', () => hubAnchors([regionRecord(100, { frozen: true, forks: [{ height: 50, acceptedBlockHash: '11'.repeat(32), conflictingBlockHash: '22'.repeat(32), hubHeight: 5 }] })]));
    const r = await tfr(c, ['anchors', '--rpc', 'http://hub.test', '--region', REGION]);
    expect(r.code, r.stderr).to.equal(0);
    expect(c.hub.requests.at(-1)!.url.search).to.equal(`?region=${REGION}`);
    expect(field(r.stdout, 'chain')).to.equal(`${HUB} (the Hub)`);
    expect(field(r.stdout, 'region')).to.equal(REGION);
    expect(field(r.stdout, '  anchored')).to.equal('height 100 (block abababab...ababab, accepted in Hub block 7)');
    expect(field(r.stdout, '  bridge')).to.match(/^FROZEN/);
    expect(field(r.stdout, '  fork')).to.equal('height 50: accepted 11111111...111111, conflicting 22222222...222222 (Hub block 5)');
  });

  it('an unknown region and a bad --limit: their codes', async () => {
    const c = chains();
    c.errors.set('hub.test/anchors', { status: 404, code: 'ANCHOR_UNKNOWN_REGION' });
    const r = await tfr(c, ['anchors', '--rpc', 'http://hub.test', '--region', 'nope']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/^error: ANCHOR_UNKNOWN_REGION/);
    const bad = await tfr(c, ['anchors', '--limit', '0']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('CLI_USAGE');
  });
});

describe('cli: tfr bridge', () => {
  it('deposit: signs bridge.deposit on the Hub, prints the transfer id, and --wait-claim waits for the region', async () => {
    const c = chains();
    c.hub.commitEvents = [{ module: 'bridge', name: 'deposit', data: { id: ID, region: REGION, amount: '50000000' } }];
    let polls = 0;
    c.answers.set(`region.test/bridge/transfers/${ID}`, () =>
      ++polls < 3 ? { status: 404, body: { code: 'BRIDGE_UNKNOWN_TRANSFER', message: 'not yet' } } : { status: 200, body: claimed(ID, REGION, 44) },
    );
    const r = await tfr(c, ['bridge', 'deposit', '--key', 'niaj', '--region', REGION, '--to', BOB_REGION, '--amount', '5', '--wait-claim', '--poll', '1', ...RPCS]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.contain('note: signing as test account niaj');
    const tx = c.hub.submitted[0]!;
    expect(tx.body).to.deep.include({ module: 'bridge', command: 'deposit' });
    const p = depositParams.decode(tx.body.params);
    expect(p.region).to.equal(REGION);
    expect(p.amount.toString()).to.equal('50000000');
    expect(p.recipient).to.deep.equal(addressBytesFromPublicKey(BOB.publicKey));
    expect(c.region.submitted, 'nothing signed on the region').to.have.length(0);
    expect(r.stdout).to.contain(`deposit 5 TFT from ${addressFromPublicKey('hub', testAccountKey(TESTNET_SEED, 'niaj').publicKey)} (${HUB}) to ${BOB_REGION} on ${REGION}`);
    expect(field(r.stdout, 'transfer')).to.equal(ID);
    expect(field(r.stdout, 'fee')).to.match(/^0\.0001 HUB \(nonce 0/);
    expect(polls).to.equal(3);
    expect(field(r.stdout, 'claimed')).to.equal(`on ${REGION} in block 44`);
  });

  it('deposit --json; a bad amount, an unknown region and a failed tx: their codes', async () => {
    const c = chains();
    c.hub.commitEvents = [{ module: 'bridge', name: 'deposit', data: { id: ID } }];
    const j = await tfr(c, ['bridge', 'deposit', '--key', 'niaj', '--region', REGION, '--to', BOB_REGION, '--amount', '5', '--json', ...RPCS]);
    expect(j.code, j.stderr).to.equal(0);
    const out = JSON.parse(j.stdout);
    expect(out).to.deep.include({ transferId: ID, claim: null });
    expect(out.tx.code).to.equal('OK');
    const bad = await tfr(c, ['bridge', 'deposit', '--key', 'niaj', '--region', REGION, '--to', BOB_REGION, '--amount', '1.123456789', ...RPCS]);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.match(/CLI_USAGE: --amount wants an amount of TFT/);
    c.hub.commitCode = 'LEDGER_INSUFFICIENT_BALANCE';
    const failed = await tfr(c, ['bridge', 'deposit', '--key', 'niaj', '--region', REGION, '--to', BOB_REGION, '--amount', '5', ...RPCS]);
    expect(failed.code).to.equal(1);
    expect(failed.stderr).to.match(/error: LEDGER_INSUFFICIENT_BALANCE: tx [0-9a-f]{64} failed/);
    c.errors.set('hub.test/anchors', { status: 404, code: 'ANCHOR_UNKNOWN_REGION' });
    const unknown = await tfr(c, ['bridge', 'deposit', '--key', 'niaj', '--region', 'tfr-nowhere-1', '--to', BOB_REGION, '--amount', '5', ...RPCS]);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.match(/^error: ANCHOR_UNKNOWN_REGION/);
    const missing = await tfr(c, ['bridge', 'deposit', '--key', 'niaj', '--to', BOB_REGION, '--amount', '5']);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.contain("required option '--region <chain-id>' not specified");
  });

  it('withdraw --release: burns on the region, waits until the Hub anchored above it, proves it there and releases it on the Hub', async () => {
    const c = chains();
    c.region.commitEvents = [{ module: 'bridge', name: 'withdraw', data: { id: WID, amount: '20000000' } }];
    let anchorsAsked = 0;
    c.hub.getRoutes.set('/anchors', () => hubAnchors([regionRecord(++anchorsAsked < 3 ? 100 : 150)]));
    c.region.getRoutes.set(`/bridge/transfers/${WID}`, () => sent(WID, REGION, REGION, HUB, 120));
    c.errors.set(`hub.test/bridge/transfers/${WID}`, { status: 404, code: 'BRIDGE_UNKNOWN_TRANSFER' });
    const proof: StateProofView = { height: 150, stateRoot: '12'.repeat(32), header: 'a1', commit: 'c1', key: toHex(bridgeKeys.transfer(Buffer.from(WID, 'hex'))), value: `aa${WID}`, proof: '0100' };
    c.region.getRoutes.set('/proofs/state', () => proof);
    const r = await tfr(c, ['bridge', 'withdraw', '--key', 'niaj', '--to', BOB_HUB, '--amount', '2', '--release', '--poll', '1', ...RPCS]);
    expect(r.code, r.stderr).to.equal(0);
    const w = withdrawParams.decode(c.region.submitted[0]!.body.params);
    expect(w.amount.toString()).to.equal('20000000');
    expect(w.recipient).to.deep.equal(addressBytesFromPublicKey(BOB.publicKey));
    expect(anchorsAsked).to.equal(3);
    const proofAsked = c.region.requests.find((q) => q.url.pathname === '/proofs/state')!;
    expect(proofAsked.url.searchParams.get('height')).to.equal('150');
    expect(proofAsked.url.searchParams.get('key')).to.equal(proof.key);
    const release = c.hub.submitted[0]!;
    expect(release.body).to.deep.include({ module: 'bridge', command: 'release' });
    expect(release.chainId).to.equal(HUB);
    const p = releaseParams.decode(release.body.params);
    expect(p).to.deep.equal({ region: REGION, anchoredHeight: 150, record: new Uint8Array(Buffer.from(`aa${WID}`, 'hex')), proof: Uint8Array.of(1, 0) });
    expect(field(r.stdout, 'transfer')).to.equal(WID);
    expect(field(r.stdout, 'anchored')).to.equal('region height 150 on the Hub');
    expect(field(r.stdout, 'release tx')).to.equal(toHex(c.hub.submitted[0]!.hash));
    expect(field(r.stdout, 'release status')).to.match(/^committed in Hub block \d+: OK$/);
  });

  it('withdraw --release gives up after --wait-timeout (CLI_WAIT_TIMEOUT); release skips a withdrawal the Hub paid already', async () => {
    const c = chains();
    c.region.commitEvents = [{ module: 'bridge', name: 'withdraw', data: { id: WID } }];
    c.region.getRoutes.set(`/bridge/transfers/${WID}`, () => sent(WID, REGION, REGION, HUB, 120));
    c.errors.set(`hub.test/bridge/transfers/${WID}`, { status: 404, code: 'BRIDGE_UNKNOWN_TRANSFER' });
    const r = await tfr(c, ['bridge', 'withdraw', '--key', 'niaj', '--to', BOB_HUB, '--amount', '2', '--release', '--poll', '1', '--wait-timeout', '20', ...RPCS]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.match(/error: CLI_WAIT_TIMEOUT: anchoring of tfr-testnet-1 above height 120: not done after 20 ms/);
    expect(c.hub.submitted).to.have.length(0);
    c.errors.delete(`hub.test/bridge/transfers/${WID}`);
    c.hub.getRoutes.set(`/bridge/transfers/${WID}`, () => claimed(WID, HUB, 12));
    const again = await tfr(c, ['bridge', 'release', WID, '--key', 'niaj', ...RPCS]);
    expect(again.code, again.stderr).to.equal(0);
    expect(field(again.stdout, 'released')).to.equal('already, in Hub block 12');
    expect(c.hub.submitted).to.have.length(0);
    const bad = await tfr(c, ['bridge', 'release', 'abc', '--key', 'niaj', ...RPCS]);
    expect(bad.code).to.equal(2);
  });

  it('transfer: as the source knows it (sent) and as the destination does (claimed)', async () => {
    const c = chains();
    c.hub.getRoutes.set(`/bridge/transfers/${ID}`, () => sent(ID, HUB, HUB, REGION, 30));
    c.region.getRoutes.set(`/bridge/transfers/${ID}`, () => claimed(ID, REGION, 44));
    const s = await tfr(c, ['bridge', 'transfer', ID, '--rpc', 'http://hub.test']);
    expect(s.code, s.stderr).to.equal(0);
    expect(field(s.stdout, 'status')).to.equal(`sent from here in block 30; whether ${REGION} paid it, ask a node of ${REGION}`);
    expect(field(s.stdout, 'amount')).to.equal('2 TFT');
    expect(field(s.stdout, 'to')).to.equal(`${toHex(addressBytesFromPublicKey(BOB.publicKey))} (address bytes on ${REGION})`);
    const d = await tfr(c, ['bridge', 'transfer', ID.toUpperCase(), '--rpc', 'http://region.test']);
    expect(d.code, d.stderr).to.equal(0);
    expect(field(d.stdout, 'status')).to.equal('claimed here in block 44');
    expect(field(d.stdout, 'paid')).to.equal(`5 TFT to ${BOB_REGION}`);
    c.errors.set(`region.test/bridge/transfers/${WID}`, { status: 404, code: 'BRIDGE_UNKNOWN_TRANSFER' });
    const none = await tfr(c, ['bridge', 'transfer', WID, '--rpc', 'http://region.test']);
    expect(none.code).to.equal(1);
    expect(none.stderr).to.match(/^error: BRIDGE_UNKNOWN_TRANSFER/);
    expect((await tfr(c, ['bridge', 'transfer', 'xyz'])).code).to.equal(2);
  });
});

describe('cli: tfr relayer', () => {
  it('--once: one round (the region certificate above the Hub goes to the Hub), then exit', async () => {
    const c = chains();
    c.region.getRoutes.set('/anchors', () => regionAnchors({ certificates: [cert(150), cert(100)] }));
    const r = await tfr(c, ['relayer', '--region-rpc', 'http://region.test', '--hub-rpc', 'http://hub.test', '--key', 'niaj', '--once']);
    expect(r.code, r.stderr).to.equal(0);
    const submit = c.hub.submitted[0]!;
    expect(submit.body).to.deep.include({ module: 'anchor', command: 'submit' });
    expect(submitParams.decode(submit.body.params).aggregate.certificate.height).to.equal(150);
    expect(r.stdout).to.match(/relayer info: anchored region height 150 in Hub block \d+/);
  });

  it('runs rounds until interrupted; a round that fails is logged on stderr and exits 1 with --once', async () => {
    const c = chains();
    c.region.getRoutes.set('/anchors', () => regionAnchors({ certificates: [] }));
    let rounds = 0;
    const r = await tfr(c, ['relayer', '--region-rpc', 'http://region.test', '--hub-rpc', 'http://hub.test', '--key', 'niaj', '--poll', '5', '--json'], {
      onInterrupt: (handler) => {
        const t = setInterval(() => {
          if (c.region.requests.filter((q) => q.url.pathname === '/anchors').length >= 3) {
            rounds = 3;
            handler();
          }
        }, 2);
        return () => clearInterval(t);
      },
    });
    expect(r.code, r.stderr).to.equal(0);
    expect(rounds).to.equal(3);
    const logs = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { level: string; message: string });
    expect(logs[0]!.message).to.match(/^relaying between http:\/\/region\.test/);
    expect(logs.at(-1)!.message).to.equal('stopped');
    c.region.down = true;
    const failed = await tfr(c, ['relayer', '--region-rpc', 'http://region.test', '--hub-rpc', 'http://hub.test', '--key', 'niaj', '--once']);
    expect(failed.code).to.equal(1);
    expect(failed.stderr).to.match(/relayer warn: read failed: RPC_UNREACHABLE/);
    const bad = await tfr(c, ['relayer', '--region-rpc', 'ftp://x', '--key', 'niaj', '--once']);
    expect(bad.code).to.equal(2);
    expect(bad.stderr).to.contain('--region-rpc wants an http:// or https:// URL');
  });
});
