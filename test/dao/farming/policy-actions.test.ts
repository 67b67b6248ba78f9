import { expect } from 'chai';
import BN from 'bn.js';
import { emitterFor, type ChainEvent } from '../../../chain/execution/events.ts';
import { StateOverlay } from '../../../chain/execution/state-overlay.ts';
import { nodePolicyNow, readFarm, readNode, readPolicy } from '../../../dao/farming/farming-queries.ts';
import type { PolicyFields } from '../../../dao/farming/farming-types.ts';
import { TEST_POLICIES } from '../../../dao/farming/test-farms.ts';
import { addPolicy, attachPolicy, detachPolicy, setFarmCertification, setNodeCertification, updatePolicy } from '../../../dao/farming/policy-actions.ts';
import { expectCode } from '../../fixtures/expect-code.ts';
import type { TestChain } from '../../fixtures/test-chain.ts';
import { farmingGenesis, farmingJson, farmJson, openFarmingChain, testKey } from '../../fixtures/farming-chain.ts';

const GOLD: PolicyFields = {
  name: 'gold-special',
  cu: new BN(50_000_000),
  su: new BN(20_000_000),
  nu: new BN(0),
  ipv4: new BN(100_000),
  minimalUptime: 990,
  policyEnd: 0,
  immutable: false,
  default: false,
  nodeCertification: 'diy',
  farmCertification: 'notCertified',
};
const LIMITS = { cuMilli: null, suMilli: null, nodeCount: 5, end: null, nodeCertification: false };

describe('farming: policy actions (what DAO proposals execute)', () => {
  let chain: TestChain;
  let events: ChainEvent[];
  const emit = () => emitterFor('dao', events);
  /** A fresh layer over the committed state: whatever an action writes stays in it. */
  const layer = () => new StateOverlay(chain.store.state);

  beforeEach(async () => {
    events = [];
    // Policies 1 diy and 2 certified (defaults), 3 "frozen" (immutable); farm 1 with nodes 1 and 2.
    const frozen = { ...TEST_POLICIES[0]!, name: 'frozen', immutable: true, default: false };
    chain = await openFarmingChain(farmingGenesis(farmingJson([farmJson('alice-farm', testKey('alice'), [1, 2])], 100, [...TEST_POLICIES, frozen])));
  });

  it('addPolicy: version 1, created at the height, the next id; updatePolicy: version 2, created kept', async () => {
    const s = layer();
    expect(await addPolicy(s, GOLD, 7, emit())).to.equal(4);
    const added = (await readPolicy(s, 4))!;
    expect(added).to.deep.include({ id: 4, version: 1, policyCreated: 7, name: 'gold-special', minimalUptime: 990 });
    await updatePolicy(s, 4, { ...GOLD, cu: new BN(1) }, 9, emit());
    const updated = (await readPolicy(s, 4))!;
    expect(updated).to.deep.include({ version: 2, policyCreated: 7 });
    expect(updated.cu.toString()).to.equal('1');
    expect(events.map((e) => e.name)).to.deep.equal(['policy-added', 'policy-updated']);
    expect(events[0]!.data).to.deep.include({ policyId: 4, version: 1, cu: '50000000' });
  });

  it('addPolicy with an end already past is DAO_BAD_POLICY and writes nothing', async () => {
    const s = layer();
    await expectCode(addPolicy(s, { ...GOLD, policyEnd: 6 }, 7, emit()), 'DAO_BAD_POLICY');
    await expectCode(addPolicy(s, { ...GOLD, minimalUptime: 1001 }, 7, emit()), 'DAO_BAD_POLICY');
    await expectCode(addPolicy(s, { ...GOLD, name: 'has space' }, 7, emit()), 'DAO_BAD_NAME');
    expect(s.changes()).to.deep.equal([]);
    expect(events).to.deep.equal([]);
  });

  it('updating an immutable policy is DAO_POLICY_IMMUTABLE, a missing one DAO_POLICY_NOT_FOUND: nothing changes', async () => {
    const s = layer();
    await expectCode(updatePolicy(s, 3, GOLD, 5, emit()), 'DAO_POLICY_IMMUTABLE');
    await expectCode(updatePolicy(s, 9, GOLD, 5, emit()), 'DAO_POLICY_NOT_FOUND');
    expect(s.changes()).to.deep.equal([]);
    expect((await readPolicy(s, 3))!).to.deep.include({ name: 'frozen', version: 1 });
  });

  it('attaching an expired or missing policy, to a missing farm, or with past limits: each its code, nothing changes', async () => {
    const setup = layer();
    const ending = await addPolicy(setup, { ...GOLD, policyEnd: 10 }, 5, emit());
    const s = setup.child();
    await expectCode(attachPolicy(s, 1, ending, LIMITS, 11, emit()), 'DAO_POLICY_EXPIRED');
    await expectCode(attachPolicy(s, 1, 99, LIMITS, 11, emit()), 'DAO_POLICY_NOT_FOUND');
    await expectCode(attachPolicy(s, 42, 1, LIMITS, 11, emit()), 'DAO_FARM_NOT_FOUND');
    await expectCode(attachPolicy(s, 1, 1, { ...LIMITS, end: 10 }, 11, emit()), 'DAO_BAD_LIMITS');
    expect(s.changes()).to.deep.equal([]);
    expect((await readFarm(s, 1))!.attachment).to.equal(null);
    // At its last height it may still be attached.
    await attachPolicy(s, 1, ending, LIMITS, 10, emit());
    expect((await readFarm(s, 1))!.attachment).to.deep.equal({ policyId: ending, limits: LIMITS });
  });

  it('attach, certify and detach steer which policy pays a node', async () => {
    const s = layer();
    const special = await addPolicy(s, GOLD, 1, emit());
    expect(await nodePolicyNow(s, 2, 1)).to.equal(1);
    await attachPolicy(s, 1, special, { ...LIMITS, nodeCount: 1 }, 1, emit());
    expect([await nodePolicyNow(s, 1, 1), await nodePolicyNow(s, 2, 1)]).to.deep.equal([special, 1]);
    await setNodeCertification(s, 2, 'certified', emit());
    expect((await readNode(s, 2))!.certification).to.equal('certified');
    expect(await nodePolicyNow(s, 2, 1)).to.equal(2);
    await setFarmCertification(s, 1, 'gold', emit());
    expect((await readFarm(s, 1))!.certification).to.equal('gold');
    await detachPolicy(s, 1, emit());
    expect([await nodePolicyNow(s, 1, 1), await nodePolicyNow(s, 2, 1)]).to.deep.equal([1, 2]);
    expect(events.map((e) => `${e.module}/${e.name}`)).to.deep.equal(['dao/policy-added', 'dao/policy-attached', 'dao/node-certified', 'dao/farm-certified', 'dao/policy-detached']);
    expect(events[1]!.data).to.deep.equal({ farmId: 1, policyId: special, nodeCount: 1, nodeCertification: false });
  });

  it('certifying a missing node or farm: DAO_NODE_NOT_FOUND, DAO_FARM_NOT_FOUND; detaching from a missing farm too', async () => {
    const s = layer();
    await expectCode(setNodeCertification(s, 9, 'certified', emit()), 'DAO_NODE_NOT_FOUND');
    await expectCode(setFarmCertification(s, 9, 'gold', emit()), 'DAO_FARM_NOT_FOUND');
    await expectCode(detachPolicy(s, 9, emit()), 'DAO_FARM_NOT_FOUND');
    await expectCode(nodePolicyNow(s, 9, 1), 'DAO_NODE_NOT_FOUND');
    expect(s.changes()).to.deep.equal([]);
  });
});
