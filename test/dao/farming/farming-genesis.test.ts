import { expect } from 'chai';
import { toHex } from '../../../chain/codec/bytes.ts';
import { isChainError } from '../../../chain/errors.ts';
import { addressFromPublicKey } from '../../../chain/crypto/addresses.ts';
import { parseGenesis } from '../../../genesis/parse-genesis.ts';
import { farmingSectionOf, parseFarmingSection } from '../../../dao/farming/farming-genesis.ts';
import { listPolicies, readCurrentPeriod, readFarm, readNode, readNodeIdByKey } from '../../../dao/farming/farming-queries.ts';
import { TEST_POLICIES, testFarmingSection, testNodeKey } from '../../../dao/farming/test-farms.ts';
import { farmWeightBefore, totalWeightBefore } from '../../../dao/farming/weight-history.ts';
import { expectDefect, loose, smallGenesis, textOf } from '../../genesis/fixtures.ts';
import { farmingGenesis, farmingJson, farmJson, MACHINE, nodeKey, openFarmingChain, testKey } from '../../fixtures/farming-chain.ts';

const alice = testKey('alice');
const bob = testKey('bob');

/** The code and field of the defect `parseFarmingSection` reports first for `section`. */
function defectOf(section: unknown): { code: string; field: unknown } {
  try {
    parseFarmingSection(section, 'farming');
  } catch (e) {
    if (isChainError(e)) return { code: e.code, field: e.details?.['field'] };
    throw e;
  }
  return { code: 'no error', field: undefined };
}

function validSection(): Record<string, unknown> {
  return structuredClone(farmingJson([farmJson('alice-farm', alice, [1, 2], { policy: { policyId: 2, nodeCount: 1 } }), farmJson('bob-farm', bob, [3])], 120));
}

/** Sets `value` at a path of keys and indexes inside a section copy. */
function withValue(path: readonly (string | number)[], value: unknown): Record<string, unknown> {
  const s = validSection();
  let o = s as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
  return s;
}

describe('farming: genesis section', () => {
  it('parses a valid section: ids in order, defaults filled in', () => {
    const g = parseFarmingSection(validSection(), 'farming');
    expect(g.periodBlocks).to.equal(120);
    expect(g.policies.map((p) => [p.name, p.cu.toString(), p.minimalUptime])).to.deep.equal([
      ['diy', '24000000', 950],
      ['certified', '30000000', 950],
    ]);
    expect(g.farms[0]).to.deep.include({ name: 'alice-farm', payout: undefined, certification: 'notCertified' });
    expect(g.farms[0]!.policy).to.deep.equal({ policyId: 2, limits: { cuMilli: null, suMilli: null, nodeCount: 1, end: null, nodeCertification: false } });
    expect(g.farms[1]!.nodes[0]).to.deep.include({ resources: MACHINE, publicIps: 1, certification: 'diy' });
    expect(toHex(g.farms[1]!.nodes[0]!.nodeKey)).to.equal(toHex(nodeKey(3).publicKey));
    expect(parseFarmingSection({ periodBlocks: 1 }, 'farming')).to.deep.equal({ periodBlocks: 1, policies: [], farms: [] });
  });

  const defects: Array<[string, readonly (string | number)[], unknown, string, string]> = [
    ['unknown top-level field', ['extra'], 1, 'GENESIS_UNKNOWN_FIELD', 'farming.extra'],
    ['missing periodBlocks', ['periodBlocks'], undefined, 'GENESIS_MISSING_FIELD', 'farming.periodBlocks'],
    ['periodBlocks 0', ['periodBlocks'], 0, 'GENESIS_INVALID_FIELD', 'farming.periodBlocks'],
    ['a policy amount with a point', ['policies', 0, 'cu'], '2.5', 'GENESIS_INVALID_AMOUNT', 'farming.policies[0].cu'],
    ['a policy amount as a number', ['policies', 1, 'ipv4'], 5, 'GENESIS_INVALID_AMOUNT', 'farming.policies[1].ipv4'],
    ['minimal uptime above 1000 permille', ['policies', 0, 'minimalUptime'], 1001, 'GENESIS_INVALID_FIELD', 'farming.policies[0].minimalUptime'],
    ['an unknown certification', ['policies', 0, 'nodeCertification'], 'platinum', 'GENESIS_INVALID_FIELD', 'farming.policies[0].nodeCertification'],
    ['a missing policy field', ['policies', 0, 'immutable'], undefined, 'GENESIS_MISSING_FIELD', 'farming.policies[0].immutable'],
    ['an unknown policy field', ['policies', 0, 'bonus'], '1', 'GENESIS_UNKNOWN_FIELD', 'farming.policies[0].bonus'],
    ['a bad policy name', ['policies', 1, 'name'], 'cert ified', 'GENESIS_INVALID_FIELD', 'farming.policies[1].name'],
    ['a bad farm name', ['farms', 1, 'name'], 'bob farm', 'GENESIS_INVALID_FIELD', 'farming.farms[1].name'],
    ['a duplicate farm name', ['farms', 1, 'name'], 'alice-farm', 'GENESIS_DUPLICATE_VALUE', 'farming.farms[1].name'],
    ['a bad owner address', ['farms', 0, 'owner'], 'unit1qqqq', 'GENESIS_INVALID_ADDRESS', 'farming.farms[0].owner'],
    ['an attached policy that does not exist', ['farms', 0, 'policy', 'policyId'], 3, 'GENESIS_INVALID_FIELD', 'farming.farms[0].policy.policyId'],
    ['an unknown limit', ['farms', 0, 'policy', 'gpus'], 1, 'GENESIS_UNKNOWN_FIELD', 'farming.farms[0].policy.gpus'],
    ['farm nodes not an array', ['farms', 1, 'nodes'], {}, 'GENESIS_INVALID_FIELD', 'farming.farms[1].nodes'],
    ['a node with 0 cores', ['farms', 0, 'nodes', 1, 'cru'], 0, 'GENESIS_INVALID_FIELD', 'farming.farms[0].nodes[1].cru'],
    ['a node with memory above 2^50', ['farms', 0, 'nodes', 0, 'mru'], 2 ** 51, 'GENESIS_INVALID_FIELD', 'farming.farms[0].nodes[0].mru'],
    ['a node key of 31 bytes', ['farms', 0, 'nodes', 0, 'nodeKey'], 'ab'.repeat(31), 'GENESIS_INVALID_FIELD', 'farming.farms[0].nodes[0].nodeKey'],
    ['a duplicate node key across farms', ['farms', 1, 'nodes', 0, 'nodeKey'], toHex(nodeKey(1).publicKey), 'GENESIS_DUPLICATE_VALUE', 'farming.farms[1].nodes[0].nodeKey'],
    ['too many public IPs', ['farms', 1, 'nodes', 0, 'publicIps'], 257, 'GENESIS_INVALID_FIELD', 'farming.farms[1].nodes[0].publicIps'],
    ['an unknown node field', ['farms', 1, 'nodes', 0, 'gpu'], 1, 'GENESIS_UNKNOWN_FIELD', 'farming.farms[1].nodes[0].gpu'],
  ];
  for (const [name, path, value, code, field] of defects) {
    it(`rejects ${name}: ${code} at ${field}`, () => {
      expect(defectOf(withValue(path, value))).to.deep.equal({ code, field });
    });
  }

  it('is a section parser of parseGenesis: its defects carry the full path, its result lands frozen in genesis.app', () => {
    const sections = { farming: parseFarmingSection };
    expectDefect((g) => void (loose(g)['farming'] = { periodBlocks: 'x' }), 'GENESIS_INVALID_FIELD', 'farming.periodBlocks', { sections });
    const g = smallGenesis();
    const owners = g.accounts.slice(0, 2).map((a, i) => ({ name: `owner${i}`, address: a.address }));
    loose(g)['farming'] = testFarmingSection('genesis-tests', owners);
    const genesis = parseGenesis(textOf(g), { sections });
    const section = farmingSectionOf(genesis)!;
    expect(section.farms.map((f) => f.name)).to.deep.equal(['owner0-farm', 'owner1-farm']);
    expect(Object.isFrozen(section.farms[0]!.nodes)).to.equal(true);
  });

  it('initGenesis: the registry at height 0, period 0 from genesis time, weights checkpointed', async () => {
    const chain = await openFarmingChain(farmingGenesis(validSection()));
    const s = chain.store.state;
    expect((await listPolicies(s)).map((p) => [p.id, p.name, p.version, p.policyCreated])).to.deep.equal([
      [1, 'diy', 1, 0],
      [2, 'certified', 1, 0],
    ]);
    expect((await readFarm(s, 1))!).to.deep.include({ nodeIds: [1, 2], weightMilli: 2 * 23_009, attachment: { policyId: 2, limits: { cuMilli: null, suMilli: null, nodeCount: 1, end: null, nodeCertification: false } } });
    expect((await readFarm(s, 2))!.nodeIds).to.deep.equal([3]);
    expect((await readNode(s, 3))!).to.deep.include({ farmId: 2, units: { cuMilli: 7750, suMilli: 7509 } });
    expect(await readNodeIdByKey(s, nodeKey(2).publicKey)).to.equal(2);
    expect(await readCurrentPeriod(s)).to.deep.equal({ period: 0, startHeight: 1, startTime: chain.genesis.genesisTime, endHeight: 120, periodBlocks: 120 });
    expect(await farmWeightBefore(s, 1, 0)).to.equal(0);
    expect(await farmWeightBefore(s, 1, 1)).to.equal(2 * 23_009);
    expect(await totalWeightBefore(s, 1)).to.equal(3 * 23_009);
  });

  it("initGenesis: an owner address with another chain's prefix is GENESIS_INVALID_ADDRESS", async () => {
    const section = withValue(['farms', 1, 'owner'], addressFromPublicKey('other', bob.publicKey));
    const err = await openFarmingChain(farmingGenesis(section)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.have.property('code', 'GENESIS_INVALID_ADDRESS');
    expect(err).to.have.nested.property('details.field', 'farming.farms[1].owner');
  });

  it('the testnet section: tfchain defaults x 10^4, one farm of two nodes per owner, keys from the seed', () => {
    const owners = [{ name: 'alice', address: 'unit1x' }, { name: 'bob', address: 'unit1y' }];
    const s = testFarmingSection('seed-1', owners, { periodBlocks: 60 });
    expect(s.periodBlocks).to.equal(60);
    expect(testFarmingSection('seed-1', owners).periodBlocks).to.equal(120);
    expect(s.policies).to.equal(TEST_POLICIES);
    expect(TEST_POLICIES.map((p) => [p.cu, p.su, p.nu, p.ipv4, p.minimalUptime, p.default, p.nodeCertification])).to.deep.equal([
      ['24000000', '10000000', '300000', '50000', 950, true, 'diy'],
      ['30000000', '12500000', '380000', '60000', 950, true, 'certified'],
    ]);
    expect(s.farms.map((f) => [f.name, f.owner, f.nodes.length])).to.deep.equal([
      ['alice-farm', 'unit1x', 2],
      ['bob-farm', 'unit1y', 2],
    ]);
    expect(s.farms[1]!.nodes[1]!.nodeKey).to.equal(toHex(testNodeKey('seed-1', 4).publicKey));
    expect(new Set(s.farms.flatMap((f) => f.nodes.map((n) => n.cru))).size).to.be.greaterThan(1);
  });
});
