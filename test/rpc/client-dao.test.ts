/**
 * The SDK's DAO and farming part against the scripted node (fake fetch): the routes and queries of
 * the reads, local checks before anything is sent, the params of the offline builders (decoded
 * with the modules' decoders), the node's consent signature, and the ids read from the events.
 */
import BN from 'bn.js';
import { expect } from 'chai';
import { addressBytesFromPublicKey, addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { verifyEd25519 } from '../../chain/crypto/ed25519-verify.ts';
import { decodeTx } from '../../chain/tx/tx-codec.ts';
import { decodeAddNode, decodeReportUptime, decodeSetFarmPayout, nodeRegistrationBytes } from '../../dao/farming/farming-params.ts';
import { decodePropose } from '../../dao/governance/dao-params.ts';
import { TESTNET_SEED, testAccountKey } from '../../genesis/test-accounts.ts';
import {
  addNode,
  buildAddNode,
  buildPropose,
  buildReportUptime,
  buildSetFarmPayout,
  createClient,
  createFarm,
  propose,
  proposeParams,
  reportUptime,
  vote,
  voteParams,
} from '../../rpc/client/index.ts';
import { nodeKey } from '../fixtures/fake-dao-port.ts';
import { FakeRpcNode } from '../fixtures/fake-rpc-node.ts';

const ALICE = testAccountKey(TESTNET_SEED, 'alice');
const BOB = addressFromPublicKey('fake', testAccountKey(TESTNET_SEED, 'bob').publicKey);
const ENV = { chainId: 'tfr-fake-1', secretKey: ALICE.secret, nonce: 2, fee: '1000', expiry: 90 };

async function rejects(p: Promise<unknown>, code: string): Promise<void> {
  try {
    await p;
  } catch (e) {
    expect((e as { code?: string }).code, String(e)).to.equal(code);
    return;
  }
  expect.fail(`expected ${code}`);
}

describe('rpc/client: DAO and farming', () => {
  it('the reads call their routes with their queries, and check ids before sending', async () => {
    const node = new FakeRpcNode();
    for (const path of ['/dao/params', '/dao/proposals', '/dao/proposals/3', '/farming/policies', '/farming/farms/2', '/farming/nodes/5', '/farming/rewards', '/farming/rewards/0']) node.getRoutes.set(path, () => ({ path }));
    const client = createClient({ url: 'http://n.example', fetch: node.fetch });
    await client.daoParams();
    await client.proposals();
    await client.proposals('open');
    await client.proposal(3);
    await client.proposal(3, { farm: 7 });
    await client.policies();
    await client.farm(2);
    await client.node(5);
    expect(await client.rewards()).to.deep.equal({ path: '/farming/rewards' });
    expect(await client.rewards(0)).to.deep.equal({ path: '/farming/rewards/0' });
    expect(node.requests.map((r) => `${r.url.pathname}${r.url.search}`)).to.deep.equal([
      '/dao/params',
      '/dao/proposals',
      '/dao/proposals?status=open',
      '/dao/proposals/3',
      '/dao/proposals/3?farm=7',
      '/farming/policies',
      '/farming/farms/2',
      '/farming/nodes/5',
      '/farming/rewards',
      '/farming/rewards/0',
    ]);
    const before = node.requests.length;
    expect(() => client.proposal(0)).to.throw(/proposal id must be an integer from 1/);
    expect(() => client.farm(1.5)).to.throw(/farm id/);
    expect(() => client.node(-1)).to.throw(/node id/);
    expect(() => client.rewards(-1)).to.throw(/period/);
    expect(() => client.proposal(1, { farm: 0 })).to.throw(/farm/);
    expect(() => client.proposals('closed' as 'open')).to.throw(/status must be one of open, passed/);
    expect(node.requests.length).to.equal(before);
  });

  it('proposeParams and voteParams apply the chain checks; the builders sign decodable txs', () => {
    const built = buildPropose({ ...ENV, title: 'Spend', votingPeriod: 50, deposit: new BN(500), actions: [{ kind: 'treasury-spend', to: BOB, asset: 'TFT', amount: '9' }, { kind: 'set-pool-fee', feeBps: 10 }], addressPrefix: 'fake' });
    const tx = decodeTx(built.bytes, 65536);
    expect([tx.body.module, tx.body.command, toHex(tx.sender), tx.nonce, tx.expiry]).to.deep.equal(['dao', 'propose', toHex(ALICE.publicKey), 2, 90]);
    const p = decodePropose(tx.body.params);
    expect([p.title, p.description, p.votingPeriod, p.deposit.toString(), p.actions.map((a) => a.kind)]).to.deep.equal(['Spend', '', 50, '500', ['treasury-spend', 'set-pool-fee']]);
    expect(() => proposeParams({ title: '   ', votingPeriod: 5, deposit: '1' })).to.throw(/params\.title: 1\.\.128 characters, not blank/);
    expect(() => proposeParams({ title: 'x', votingPeriod: 5, deposit: '1', actions: Array.from({ length: 17 }, () => ({ kind: 'detach-policy' as const, farmId: 1 })) })).to.throw(/at most 16 actions/);
    expect(() => proposeParams({ title: 'x', votingPeriod: 5, deposit: '1.5' })).to.throw(/deposit/);
    expect(() => proposeParams({ title: 'x', votingPeriod: 5, deposit: '1', actions: [{ kind: 'treasury-spend', to: BOB, asset: 'TFT', amount: '9' }] }, 'other')).to.throw(/actions\[0\]\.to/);
    expect(() => voteParams({ proposalId: 1, farmId: 1, choice: 'maybe' as 'yes' })).to.throw(/choice must be one of yes, no, abstain, veto/);
    expect(() => voteParams({ proposalId: 0, farmId: 1, choice: 'yes' })).to.throw(/proposalId/);

    const payout = decodeTx(buildSetFarmPayout({ ...ENV, farmId: 4, payout: BOB, addressPrefix: 'fake' }).bytes, 65536);
    expect(decodeSetFarmPayout(payout.body.params).farmId).to.equal(4);
    const uptime = decodeTx(buildReportUptime({ ...ENV, secretKey: nodeKey(2).secret, nodeId: 2, uptimeSeconds: 60 }).bytes, 65536);
    expect([toHex(uptime.sender), decodeReportUptime(uptime.body.params)]).to.deep.equal([toHex(nodeKey(2).publicKey), { nodeId: 2, uptimeSeconds: 60, nuBytes: 0 }]);
  });

  it('buildAddNode: the node key consents to the farm and owner of this chain', () => {
    const tx = decodeTx(buildAddNode({ ...ENV, farmId: 3, nodeKey: nodeKey(4), resources: { cru: 2, mru: 2 ** 32, sru: 2 ** 36, hru: 0 } }).bytes, 65536);
    const p = decodeAddNode(tx.body.params);
    expect([p.farmId, toHex(p.nodeKey), p.publicIps]).to.deep.equal([3, toHex(nodeKey(4).publicKey), 0]);
    expect(verifyEd25519(p.nodeKey, nodeRegistrationBytes('tfr-fake-1', 3, addressBytesFromPublicKey(ALICE.publicKey)), p.nodeSignature)).to.equal(true);
    expect(verifyEd25519(p.nodeKey, nodeRegistrationBytes('tfr-other-1', 3, addressBytesFromPublicKey(ALICE.publicKey)), p.nodeSignature)).to.equal(false);
    expect(() => buildAddNode({ ...ENV, farmId: 3, nodeKey: { secret: nodeKey(4).secret, publicKey: nodeKey(5).publicKey }, resources: { cru: 2, mru: 0, sru: 0, hru: 0 } })).to.throw(/publicKey does not belong/);
    expect(() => buildAddNode({ ...ENV, farmId: 3, nodeKey: nodeKey(4).secret, resources: { cru: 0, mru: 0, sru: 0, hru: 0 } })).to.throw(/params\.cru/);
  });

  it('propose, vote, createFarm, addNode and reportUptime submit, wait, and read the ids from the events', async () => {
    const node = new FakeRpcNode();
    const client = createClient({ url: 'http://n.example', fetch: node.fetch });
    node.commitEvents = [
      { module: 'dao', name: 'proposed', data: { id: 9, endHeight: 99 } },
      { module: 'farming', name: 'farm-created', data: { farmId: 5 } },
      { module: 'farming', name: 'node-added', data: { nodeId: 21 } },
    ];
    const p = await propose(client, { secretKey: ALICE.secret, title: 'T', votingPeriod: 10, deposit: '5' });
    expect([p.proposalId, p.endHeight, p.view?.code, p.from]).to.deep.equal([9, 99, 'OK', addressFromPublicKey('fake', ALICE.publicKey)]);
    expect((await createFarm(client, { secretKey: ALICE.secret, name: 'f' })).farmId).to.equal(5);
    const added = await addNode(client, { secretKey: ALICE.secret, farmId: 5, nodeKey: nodeKey(9).secret, resources: { cru: 1, mru: 0, sru: 0, hru: 0 }, publicIps: 1 });
    expect([added.nodeId, added.nodeKey, added.nodeAccount]).to.deep.equal([21, toHex(nodeKey(9).publicKey), addressFromPublicKey('fake', nodeKey(9).publicKey)]);
    expect(verifyEd25519(nodeKey(9).publicKey, nodeRegistrationBytes('tfr-fake-1', 5, addressBytesFromPublicKey(ALICE.publicKey)), decodeAddNode(node.submitted.at(-1)!.body.params).nodeSignature)).to.equal(true);
    const r = await reportUptime(client, { nodeKey: nodeKey(9), nodeId: 21, uptimeSeconds: 100, nuBytes: 7, wait: false });
    expect([r.view, r.from, toHex(node.submitted.at(-1)!.sender)]).to.deep.equal([null, addressFromPublicKey('fake', nodeKey(9).publicKey), toHex(nodeKey(9).publicKey)]);
    node.commitCode = 'DAO_VOTING_CLOSED';
    const v = await vote(client, { secretKey: ALICE.secret, proposalId: 9, farmId: 5, choice: 'no' });
    expect(v.view?.code).to.equal('DAO_VOTING_CLOSED');
    const failed = await propose(client, { secretKey: ALICE.secret, title: 'T', votingPeriod: 10, deposit: '5' });
    expect([failed.proposalId, failed.endHeight]).to.deep.equal([undefined, undefined]);
    await rejects(propose(client, { secretKey: ALICE.secret, title: '', votingPeriod: 10, deposit: '5' }), 'DAO_BAD_PROPOSAL');
    await rejects(createFarm(client, { secretKey: ALICE.secret, name: 'bad name' }), 'DAO_BAD_NAME');
  });
});
