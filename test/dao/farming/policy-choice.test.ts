import { expect } from 'chai';
import BN from 'bn.js';
import type { Farm, FarmCertification, FarmNode, NodeCertification, Policy, PolicyLimits } from '../../../dao/farming/farming-types.ts';
import { choosePolicies } from '../../../dao/farming/policy-choice.ts';

function policy(id: number, o: Partial<Policy> = {}): Policy {
  const z = new BN(0);
  return { id, version: 1, policyCreated: 0, name: `p${id}`, cu: z, su: z, nu: z, ipv4: z, minimalUptime: 0, policyEnd: 0, immutable: false, default: false, nodeCertification: 'diy', farmCertification: 'notCertified', ...o };
}

function node(id: number, cuMilli = 7750, certification: NodeCertification = 'diy', suMilli = 1000): FarmNode {
  return {
    id,
    farmId: 1,
    nodeKey: new Uint8Array(32),
    resources: { cru: 1, mru: 0, sru: 0, hru: 0 },
    publicIps: 0,
    certification,
    units: { cuMilli, suMilli },
    uptime: { lastReportTime: 0, lastUptime: 0, period: 0, creditedSeconds: 0, nuBytes: 0 },
  };
}

const NO_LIMITS: PolicyLimits = { cuMilli: null, suMilli: null, nodeCount: null, end: null, nodeCertification: false };

function farm(attach?: { policyId: number; limits?: Partial<PolicyLimits> }, certification: FarmCertification = 'notCertified'): Farm {
  return {
    id: 1,
    name: 'f',
    owner: new Uint8Array(20),
    payout: new Uint8Array(20),
    certification,
    attachment: attach === undefined ? null : { policyId: attach.policyId, limits: { ...NO_LIMITS, ...attach.limits } },
    nodeIds: [],
    weightMilli: 0,
  };
}

const mapOf = (...ps: Policy[]) => new Map(ps.map((p) => [p.id, p]));
const DEFAULTS = [
  policy(1, { default: true }),
  policy(2, { default: true, nodeCertification: 'certified' }),
  policy(4, { default: true, farmCertification: 'gold' }),
  policy(5, { default: true, nodeCertification: 'certified', farmCertification: 'gold' }),
];
const SPECIAL = policy(3, { policyEnd: 10 });
const ALL = mapOf(...DEFAULTS, SPECIAL);

describe('farming: policy choice', () => {
  it('attached within limits; beyond the node count the nodes fall back to the best default', () => {
    const nodes = [node(1), node(2), node(3)];
    expect(choosePolicies(farm({ policyId: 3, limits: { nodeCount: 2 } }), nodes, ALL, 5)).to.deep.equal([3, 3, 1]);
  });

  it('CU budget: counts only nodes that got the attached policy, so a smaller later node still fits', () => {
    const nodes = [node(1, 7750), node(2, 7750), node(3, 2000)];
    expect(choosePolicies(farm({ policyId: 3, limits: { cuMilli: 10_000 } }), nodes, ALL, 5)).to.deep.equal([3, 1, 3]);
  });

  it('SU budget: at the limit fits, one above does not', () => {
    const nodes = [node(1, 0, 'diy', 600), node(2, 0, 'diy', 400), node(3, 0, 'diy', 1)];
    expect(choosePolicies(farm({ policyId: 3, limits: { suMilli: 1000 } }), nodes, ALL, 5)).to.deep.equal([3, 3, 1]);
  });

  it('an ended attached policy falls back (tfchain kept paying it): up to policyEnd it applies', () => {
    expect(choosePolicies(farm({ policyId: 3 }), [node(1)], ALL, 10)).to.deep.equal([3]);
    expect(choosePolicies(farm({ policyId: 3 }), [node(1)], ALL, 11)).to.deep.equal([1]);
  });

  it('an ended attachment (limits.end) falls back', () => {
    expect(choosePolicies(farm({ policyId: 3, limits: { end: 7 } }), [node(1)], ALL, 7)).to.deep.equal([3]);
    expect(choosePolicies(farm({ policyId: 3, limits: { end: 7 } }), [node(1)], ALL, 8)).to.deep.equal([1]);
  });

  it('limits for certified nodes only: a diy node gets a default, without using the budget', () => {
    const nodes = [node(1, 7750, 'diy'), node(2, 7750, 'certified'), node(3, 7750, 'certified')];
    expect(choosePolicies(farm({ policyId: 3, limits: { nodeCertification: true, nodeCount: 1 } }), nodes, ALL, 5)).to.deep.equal([1, 3, 2]);
  });

  it('an attachment to a policy that does not exist falls back', () => {
    expect(choosePolicies(farm({ policyId: 99 }), [node(1)], ALL, 5)).to.deep.equal([1]);
  });

  it('certification ranks: the best default at most the node and the farm certification', () => {
    const nodes = [node(1, 1, 'diy'), node(2, 1, 'certified')];
    expect(choosePolicies(farm(), nodes, ALL, 5)).to.deep.equal([1, 2]);
    expect(choosePolicies(farm(undefined, 'gold'), nodes, ALL, 5)).to.deep.equal([4, 5]);
  });

  it('node certification ranks above farm certification; among equals the highest id', () => {
    const expired5 = mapOf(DEFAULTS[0]!, DEFAULTS[1]!, DEFAULTS[2]!, policy(5, { default: true, nodeCertification: 'certified', farmCertification: 'gold', policyEnd: 3 }));
    expect(choosePolicies(farm(undefined, 'gold'), [node(2, 1, 'certified')], expired5, 5)).to.deep.equal([2]);
    const twins = mapOf(policy(1, { default: true }), policy(7, { default: true }));
    expect(choosePolicies(farm(), [node(1)], twins, 5)).to.deep.equal([7]);
  });

  it('none: no default policy fits (a non-default policy is never a fallback)', () => {
    expect(choosePolicies(farm(), [node(1)], mapOf(SPECIAL), 5)).to.deep.equal([null]);
    expect(choosePolicies(farm(), [node(1, 1, 'diy')], mapOf(DEFAULTS[1]!, DEFAULTS[3]!), 5)).to.deep.equal([null]);
    expect(choosePolicies(farm(), [], ALL, 5)).to.deep.equal([]);
  });
});
