/**
 * GET /proofs/state, GET /anchors, GET /bridge/transfers/:id and the anchored height of GET /status,
 * through `inject` on the whole server over small real chains (test/fixtures/anchor-chain.ts: the
 * records of chain/anchor/ written at their keys, real headers and commits): proofs that verify
 * against the header they come with (also at older heights, for values changed since, in a plain
 * store and in a tfr testnet validator's, whose values live in the process's shared store), absence
 * proofs, the region and Hub views, transfers sent and claimed, and hostile inputs with their codes.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { expect } from 'chai';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { anchorKeys, bridgeKeys } from '../../chain/anchor/anchor-keys.ts';
import { anchorSetHash } from '../../chain/anchor/anchor-set.ts';
import { claimRecordCodec, transferId, transferRecordCodec, type TransferRecord } from '../../chain/anchor/bridge-records.ts';
import { encodeAggregate, type AggregateCertificate } from '../../chain/anchor/certificate.ts';
import { anchoredCertificateCodec, anchorReceiptCodec, forkEvidenceCodec, regionRecordCodec, type RegionRecord } from '../../chain/anchor/hub-records.ts';
import { blockHash, decodeHeader } from '../../chain/block/block-codec.ts';
import { SharedChainData } from '../../chain/block/shared-chain-data.ts';
import { fromHexStrict, toHex } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { decodeCommit } from '../../chain/consensus/message-codec.ts';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { decodeProof } from '../../chain/state/proof-codec.ts';
import { stateValueKey } from '../../chain/state/state-store.ts';
import { verifyProof } from '../../chain/state/verify-proof.ts';
import { AnchorsView, BridgeTransferView, StateProofView } from '../../rpc/api/anchor-schemas.ts';
import { Status } from '../../rpc/api/schemas.ts';
import { anchorPortOf, type AnchorCollectorView } from '../../rpc/server/anchor-port.ts';
import { buildServer } from '../../rpc/server/build-server.ts';
import { amount, HUB_CHAIN, openAnchorChain, OTHER_REGION, REGION_CHAIN, type AnchorChain } from '../fixtures/anchor-chain.ts';
import { expectError } from './rpc-helpers.ts';

const ajv = new Ajv({ strict: false, allErrors: true });
const compiled = new Map<object, ValidateFunction>();
function expectValid(schema: object, body: unknown): void {
  let v = compiled.get(schema);
  if (v === undefined) compiled.set(schema, (v = ajv.compile(schema)));
  expect(v(body), JSON.stringify(v.errors)).to.equal(true);
}

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);
const hex = (s: string): Uint8Array => fromHexStrict(s)!;

function transferRecord(seq: number, o: Partial<TransferRecord> = {}): TransferRecord {
  return { id: transferId(HUB_CHAIN, REGION_CHAIN, seq), source: HUB_CHAIN, destination: REGION_CHAIN, sender: bytes(20, 1), recipient: bytes(20, 2), amount: amount(5), height: 3, ...o };
}

function aggregate(height: number, signers: Uint8Array): AggregateCertificate {
  return { certificate: { chainId: REGION_CHAIN, height, blockHash: bytes(32, height), stateRoot: bytes(32, 0xaa), validatorsHash: bytes(32, 0xbb) }, signers, signature: bytes(96, 7) };
}

function regionRecord(o: Partial<RegionRecord> = {}): RegionRecord {
  return {
    chainId: REGION_CHAIN,
    validators: [
      { blsPublicKey: bytes(48, 1), weight: 1 },
      { blsPublicKey: bytes(48, 2), weight: 1 },
      { blsPublicKey: bytes(48, 3), weight: 1 },
    ],
    threshold: 3,
    lastHeight: 0,
    lastBlockHash: bytes(32, 0),
    lastStateRoot: bytes(32, 0),
    lastHubHeight: 0,
    frozen: false,
    registeredHeight: 0,
    ...o,
  };
}

describe('rpc: anchoring, bridge and state-proof routes', function () {
  this.timeout(30_000);

  async function server(c: AnchorChain, collector?: AnchorCollectorView): Promise<FastifyInstance> {
    const app = buildServer({ node: c.node, rateLimit: false, anchors: anchorPortOf({ genesis: c.node.genesis, store: c.chain.store, ...(collector !== undefined && { collector }) }) });
    await app.ready();
    return app;
  }
  const get = (app: FastifyInstance, url: string): Promise<LightMyRequestResponse> => app.inject({ method: 'GET', url });
  async function ok<T>(app: FastifyInstance, url: string, schema: object): Promise<T> {
    const r = await get(app, url);
    expect(r.statusCode, r.body).to.equal(200);
    expectValid(schema, r.json());
    return r.json() as T;
  }

  describe('GET /proofs/state', () => {
    let c: AnchorChain;
    let app: FastifyInstance;
    const record = transferRecord(0);
    const recordBytes = transferRecordCodec.encode(record);
    const key = bridgeKeys.transfer(record.id);
    let putHeight: number;

    before(async () => {
      c = await openAnchorChain('hub');
      await c.empty();
      putHeight = await c.put([[key, recordBytes]]);
      await c.empty();
      await c.empty();
      app = await server(c);
    });
    after(async () => app.close());

    function checkProof(p: StateProofView, value: Uint8Array | null): void {
      const header = decodeHeader(hex(p.header));
      expect(header.height).to.equal(p.height);
      expect(toHex(header.stateRoot)).to.equal(p.stateRoot);
      const commit = decodeCommit(hex(p.commit));
      expect(commit.height).to.equal(p.height);
      expect(toHex(commit.blockHash)).to.equal(toHex(blockHash(header)));
      expect(commit.signatures.length).to.equal(1);
      expect(p.value).to.equal(value === null ? null : toHex(value));
      expect(verifyProof(header.stateRoot, hex(p.key), value, decodeProof(hex(p.proof))), 'the proof verifies against the header root').to.equal(true);
    }

    it('proves a record against the header of the next block (the state after the block that wrote it)', async () => {
      const p = await ok<StateProofView>(app, `/proofs/state?key=${toHex(key)}&height=${putHeight + 1}`, StateProofView);
      expect(p.key).to.equal(toHex(key));
      checkProof(p, recordBytes);
    });

    it('proves absence against the header of the block that wrote it (its state is the one before)', async () => {
      const p = await ok<StateProofView>(app, `/proofs/state?key=${toHex(key)}&height=${putHeight}`, StateProofView);
      checkProof(p, null);
    });

    it('defaults to the latest block, takes upper-case hex, and the tip has its stored commit', async () => {
      const p = await ok<StateProofView>(app, `/proofs/state?key=${toHex(key).toUpperCase()}`, StateProofView);
      expect(p.height).to.equal(c.chain.store.tip().height);
      checkProof(p, recordBytes);
    });

    it('an older height proves the value the key had then, after it changed', async () => {
      const changed = transferRecordCodec.encode({ ...record, height: 99 });
      const at = await c.put([[key, changed]]);
      await c.empty();
      const before = await ok<StateProofView>(app, `/proofs/state?key=${toHex(key)}&height=${at}`, StateProofView);
      checkProof(before, recordBytes);
      const after = await ok<StateProofView>(app, `/proofs/state?key=${toHex(key)}&height=${at + 1}`, StateProofView);
      checkProof(after, changed);
    });

    it('hostile inputs: their codes', async () => {
      const tip = c.chain.store.tip().height;
      expectError(await get(app, '/proofs/state'), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, '/proofs/state?key='), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, '/proofs/state?key=zz'), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, '/proofs/state?key=abc'), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, `/proofs/state?key=${'00'.repeat(1025)}`), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, `/proofs/state?key=${toHex(key)}&height=0`), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, `/proofs/state?key=${toHex(key)}&height=-1`), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, `/proofs/state?key=${toHex(key)}&height=1.5`), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, `/proofs/state?key=${toHex(key)}&height=1234567890123456`), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, `/proofs/state?key=${toHex(key)}&height=1&extra=1`), 400, 'RPC_BAD_REQUEST');
      const beyond = await get(app, `/proofs/state?key=${toHex(key)}&height=${tip + 1}`);
      expectError(beyond, 404, 'RPC_BLOCK_NOT_FOUND');
      expect(beyond.json().details).to.deep.equal({ height: tip + 1, tip });
      expectError(await get(app, `/proofs/state?key=${toHex(key)}&height=999999999999999`), 404, 'RPC_BLOCK_NOT_FOUND');
    });

    it('a block whose commit the node does not hold: RPC_COMMIT_NOT_FOUND', async () => {
      const store = c.chain.store;
      const blocks = Object.create(store.blocks) as typeof store.blocks;
      blocks.commit = async () => undefined;
      const node = { ...c.node, store: Object.assign(Object.create(store) as typeof store, { blocks }) };
      const bare = buildServer({ node, rateLimit: false });
      const tip = store.tip().height;
      expectError(await get(bare, `/proofs/state?key=${toHex(key)}&height=${tip}`), 404, 'RPC_COMMIT_NOT_FOUND');
      // Below the tip, the next block's lastCommit is the commit.
      const p = await ok<StateProofView>(bare, `/proofs/state?key=${toHex(key)}&height=${tip - 1}`, StateProofView);
      expect(toHex(decodeCommit(hex(p.commit)).blockHash)).to.equal(toHex(blockHash(decodeHeader(hex(p.header)))));
      await bare.close();
    });

    it('a value that does not match its proof (a damaged store): 500 STATE_CORRUPT, never a wrong answer', async () => {
      const base = anchorPortOf({ genesis: c.node.genesis, store: c.chain.store });
      for (const valueAt of [async () => undefined, async () => Uint8Array.of(1, 2, 3)]) {
        const bare = buildServer({ node: c.node, rateLimit: false, anchors: { ...base, valueAt } });
        expectError(await get(bare, `/proofs/state?key=${toHex(key)}&height=${putHeight + 1}`), 500, 'STATE_CORRUPT');
        await bare.close();
      }
    });
  });

  describe('GET /proofs/state on a validator of tfr testnet (values in the process\'s shared content store)', () => {
    let c: AnchorChain;
    let app: FastifyInstance;
    const record = transferRecord(1);
    const key = bridgeKeys.transfer(record.id);
    const first = transferRecordCodec.encode(record);
    const second = transferRecordCodec.encode({ ...record, height: 77 });
    before(async () => {
      c = await openAnchorChain('hub', { shared: new SharedChainData(new MemoryKvStore()) });
      app = await server(c);
    });
    after(async () => app.close());

    it('a key changed after height n is proven at n + 1 with its old value (and at the tip with the new)', async () => {
      const n = await c.put([[key, first]]);
      await c.empty();
      const m = await c.put([[key, second]]);
      await c.put([[key, null]]);
      await c.empty();
      // Nothing of the state's content is in the validator's own store.
      expect(await c.chain.store.kv.get(stateValueKey(sha256(first)))).to.equal(undefined);
      const check = async (height: number, value: Uint8Array | null): Promise<void> => {
        const p = await ok<StateProofView>(app, `/proofs/state?key=${toHex(key)}&height=${height}`, StateProofView);
        expect(p.value).to.equal(value === null ? null : toHex(value));
        expect(verifyProof(decodeHeader(hex(p.header)).stateRoot, key, value, decodeProof(hex(p.proof)))).to.equal(true);
      };
      await check(n, null);
      await check(n + 1, first);
      await check(m, first);
      await check(m + 1, second);
      await check(m + 2, null);
      await check(c.chain.store.tip().height, null);
    });
  });

  describe('a region', () => {
    let c: AnchorChain;
    let app: FastifyInstance;
    const formed: AggregateCertificate[] = [aggregate(20, Uint8Array.of(0x80)), aggregate(10, Uint8Array.of(0x80))];
    const collector: AnchorCollectorView = { latest: (limit) => formed.slice(0, limit) };
    before(async () => {
      c = await openAnchorChain('region');
      app = await server(c, collector);
    });
    after(async () => app.close());

    it('GET /anchors: interval, certificate set, no receipt yet, the collector\'s aggregates with signers and weight', async () => {
      const a = await ok<AnchorsView>(app, '/anchors', AnchorsView);
      expect(a).to.deep.include({ role: 'region', chainId: REGION_CHAIN, anchorInterval: 10, hubChainId: HUB_CHAIN, receipt: null, anchoredHeight: null, regions: [] });
      expect(a.validatorSet).to.deep.include({ threshold: 1, totalWeight: 1, validators: 1 });
      expect(a.certificates.map((x) => x.height)).to.deep.equal([20, 10]);
      expect(a.certificates[0]).to.deep.include({ chainId: REGION_CHAIN, signers: '80', signerCount: 1, signedWeight: 1, threshold: 1, aggregate: toHex(encodeAggregate(formed[0]!)) });
      const one = await ok<AnchorsView>(app, '/anchors?limit=1', AnchorsView);
      expect(one.certificates.map((x) => x.height)).to.deep.equal([20]);
    });

    it('a receipt in state: /anchors and /status show the anchored height', async () => {
      const s0 = await ok<Status>(app, '/status', Status);
      expect(s0.anchoredHeight).to.equal(null);
      const receipt = { height: 20, blockHash: bytes(32, 20), stateRoot: bytes(32, 0xaa), hubHeight: 7, provenAtHubHeight: 8 };
      await c.put([[bridgeKeys.receipt(), anchorReceiptCodec.encode(receipt)]]);
      const a = await ok<AnchorsView>(app, '/anchors', AnchorsView);
      expect(a.anchoredHeight).to.equal(20);
      expect(a.receipt).to.deep.equal({ height: 20, blockHash: toHex(receipt.blockHash), stateRoot: toHex(receipt.stateRoot), hubHeight: 7, provenAtHubHeight: 8 });
      expect((await ok<Status>(app, '/status', Status)).anchoredHeight).to.equal(20);
    });

    it('GET /bridge/transfers/:id: a claim here is "claimed", a withdrawal sent from here "sent"', async () => {
      const deposit = transferRecord(4);
      const withdrawal = transferRecord(0, { id: transferId(REGION_CHAIN, HUB_CHAIN, 0), source: REGION_CHAIN, destination: HUB_CHAIN, height: 5 });
      const claim = { recipient: bytes(20, 2), amount: amount(5), height: 9 };
      const wBytes = transferRecordCodec.encode(withdrawal);
      await c.put([
        [bridgeKeys.claim(deposit.id), claimRecordCodec.encode(claim)],
        [bridgeKeys.transfer(withdrawal.id), wBytes],
      ]);
      const claimed = await ok<BridgeTransferView>(app, `/bridge/transfers/${toHex(deposit.id).toUpperCase()}`, BridgeTransferView);
      expect(claimed).to.deep.include({ id: toHex(deposit.id), chainId: REGION_CHAIN, status: 'claimed', transfer: null });
      expect(claimed.claim).to.deep.equal({ recipient: toHex(claim.recipient), amount: '50000000', height: 9 });
      const sent = await ok<BridgeTransferView>(app, `/bridge/transfers/${toHex(withdrawal.id)}`, BridgeTransferView);
      expect(sent).to.deep.include({ status: 'sent', claim: null });
      expect(sent.transfer).to.deep.equal({
        source: REGION_CHAIN,
        destination: HUB_CHAIN,
        sender: toHex(withdrawal.sender),
        recipient: toHex(withdrawal.recipient),
        amount: '50000000',
        height: 5,
        key: toHex(bridgeKeys.transfer(withdrawal.id)),
        record: toHex(wBytes),
      });
    });

    it('hostile inputs and unknown transfers: their codes', async () => {
      expectError(await get(app, `/bridge/transfers/${'ab'.repeat(32)}`), 404, 'BRIDGE_UNKNOWN_TRANSFER');
      expectError(await get(app, `/bridge/transfers/${'ab'.repeat(31)}`), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, `/bridge/transfers/${'zz'.repeat(32)}`), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, '/anchors?region=tfr-unit-1'), 400, 'RPC_BAD_REQUEST');
      for (const q of ['limit=0', 'limit=51', 'limit=abc', 'limit=1.5', 'other=1']) expectError(await get(app, `/anchors?${q}`), 400, 'RPC_BAD_REQUEST');
    });
  });

  describe('the Hub', () => {
    let c: AnchorChain;
    let app: FastifyInstance;
    const last = regionRecord({ lastHeight: 30, lastBlockHash: bytes(32, 30), lastStateRoot: bytes(32, 31), lastHubHeight: 12, registeredHeight: 0 });
    const anchored = (h: number) => ({ height: h, blockHash: bytes(32, h), stateRoot: bytes(32, h + 1), validatorsHash: anchorSetHash(last.validators, last.threshold), hubHeight: h / 10 + 2 });
    before(async () => {
      c = await openAnchorChain('hub');
      await c.put([
        [anchorKeys.region(REGION_CHAIN), regionRecordCodec.encode(last)],
        // 20 was skipped by the relayer; 10 and 30 were accepted; a conflicting certificate at 10 is fork evidence.
        [anchorKeys.certificate(REGION_CHAIN, 10), anchoredCertificateCodec.encode(anchored(10))],
        [anchorKeys.certificate(REGION_CHAIN, 30), anchoredCertificateCodec.encode(anchored(30))],
        [anchorKeys.fork(REGION_CHAIN, 10), forkEvidenceCodec.encode({ accepted: anchored(10), conflicting: aggregate(10, Uint8Array.of(0xe0)), hubHeight: 13 })],
      ]);
      app = await server(c);
    });
    after(async () => app.close());

    it('GET /anchors: the registered regions of its genesis with their last certificate and recent ones', async () => {
      const a = await ok<AnchorsView>(app, '/anchors', AnchorsView);
      expect(a).to.deep.include({ role: 'hub', chainId: HUB_CHAIN, hubChainId: HUB_CHAIN, validatorSet: null, receipt: null, anchoredHeight: null, certificates: [] });
      // OTHER_REGION is in the genesis list but has no record: not listed.
      expect(a.regions.map((r) => r.chainId)).to.deep.equal([REGION_CHAIN]);
      const r = a.regions[0]!;
      expect(r).to.deep.include({ lastHeight: 30, lastHubHeight: 12, frozen: false, threshold: 3, validators: 3, totalWeight: 3, lastBlockHash: toHex(bytes(32, 30)), validatorsHash: toHex(anchorSetHash(last.validators, 3)) });
      expect(r.certificates.map((x) => x.height)).to.deep.equal([30, 10]);
      expect(r.certificates[0]).to.deep.equal({ height: 30, blockHash: toHex(bytes(32, 30)), stateRoot: toHex(bytes(32, 31)), validatorsHash: r.validatorsHash, hubHeight: 5 });
      expect(r.forks).to.deep.equal([{ height: 10, acceptedBlockHash: toHex(bytes(32, 10)), conflictingBlockHash: toHex(bytes(32, 10)), hubHeight: 13 }]);
      const limited = await ok<AnchorsView>(app, '/anchors?limit=1', AnchorsView);
      expect(limited.regions[0]!.certificates.map((x) => x.height)).to.deep.equal([30]);
    });

    it('?region= names one region; an unregistered one is ANCHOR_UNKNOWN_REGION', async () => {
      const a = await ok<AnchorsView>(app, `/anchors?region=${REGION_CHAIN}`, AnchorsView);
      expect(a.regions.map((r) => r.chainId)).to.deep.equal([REGION_CHAIN]);
      expectError(await get(app, `/anchors?region=${OTHER_REGION}`), 404, 'ANCHOR_UNKNOWN_REGION');
      expectError(await get(app, '/anchors?region=Not_A_Chain'), 400, 'RPC_BAD_REQUEST');
      expectError(await get(app, `/anchors?region=${'a'.repeat(65)}`), 400, 'RPC_BAD_REQUEST');
    });

    it('the Hub has a bridge: a deposit it recorded is "sent"; /status has no anchored height', async () => {
      const deposit = transferRecord(1);
      const depositBytes = transferRecordCodec.encode(deposit);
      await c.put([[bridgeKeys.transfer(deposit.id), depositBytes]]);
      const t = await ok<BridgeTransferView>(app, `/bridge/transfers/${toHex(deposit.id)}`, BridgeTransferView);
      expect(t.status).to.equal('sent');
      expect(t.transfer?.record).to.equal(toHex(depositBytes));
      expect(sha256(hex(t.transfer!.record)).length).to.equal(32);
      expect((await ok<Status>(app, '/status', Status)).anchoredHeight).to.equal(null);
    });

    it('the routes are in /openapi.json', async () => {
      const doc = (await get(app, '/openapi.json')).json() as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).to.include.members(['/anchors', '/bridge/transfers/{id}', '/proofs/state']);
    });
  });

  describe('a chain without a bridge', () => {
    it('GET /bridge/transfers/:id is BRIDGE_NOT_CONFIGURED; /anchors still shows the region side', async () => {
      const c = await openAnchorChain('plain');
      const app = await server(c);
      expectError(await get(app, `/bridge/transfers/${'ab'.repeat(32)}`), 404, 'BRIDGE_NOT_CONFIGURED');
      const a = await ok<AnchorsView>(app, '/anchors', AnchorsView);
      expect(a).to.deep.include({ role: 'region', hubChainId: null, certificates: [] });
      await app.close();
    });
  });
});
