import { expect } from 'chai';
import { toHex } from '../../../chain/codec/bytes.ts';
import { executeBlock } from '../../../chain/execution/execute-block.ts';
import { capacityUnits } from '../../../dao/farming/capacity-units.ts';
import { FARMING_STORE_PREFIX } from '../../../dao/farming/farming-types.ts';
import { readFarm, readNode, readNodeIdByKey } from '../../../dao/farming/farming-queries.ts';
import { farmWeightBefore, totalWeightBefore } from '../../../dao/farming/weight-history.ts';
import { commitFor, MIN_FEE, type TestChain } from '../../fixtures/test-chain.ts';
import {
  addressOf,
  farmingGenesis,
  farmingJson,
  farmJson,
  farmingTx,
  GIB,
  hrpAddress,
  MACHINE,
  nodeKey,
  openFarmingChain,
  regionalOf,
  registrationSignature,
  testKey,
  TIB,
} from '../../fixtures/farming-chain.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const carol = testKey('carol');
const MACHINE_WEIGHT = 2 * 7750 + 7509;

/**
 * Applies a block with one tx that must fail with `code`: the block's changes touch no farming
 * key (only the sender's fee and nonce and the treasury move).
 */
async function expectFailed(chain: TestChain, tx: Uint8Array, code: string): Promise<void> {
  // Block 1 always writes the open period's start time; test in a later block.
  if (chain.store.tip().height === 0) await chain.apply([]);
  const block = chain.next([tx]);
  const h = block.header;
  const ex = await executeBlock(chain.ctx, chain.store.state, { chainId: h.chainId, height: h.height, time: h.time }, block.txs);
  expect(ex.txResults[0]?.code).to.equal(code);
  expect(ex.changes.filter((c) => c.key[0] === FARMING_STORE_PREFIX).map((c) => toHex(c.key))).to.deep.equal([]);
  const applied = await chain.applyWithCommit(block, commitFor(block));
  expect(applied.results.txs[0]?.code).to.equal(code);
}

describe('farming: commands', () => {
  let chain: TestChain;
  const nonces = new Map<string, number>();
  const n = (k: { publicKey: Uint8Array }) => {
    const v = nonces.get(toHex(k.publicKey)) ?? 0;
    nonces.set(toHex(k.publicKey), v + 1);
    return { nonce: v };
  };

  beforeEach(async () => {
    nonces.clear();
    // Genesis: farm 1 "carol-farm" with node 1, certified; periods long enough to stay out of the way.
    const carolFarm = farmJson('carol-farm', carol, [1]);
    (carolFarm['nodes'] as Array<Record<string, unknown>>)[0]!['certification'] = 'certified';
    chain = await openFarmingChain(farmingGenesis(farmingJson([carolFarm], 1000)));
  });

  it('create-farm: the sender owns it, payout defaults to the owner, the name is indexed', async () => {
    const applied = await chain.apply([farmingTx.createFarm(alice, 'alice-farm', null, n(alice)), farmingTx.createFarm(bob, 'bob.farm_2', addressOf(carol), n(bob))]);
    expect(applied.results.txs.map((r) => r.code)).to.deep.equal(['OK', 'OK']);
    const f2 = (await readFarm(chain.store.state, 2))!;
    expect(f2).to.deep.include({ id: 2, name: 'alice-farm', certification: 'notCertified', attachment: null, nodeIds: [], weightMilli: 0 });
    expect(toHex(f2.owner)).to.equal(toHex(addressOf(alice)));
    expect(toHex(f2.payout)).to.equal(toHex(addressOf(alice)));
    expect(toHex((await readFarm(chain.store.state, 3))!.payout)).to.equal(toHex(addressOf(carol)));
    const ev = applied.results.txs[1]!.events.find((e) => e.module === 'farming')!;
    expect(ev.name).to.equal('farm-created');
    expect(ev.data).to.deep.equal({ farmId: 3, name: 'bob.farm_2', owner: hrpAddress(bob), payout: hrpAddress(carol) });
  });

  it('create-farm: a taken name (also a genesis one) is DAO_FARM_NAME_TAKEN, fee charged, nothing else', async () => {
    await chain.apply([farmingTx.createFarm(alice, 'alice-farm', null, n(alice))]);
    const before = await regionalOf(chain, addressOf(bob));
    await expectFailed(chain, farmingTx.createFarm(bob, 'alice-farm', null, n(bob)), 'DAO_FARM_NAME_TAKEN');
    await expectFailed(chain, farmingTx.createFarm(bob, 'carol-farm', null, n(bob)), 'DAO_FARM_NAME_TAKEN');
    expect((await regionalOf(chain, addressOf(bob))).toString()).to.equal(before.sub(MIN_FEE.muln(2)).toString());
    expect(await readFarm(chain.store.state, 3)).to.equal(undefined);
  });

  it('create-farm: a bad name is an invalid tx (DAO_BAD_NAME)', () => {
    const decode = chain.ctx.registry.resolve('farming', 'create-farm').command.decodeParams;
    expect(() => decode(['no spaces', null])).to.throw().with.property('code', 'DAO_BAD_NAME');
    expect(() => decode(['', null])).to.throw().with.property('code', 'DAO_BAD_NAME');
  });

  it('set-farm-payout: the owner only', async () => {
    await expectFailed(chain, farmingTx.setPayout(alice, 1, addressOf(alice), n(alice)), 'DAO_NOT_FARM_OWNER');
    await expectFailed(chain, farmingTx.setPayout(alice, 9, addressOf(alice), n(alice)), 'DAO_FARM_NOT_FOUND');
    const applied = await chain.apply([farmingTx.setPayout(carol, 1, addressOf(bob), n(carol))]);
    expect(applied.results.txs[0]!.code).to.equal('OK');
    expect(toHex((await readFarm(chain.store.state, 1))!.payout)).to.equal(toHex(addressOf(bob)));
  });

  it('add-node: registers the node, its units and the farm weight, checkpointed at its height', async () => {
    await chain.apply([farmingTx.createFarm(alice, 'alice-farm', null, n(alice))]);
    const applied = await chain.apply([farmingTx.addNode(alice, 2, nodeKey(2), { ...n(alice), publicIps: 2 })]);
    const h = chain.store.tip().height;
    expect(applied.results.txs[0]!.code).to.equal('OK');
    const node = (await readNode(chain.store.state, 2))!;
    expect(node).to.deep.include({ id: 2, farmId: 2, publicIps: 2, certification: 'diy', units: { cuMilli: 7750, suMilli: 7509 } });
    expect(node.uptime).to.deep.equal({ lastReportTime: chain.store.tip().time, lastUptime: 0, period: 0, creditedSeconds: 0, nuBytes: 0 });
    expect(await readNodeIdByKey(chain.store.state, nodeKey(2).publicKey)).to.equal(2);
    const farm = (await readFarm(chain.store.state, 2))!;
    expect(farm.nodeIds).to.deep.equal([2]);
    expect(farm.weightMilli).to.equal(MACHINE_WEIGHT);
    expect(await farmWeightBefore(chain.store.state, 2, h)).to.equal(0);
    expect(await farmWeightBefore(chain.store.state, 2, h + 1)).to.equal(MACHINE_WEIGHT);
    expect(await totalWeightBefore(chain.store.state, h)).to.equal(MACHINE_WEIGHT); // carol's genesis node
    expect(await totalWeightBefore(chain.store.state, h + 1)).to.equal(2 * MACHINE_WEIGHT);
    const ev = applied.results.txs[0]!.events.find((e) => e.module === 'farming')!;
    expect(ev.data).to.deep.equal({ nodeId: 2, farmId: 2, nodeKey: toHex(nodeKey(2).publicKey), cuMilli: 7750, suMilli: 7509, publicIps: 2 });
  });

  it('add-node: wrong node signature, non-owner, taken key, unknown farm: each its code, nothing changed', async () => {
    await chain.apply([farmingTx.createFarm(alice, 'alice-farm', null, n(alice))]);
    const wrongFarm = registrationSignature(nodeKey(2), 1, addressOf(alice));
    await expectFailed(chain, farmingTx.addNode(alice, 2, nodeKey(2), { ...n(alice), signature: wrongFarm }), 'DAO_BAD_NODE_SIGNATURE');
    const byOtherKey = registrationSignature(nodeKey(3), 2, addressOf(alice));
    await expectFailed(chain, farmingTx.addNode(alice, 2, nodeKey(2), { ...n(alice), signature: byOtherKey }), 'DAO_BAD_NODE_SIGNATURE');
    const otherChain = registrationSignature(nodeKey(2), 2, addressOf(alice), 'tfr-other-1');
    await expectFailed(chain, farmingTx.addNode(alice, 2, nodeKey(2), { ...n(alice), signature: otherChain }), 'DAO_BAD_NODE_SIGNATURE');
    // bob holds a valid consent for alice's farm, but is not its owner
    await expectFailed(chain, farmingTx.addNode(bob, 2, nodeKey(2), { ...n(bob), signature: registrationSignature(nodeKey(2), 2, addressOf(alice)) }), 'DAO_NOT_FARM_OWNER');
    await expectFailed(chain, farmingTx.addNode(alice, 2, nodeKey(1), n(alice)), 'DAO_NODE_KEY_TAKEN');
    await expectFailed(chain, farmingTx.addNode(alice, 7, nodeKey(2), n(alice)), 'DAO_FARM_NOT_FOUND');
    expect(await readNode(chain.store.state, 2)).to.equal(undefined);
    expect((await readFarm(chain.store.state, 2))!.nodeIds).to.deep.equal([]);
  });

  it('update-node: by the node key; a certified node moving >1% falls back to diy, within 1% it stays', async () => {
    const k1 = nodeKey(1);
    // 200 MiB more memory: CU 7750 -> 7798 (+0.62%)
    const small = { ...MACHINE, mru: 32 * GIB + 200 * 2 ** 20 };
    let applied = await chain.apply([farmingTx.updateNode(k1, 1, small, 1, n(k1))]);
    expect(applied.results.txs[0]!.code).to.equal('OK');
    let node = (await readNode(chain.store.state, 1))!;
    expect(node).to.deep.include({ certification: 'certified', units: { cuMilli: 7798, suMilli: 7509 } });
    expect((await readFarm(chain.store.state, 1))!.weightMilli).to.equal(2 * 7798 + 7509);
    // 1 TiB less HDD: SU 7509 -> 6656 (-11%)
    applied = await chain.apply([farmingTx.updateNode(k1, 1, { ...small, hru: 3 * TIB }, 0, n(k1))]);
    node = (await readNode(chain.store.state, 1))!;
    expect(node).to.deep.include({ certification: 'diy', publicIps: 0, units: capacityUnits({ ...small, hru: 3 * TIB }) });
    expect(node.units.suMilli).to.equal(6656);
    expect(applied.results.txs[0]!.events.filter((e) => e.module === 'farming').map((e) => e.name)).to.deep.equal(['node-updated', 'node-decertified']);
    expect((await readFarm(chain.store.state, 1))!.weightMilli).to.equal(2 * 7798 + 6656);
  });

  it('update-node and report-uptime: another key is DAO_NOT_NODE_KEY, an unknown node DAO_NODE_NOT_FOUND', async () => {
    await expectFailed(chain, farmingTx.updateNode(carol, 1, MACHINE, 1, n(carol)), 'DAO_NOT_NODE_KEY');
    await expectFailed(chain, farmingTx.updateNode(nodeKey(2), 1, MACHINE, 1, n(nodeKey(2))), 'DAO_NOT_NODE_KEY');
    await expectFailed(chain, farmingTx.report(carol, 1, 100, 0, n(carol)), 'DAO_NOT_NODE_KEY');
    await expectFailed(chain, farmingTx.report(nodeKey(2), 1, 100, 0, n(nodeKey(2))), 'DAO_NOT_NODE_KEY');
    await expectFailed(chain, farmingTx.report(nodeKey(1), 5, 100, 0, n(nodeKey(1))), 'DAO_NODE_NOT_FOUND');
    expect((await readNode(chain.store.state, 1))!.uptime.lastReportTime).to.equal(0);
  });

  it('report-uptime: credits at most the time since the period start, then the uptime gained', async () => {
    const k1 = nodeKey(1);
    await chain.apply([]);
    await chain.apply([]); // height 2: the period started with block 1, 1 s ago
    let applied = await chain.apply([farmingTx.report(k1, 1, 86_400, 4_000_000_000, n(k1))]); // height 3
    expect(applied.results.txs[0]!.events.find((e) => e.module === 'farming')!.data).to.deep.equal({ nodeId: 1, period: 0, credited: 2, creditedSeconds: 2 });
    applied = await chain.apply([farmingTx.report(k1, 1, 86_401, 1_000_000_000, n(k1))]);
    expect((await readNode(chain.store.state, 1))!.uptime).to.deep.equal({ lastReportTime: chain.store.tip().time, lastUptime: 86_401, period: 0, creditedSeconds: 3, nuBytes: 5_000_000_000 });
  });

  it('report-uptime: a node added mid-period is not credited for time before its registration', async () => {
    await chain.apply([farmingTx.createFarm(alice, 'alice-farm', null, n(alice))]);
    for (let i = 0; i < 5; i++) await chain.apply([]);
    await chain.apply([farmingTx.addNode(alice, 2, nodeKey(2), n(alice))]);
    await chain.apply([]);
    const k2 = nodeKey(2);
    await chain.apply([farmingTx.report(k2, 2, 1_000_000, 0, n(k2))]);
    expect((await readNode(chain.store.state, 2))!.uptime.creditedSeconds).to.equal(2);
  });

  it('rejects out-of-range resources and reports statelessly (DAO_BAD_RESOURCES, DAO_BAD_UPTIME)', () => {
    const decode = (c: string, p: unknown) => chain.ctx.registry.resolve('farming', c).command.decodeParams(p as never);
    const sig = new Uint8Array(64);
    const key = new Uint8Array(32);
    expect(() => decode('add-node', [1, key, 0, GIB, GIB, GIB, 0, sig])).to.throw().with.property('code', 'DAO_BAD_RESOURCES');
    expect(() => decode('add-node', [1, key, 4, 2 ** 51, GIB, GIB, 0, sig])).to.throw().with.property('code', 'DAO_BAD_RESOURCES');
    expect(() => decode('update-node', [1, 4, GIB, GIB, GIB, 257])).to.throw().with.property('code', 'DAO_BAD_RESOURCES');
    expect(() => decode('report-uptime', [1, -1, 0])).to.throw().with.property('code', 'DAO_BAD_UPTIME');
    expect(() => decode('report-uptime', [0, 1, 0])).to.throw().with.property('code', 'CODEC_WRONG_TYPE');
  });
});
