import { expect } from 'chai';
import { MAX_AMOUNT } from '../../../chain/amount.ts';
import { toHex } from '../../../chain/codec/bytes.ts';
import type { Block } from '../../../chain/block/block.ts';
import { TEST_POLICIES } from '../../../dao/farming/test-farms.ts';
import { readCurrentPeriod, readNode, readPeriodRewards } from '../../../dao/farming/farming-queries.ts';
import { GENESIS_TIME, type TestChain } from '../../fixtures/test-chain.ts';
import { addressOf, farmingGenesis, farmingJson, farmJson, farmingTx, hrpAddress, nodeKey, openFarmingChain, regionalOf, testKey } from '../../fixtures/farming-chain.ts';

const alice = testKey('alice');
const bob = testKey('bob');
const carol = testKey('carol');
const k1 = nodeKey(1);
const k2 = nodeKey(2);
const G = GENESIS_TIME;
const TWO_HOURS = 7_200_000;
const at = (time: number) => (b: Block): Block => ({ ...b, header: { ...b.header, time } });

// Node 1 (8 cores, 32 GiB, 1 TiB SSD, 4 TiB HDD, 1 IP: CU 7.750, SU 7.509) on the diy policy
// (cu 24,000,000, su 10,000,000, nu 300,000, ipv4 50,000, minimal uptime 950) up the whole period:
//   capacity (7750 * 24e6 + 7509 * 1e7) * 1000 / 1e6 = 261,090,000
//   traffic  floor(5e9 / 1e9) * 300,000              =   1,500,000
//   IPv4     floor(1 * 7199 / 3600) * 50,000          =      50,000
// (the period starts with block 1 at G+1s, so "the whole period" is 7199 s)
const NODE1_REWARD = '262640000';

describe('farming: a period closes and mints the rewards', () => {
  let chain: TestChain;
  beforeEach(async () => {
    // Period of 4 blocks. Farm 1 (alice, paid to carol) has node 1; farm 2 (bob) has node 2.
    const farms = [farmJson('alice-farm', alice, [1], { payout: hrpAddress(carol) }), farmJson('bob-farm', bob, [2])];
    chain = await openFarmingChain(farmingGenesis(farmingJson(farms, 4)));
  });

  it('pays the hand-computed amount to the payout account, stores the summary and rewards, opens the next period', async () => {
    expect(await readCurrentPeriod(chain.store.state)).to.deep.equal({ period: 0, startHeight: 1, startTime: G, endHeight: 4, periodBlocks: 4 });
    const carolBefore = await regionalOf(chain, addressOf(carol));
    const bobBefore = await regionalOf(chain, addressOf(bob));
    // h1 (G+1s) starts period 0: node 1 claims 500 s but no time has passed; node 2 reports once and goes quiet.
    await chain.apply([farmingTx.report(k1, 1, 500, 2_000_000_000, { nonce: 0 }), farmingTx.report(k2, 2, 1, 0, { nonce: 0 })]);
    expect((await readCurrentPeriod(chain.store.state))?.startTime).to.equal(G + 1000);
    await chain.apply([farmingTx.report(k1, 1, 501, 3_000_000_000, { nonce: 1 })]); // h2 (G+2s): +1 s
    const h3 = await chain.apply([]);
    expect(h3.results.blockEvents).to.deep.equal([]);
    // h4 closes the period two hours after genesis; node 1 reports the 7198 s since its last report.
    const closing = await chain.apply([farmingTx.report(k1, 1, 501 + 7198, 0, { nonce: 2 })], at(G + TWO_HOURS));
    expect(closing.results.txs[0]!.code).to.equal('OK');
    expect((await readNode(chain.store.state, 1))!.uptime.creditedSeconds).to.equal(7199);

    expect((await regionalOf(chain, addressOf(carol))).sub(carolBefore).toString()).to.equal(NODE1_REWARD);
    expect((await regionalOf(chain, addressOf(bob))).toString()).to.equal(bobBefore.toString());
    expect(closing.results.blockEvents.map((e) => ({ module: e.module, name: e.name, data: e.data }))).to.deep.equal([
      { module: 'farming', name: 'reward', data: { period: 0, farmId: 1, payout: hrpAddress(carol), amount: NODE1_REWARD, nodes: 1 } },
      { module: 'farming', name: 'period-closed', data: { period: 0, minted: NODE1_REWARD, nodesPaid: 1, nodesBelowUptime: 1 } },
    ]);

    const rewards = (await readPeriodRewards(chain.store.state, 0))!;
    expect({ ...rewards.summary, minted: rewards.summary.minted.toString() }).to.deep.equal({
      period: 0,
      endHeight: 4,
      startTime: G + 1000,
      endTime: G + TWO_HOURS,
      minted: NODE1_REWARD,
      nodesPaid: 1,
      nodesBelowUptime: 1,
    });
    const plain = rewards.farms.map((f) => ({ farmId: f.farmId, payout: toHex(f.payout), amount: f.amount.toString(), nodes: f.nodes.map((x) => ({ ...x, amount: x.amount.toString() })) }));
    expect(plain).to.deep.equal([
      { farmId: 1, payout: toHex(addressOf(carol)), amount: NODE1_REWARD, nodes: [{ nodeId: 1, policyId: 1, uptimePermille: 1000, amount: NODE1_REWARD }] },
      // 1 s of 7200: 0 permille, below the minimal uptime
      { farmId: 2, payout: toHex(addressOf(bob)), amount: '0', nodes: [{ nodeId: 2, policyId: 1, uptimePermille: 0, amount: '0' }] },
    ]);
    expect(await readPeriodRewards(chain.store.state, 1)).to.equal(undefined);
    expect(await readCurrentPeriod(chain.store.state)).to.deep.equal({ period: 1, startHeight: 5, startTime: G + TWO_HOURS, endHeight: 8, periodBlocks: 4 });
  });

  it('the next period starts from zero: old counters are not paid again, reports restart them', async () => {
    await chain.apply([farmingTx.report(k1, 1, 1, 0, { nonce: 0 })]);
    await chain.apply([]);
    await chain.apply([]);
    await chain.apply([farmingTx.report(k1, 1, 4, 9_000_000_000, { nonce: 1 })]); // h4: 4 s of 4, closes period 0
    expect((await readPeriodRewards(chain.store.state, 0))!.summary.nodesPaid).to.equal(1);
    const payoutBefore = (await regionalOf(chain, addressOf(carol))).toString();
    await chain.apply([farmingTx.report(k1, 1, 5, 1, { nonce: 2 })]); // h5: 1 s into period 1
    expect((await readNode(chain.store.state, 1))!.uptime).to.deep.include({ period: 1, creditedSeconds: 1, nuBytes: 1 });
    await chain.apply([]);
    await chain.apply([]);
    const closing = await chain.apply([]); // h8: node 1 credited 1 s of 4 = 250 permille
    const closed = closing.results.blockEvents.find((e) => e.name === 'period-closed')!;
    expect(closed.data).to.deep.equal({ period: 1, minted: '0', nodesPaid: 0, nodesBelowUptime: 2 });
    expect((await regionalOf(chain, addressOf(carol))).toString()).to.equal(payoutBefore);
    const farms = (await readPeriodRewards(chain.store.state, 1))!.farms;
    expect(farms.map((f) => f.nodes.map((x) => x.uptimePermille))).to.deep.equal([[250], [0]]);
  });

  it("an attached policy pays at its own rates (certified: 30,000,000 / 12,500,000 / 380,000 / 60,000)", async () => {
    const farms = [farmJson('alice-farm', alice, [1], { policy: { policyId: 2, nodeCount: 1 } })];
    chain = await openFarmingChain(farmingGenesis(farmingJson(farms, 4)));
    const before = await regionalOf(chain, addressOf(alice));
    for (let i = 0; i < 3; i++) await chain.apply([]);
    await chain.apply([farmingTx.report(k1, 1, 7200, 5_000_000_000, { nonce: 0 })], at(G + TWO_HOURS));
    // 7199 s of the 7199 s since block 1: (7750 * 30e6 + 7509 * 12.5e6) / 1000 + 5 * 380,000 + floor(7199 / 3600) * 60,000
    expect((await regionalOf(chain, addressOf(alice))).sub(before).toString()).to.equal(String(326_362_500 + 1_900_000 + 60_000));
    expect((await readPeriodRewards(chain.store.state, 0))!.farms[0]!.nodes[0]!.policyId).to.equal(2);
  });

  it('a reward that cannot be credited (above 2^128 - 1) is not paid, and the period still closes', async () => {
    const absurd = { ...TEST_POLICIES[0]!, cu: MAX_AMOUNT.toString() };
    chain = await openFarmingChain(farmingGenesis(farmingJson([farmJson('alice-farm', alice, [1])], 4, [absurd])));
    const before = await regionalOf(chain, addressOf(alice));
    for (let i = 0; i < 3; i++) await chain.apply([]);
    const closing = await chain.apply([farmingTx.report(k1, 1, 7200, 0, { nonce: 0 })], at(G + TWO_HOURS));
    expect(closing.results.blockEvents.map((e) => e.name)).to.deep.equal(['reward-failed', 'period-closed']);
    expect(closing.results.blockEvents[0]!.data).to.deep.include({ period: 0, farmId: 1, code: 'LEDGER_BALANCE_OVERFLOW' });
    expect((await regionalOf(chain, addressOf(alice))).toString()).to.equal(before.toString());
    const r = (await readPeriodRewards(chain.store.state, 0))!;
    expect(r.summary.minted.toString()).to.equal('0');
    expect(r.farms[0]!.nodes.map((x) => [x.uptimePermille, x.amount.toString()])).to.deep.equal([[1000, '0']]);
    expect((await readCurrentPeriod(chain.store.state))!.period).to.equal(1);
  });

  it('a chain without a farming section has no period and its blocks close nothing', async () => {
    const bare = await openFarmingChain(farmingGenesis(undefined));
    expect(await readCurrentPeriod(bare.store.state)).to.equal(undefined);
    for (let i = 0; i < 4; i++) expect((await bare.apply([])).results.blockEvents).to.deep.equal([]);
  });
});
