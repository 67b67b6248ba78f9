/**
 * The DAO on a real chain (ledger, pool, farming, DAO): proposals that pass and take effect, a
 * veto that burns, the weight snapshot, and every refusal with its code and no effect.
 * Weights: each node is 8 cores / 32 GiB / 1 TiB SSD / 4 TiB HDD: CU 7.750, SU 7.509, so
 * 2*CU + SU = 23,009 milli; alice's farm has 2 nodes (46,018), bob's and carol's 1 each, dave's none.
 */
import { expect } from 'chai';
import BN from 'bn.js';
import { getPool } from '../../../defi/pool-state.ts';
import { listProposals, readDaoConfig } from '../../../dao/governance/dao-queries.ts';
import { DEPOSITS } from '../../../dao/governance/dao-accounts.ts';
import { listPolicies, readPeriodRewards } from '../../../dao/farming/farming-queries.ts';
import { encodeAddNode, nodeRegistrationBytes } from '../../../dao/farming/farming-params.ts';
import type { PolicyFields } from '../../../dao/farming/farming-types.ts';
import { signEd25519 } from '../../../chain/crypto/ed25519-sign.ts';
import { moduleAccountAddress, TREASURY_ACCOUNT } from '../../../chain/ledger/module-accounts.ts';
import { CHAIN_ID, MIN_FEE, addressOf, testKey } from '../../fixtures/test-chain.ts';
import { DaoChain, daoGenesis, DIY_POLICY, MIN_DEPOSIT, NODE_SPEC, PERIOD_BLOCKS } from '../../fixtures/dao-chain.ts';

const NODE_WEIGHT = 23_009;
const ALICE_FARM = 1;
const BOB_FARM = 2;
const CAROL_FARM = 3;
const DAVE_FARM = 4;

function policy(o: Partial<PolicyFields> = {}): PolicyFields {
  return { ...DIY_POLICY, cu: new BN(DIY_POLICY.cu), su: new BN(DIY_POLICY.su), nu: new BN(0), ipv4: new BN(0), nodeCertification: 'diy', farmCertification: 'notCertified', ...o };
}

/** What the chain keeps of a refused tx: only its fee and nonce. */
async function expectRefused(d: DaoChain, name: string, tx: Uint8Array, code: string): Promise<void> {
  const before = { balance: await d.balance(name), proposals: JSON.stringify(await listProposals(d.state)), deposits: await d.balance(DEPOSITS) };
  const applied = await d.apply([tx]);
  expect(applied.results.txs[0]?.code).to.equal(code);
  expect((await d.balance(name)).toString()).to.equal(before.balance.sub(MIN_FEE).toString());
  expect(JSON.stringify(await listProposals(d.state))).to.equal(before.proposals);
  expect((await d.balance(DEPOSITS)).toString()).to.equal(before.deposits.toString());
}

function codes(applied: { results: { txs: readonly { code: string }[] } }): string[] {
  return applied.results.txs.map((t) => t.code);
}

describe('DAO scenarios', function () {
  this.timeout(60_000);

  it('a policy proposal passes at its end height and the next period pays by the new policy', async () => {
    const d = await DaoChain.open();
    await d.runTo(PERIOD_BLOCKS, true); // period 0 under the genesis DIY policy
    const p0 = await readPeriodRewards(d.state, 0);
    // Per node at full uptime: floor((7750 * 24e6 + 7509 * 10e6) * 1000 / 1e6) = 261,090,000.
    expect(p0?.summary.minted.toString()).to.equal(new BN(261_090_000).muln(4).toString());

    const doubled = policy({ cu: new BN(48_000_000) });
    expect(codes(await d.apply([d.propose('erin', { actions: [{ kind: 'update-policy', policyId: 1, policy: doubled }] }), ...d.uptimeReports()]))).to.deep.equal(['OK', 'OK', 'OK', 'OK', 'OK']);
    const created = await d.proposal(1);
    expect(created).to.include({ status: 'open', createdHeight: 11, endHeight: 16, totalWeight: 4 * NODE_WEIGHT });
    expect(codes(await d.apply([d.vote('alice', 1, ALICE_FARM, 'yes'), d.vote('bob', 1, BOB_FARM, 'no'), ...d.uptimeReports()]))).to.deep.equal(['OK', 'OK', 'OK', 'OK', 'OK', 'OK']);
    await d.runTo(15, true);
    expect((await d.proposal(1)).status).to.equal('open');
    const closing = await d.chain.apply(d.uptimeReports()); // block 16: the end height
    const closed = closing.results.blockEvents.find((e) => e.module === 'dao' && e.name === 'closed');
    expect(closed?.data).to.include({ id: 1, status: 'passed', yes: 2 * NODE_WEIGHT, no: NODE_WEIGHT });
    expect((await d.proposal(1)).status).to.equal('passed');
    const policies = await listPolicies(d.state);
    expect(policies[0]).to.include({ id: 1, version: 2 });
    expect(policies[0]?.cu.toString()).to.equal('48000000');

    await d.runTo(2 * PERIOD_BLOCKS, true);
    const p1 = await readPeriodRewards(d.state, 1);
    // floor((7750 * 48e6 + 7509 * 10e6) * 1000 / 1e6) = 447,090,000 per node.
    expect(p1?.summary.minted.toString()).to.equal(new BN(447_090_000).muln(4).toString());
    expect(p1?.farms.find((f) => f.farmId === ALICE_FARM)?.amount.toString()).to.equal(new BN(447_090_000).muln(2).toString());
    // The deposit came back to the proposer.
    expect((await d.balance(DEPOSITS)).isZero()).to.equal(true);
  });

  it('a vetoed proposal burns its deposit', async () => {
    const d = await DaoChain.open();
    const start = await d.balance('erin');
    await d.apply([d.propose('erin', { title: 'spam' })]);
    await d.apply([d.vote('alice', 1, ALICE_FARM, 'veto'), d.vote('bob', 1, BOB_FARM, 'yes')]);
    await d.runTo(6);
    const p = await d.proposal(1);
    expect(p.status).to.equal('vetoed');
    expect((await d.balance('erin')).toString()).to.equal(start.sub(MIN_DEPOSIT).sub(MIN_FEE).toString());
    expect((await d.balance(DEPOSITS)).isZero()).to.equal(true);
  });

  it('weight added after the creation does not count; a farm with no nodes then cannot vote', async () => {
    const d = await DaoChain.open();
    await d.apply([d.propose('erin', {})]);
    // Alice adds a third node and dave his first, after the proposal exists.
    const addNode = (owner: string, farmId: number, nodeName: string) =>
      d.tx(owner, 'farming', 'add-node', encodeAddNode({
        farmId,
        nodeKey: testKey(nodeName).publicKey,
        resources: { cru: NODE_SPEC.cru, mru: NODE_SPEC.mru, sru: NODE_SPEC.sru, hru: NODE_SPEC.hru },
        publicIps: 0,
        nodeSignature: signEd25519(testKey(nodeName).secret, nodeRegistrationBytes(CHAIN_ID, farmId, addressOf(testKey(owner)))),
      }));
    expect(codes(await d.apply([addNode('alice', ALICE_FARM, 'node-5'), addNode('dave', DAVE_FARM, 'node-6')]))).to.deep.equal(['OK', 'OK']);
    await expectRefused(d, 'dave', d.vote('dave', 1, DAVE_FARM, 'yes'), 'DAO_NO_WEIGHT');
    expect(codes(await d.apply([d.vote('alice', 1, ALICE_FARM, 'yes')]))).to.deep.equal(['OK']);
    expect((await d.proposal(1)).tally.yes).to.equal(2 * NODE_WEIGHT);
    // A proposal created now sees the new weight.
    await d.apply([d.propose('erin', {})]);
    expect((await d.proposal(2)).totalWeight).to.equal(6 * NODE_WEIGHT);
    expect(codes(await d.apply([d.vote('alice', 2, ALICE_FARM, 'yes'), d.vote('dave', 2, DAVE_FARM, 'no')]))).to.deep.equal(['OK', 'OK']);
    expect((await d.proposal(2)).tally).to.deep.equal({ yes: 3 * NODE_WEIGHT, no: NODE_WEIGHT, abstain: 0, veto: 0 });
  });

  it('a farm that votes again is counted once, with its latest choice', async () => {
    const d = await DaoChain.open();
    await d.apply([d.propose('erin', {})]);
    await d.apply([d.vote('alice', 1, ALICE_FARM, 'yes'), d.vote('alice', 1, ALICE_FARM, 'yes')]);
    expect(await d.proposal(1)).to.deep.include({ voters: 1, tally: { yes: 2 * NODE_WEIGHT, no: 0, abstain: 0, veto: 0 } });
    await d.apply([d.vote('alice', 1, ALICE_FARM, 'no')]);
    expect(await d.proposal(1)).to.deep.include({ voters: 1, tally: { yes: 0, no: 2 * NODE_WEIGHT, abstain: 0, veto: 0 } });
  });

  it('refuses, each with its code and no effect: a late vote, a vote for a farm one does not own, a missing proposal or farm', async () => {
    const d = await DaoChain.open();
    await d.apply([d.propose('erin', {})]);
    await expectRefused(d, 'bob', d.vote('bob', 1, ALICE_FARM, 'yes'), 'DAO_NOT_FARM_OWNER');
    await expectRefused(d, 'bob', d.vote('bob', 9, BOB_FARM, 'yes'), 'DAO_PROPOSAL_NOT_FOUND');
    await expectRefused(d, 'bob', d.vote('bob', 1, 77, 'yes'), 'DAO_FARM_NOT_FOUND');
    await d.runTo(6);
    expect((await d.proposal(1)).status).to.equal('rejected'); // no votes: no quorum
    await expectRefused(d, 'alice', d.vote('alice', 1, ALICE_FARM, 'yes'), 'DAO_VOTING_CLOSED');
  });

  it('refuses proposals below the minimum deposit or period, above the maximum period, or below the floors', async () => {
    const d = await DaoChain.open();
    await expectRefused(d, 'erin', d.propose('erin', { deposit: MIN_DEPOSIT.subn(1) }), 'DAO_DEPOSIT_TOO_LOW');
    await expectRefused(d, 'erin', d.propose('erin', { votingPeriod: 4 }), 'DAO_VOTING_PERIOD');
    await expectRefused(d, 'erin', d.propose('erin', { votingPeriod: 1001 }), 'DAO_VOTING_PERIOD');
    const config = await readDaoConfig(d.state);
    const lower = { ...config!.params, quorum: config!.params.quorum - 1 };
    await expectRefused(d, 'erin', d.propose('erin', { actions: [{ kind: 'set-dao-params', params: lower }] }), 'DAO_BELOW_FLOOR');
    const poorer = { ...config!.params, minDeposit: new BN(1) };
    await expectRefused(d, 'erin', d.propose('erin', { actions: [{ kind: 'set-dao-params', params: poorer }] }), 'DAO_BELOW_FLOOR');
  });

  it('refuses updating an immutable policy and attaching an expired or missing one', async () => {
    const frozen = { ...DIY_POLICY, name: 'frozen', default: false, immutable: true };
    const ending = { ...DIY_POLICY, name: 'ending', default: false, policyEnd: 3 };
    const d = await DaoChain.open(daoGenesis({ farmingJson: { policies: [DIY_POLICY, frozen, ending] } }));
    await expectRefused(d, 'erin', d.propose('erin', { actions: [{ kind: 'update-policy', policyId: 2, policy: policy({ name: 'frozen' }) }] }), 'DAO_POLICY_IMMUTABLE');
    await expectRefused(d, 'erin', d.propose('erin', { actions: [{ kind: 'attach-policy', farmId: ALICE_FARM, policyId: 99, limits: { cuMilli: null, suMilli: null, nodeCount: null, end: null, nodeCertification: false } }] }), 'DAO_POLICY_NOT_FOUND');
    await d.runTo(4);
    await expectRefused(d, 'erin', d.propose('erin', { actions: [{ kind: 'attach-policy', farmId: ALICE_FARM, policyId: 3, limits: { cuMilli: null, suMilli: null, nodeCount: null, end: null, nodeCertification: false } }] }), 'DAO_POLICY_EXPIRED');
    const policies = await listPolicies(d.state);
    expect(policies.map((p) => p.version)).to.deep.equal([1, 1, 1]);
  });

  it('a passed proposal whose action fails at execution is marked failed, with no partial effect and its deposit back', async () => {
    const d = await DaoChain.open();
    const start = await d.balance('erin');
    // #1 makes the DIY policy immutable; #2, created before #1 closes, changes the pool fee then updates that policy.
    await d.apply([d.propose('erin', { actions: [{ kind: 'update-policy', policyId: 1, policy: policy({ immutable: true }) }] })]);
    await d.apply([d.propose('erin', { actions: [{ kind: 'set-pool-fee', feeBps: 50 }, { kind: 'update-policy', policyId: 1, policy: policy({ cu: new BN(1) }) }] })]);
    await d.apply([d.vote('alice', 1, ALICE_FARM, 'yes'), d.vote('alice', 2, ALICE_FARM, 'yes'), d.vote('bob', 2, BOB_FARM, 'yes')]);
    await d.runTo(7);
    expect((await d.proposal(1)).status).to.equal('passed');
    expect(await d.proposal(2)).to.include({ status: 'failed', failCode: 'DAO_POLICY_IMMUTABLE', failedAction: 1 });
    expect((await getPool(d.state))?.feeBps).to.equal(30);
    expect((await listPolicies(d.state))[0]?.cu.toString()).to.equal(DIY_POLICY.cu);
    expect((await d.balance('erin')).toString()).to.equal(start.sub(MIN_FEE.muln(2)).toString());
  });

  it('passes a pool fee change and a treasury spend', async () => {
    const d = await DaoChain.open();
    const treasury = moduleAccountAddress(TREASURY_ACCOUNT);
    // Fees of the first block fund the treasury.
    await d.apply([d.propose('erin', { actions: [{ kind: 'set-pool-fee', feeBps: 10 }, { kind: 'treasury-spend', to: addressOf(testKey('carol')), asset: 'REGIONAL', amount: MIN_FEE }] })]);
    const carol = await d.balance('carol');
    const treasuryBefore = await d.balance(treasury);
    await d.apply([d.vote('alice', 1, ALICE_FARM, 'yes'), d.vote('carol', 1, CAROL_FARM, 'abstain')]);
    await d.runTo(6);
    expect((await d.proposal(1)).status).to.equal('passed');
    expect((await getPool(d.state))?.feeBps).to.equal(10);
    // carol paid one fee for her vote and received MIN_FEE from the treasury.
    expect((await d.balance('carol')).toString()).to.equal(carol.toString());
    expect((await d.balance(treasury)).toString()).to.equal(treasuryBefore.add(MIN_FEE.muln(2)).sub(MIN_FEE).toString());
  });
});
