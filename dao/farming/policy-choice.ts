/**
 * Which policy pays each node of a farm at height h (pure). Nodes are taken in ascending id:
 *
 * - the farm's attached policy, if the attachment exists, the policy exists and has not ended
 *   (policyEnd 0 or h <= policyEnd), the attachment has not ended (end null or h <= end), the node
 *   is certified when the limits ask for it, and the node still fits the farm's limits (node count,
 *   CU and SU budgets, counting only the nodes that got the attached policy before it);
 * - otherwise the best default policy that has not ended and whose node and farm certification are
 *   at most the node's and the farm's: highest (node certification, farm certification, id);
 * - otherwise none (null: the node earns nothing).
 *
 * tfchain never enforced policyEnd when paying; here an ended policy never pays.
 */
import type { Farm, FarmCertification, FarmNode, NodeCertification, Policy } from './farming-types.ts';

const NODE_RANK: Readonly<Record<NodeCertification, number>> = { diy: 0, certified: 1 };
const FARM_RANK: Readonly<Record<FarmCertification, number>> = { notCertified: 0, gold: 1 };

export function policyActive(p: Policy, height: number): boolean {
  return p.policyEnd === 0 || height <= p.policyEnd;
}

/** Default policies, best first (so the first that fits a node is its choice). */
export function rankDefaults(policies: Iterable<Policy>, height: number): Policy[] {
  const rank = (p: Policy) => [NODE_RANK[p.nodeCertification], FARM_RANK[p.farmCertification], p.id] as const;
  return [...policies]
    .filter((p) => p.default && policyActive(p, height))
    .sort((a, b) => {
      const ra = rank(a);
      const rb = rank(b);
      return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2];
    });
}

function bestDefault(ranked: readonly Policy[], farm: Farm, node: FarmNode): Policy | undefined {
  return ranked.find((p) => NODE_RANK[p.nodeCertification] <= NODE_RANK[node.certification] && FARM_RANK[p.farmCertification] <= FARM_RANK[farm.certification]);
}

/** Policy ids (or null) for `nodes` (the farm's nodes, ascending id), in the same order. */
export function choosePolicies(farm: Farm, nodes: readonly FarmNode[], policies: ReadonlyMap<number, Policy>, height: number, ranked = rankDefaults(policies.values(), height)): Array<number | null> {
  const att = farm.attachment;
  const attached = att === null ? undefined : policies.get(att.policyId);
  const usable = att !== null && attached !== undefined && policyActive(attached, height) && (att.limits.end === null || height <= att.limits.end);
  const used = { nodes: 0, cu: 0, su: 0 };
  return nodes.map((node) => {
    if (usable) {
      const l = att.limits;
      const fits =
        (!l.nodeCertification || node.certification === 'certified') &&
        (l.nodeCount === null || used.nodes + 1 <= l.nodeCount) &&
        (l.cuMilli === null || used.cu + node.units.cuMilli <= l.cuMilli) &&
        (l.suMilli === null || used.su + node.units.suMilli <= l.suMilli);
      if (fits) {
        used.nodes += 1;
        used.cu += node.units.cuMilli;
        used.su += node.units.suMilli;
        return att.policyId;
      }
    }
    return bestDefault(ranked, farm, node)?.id ?? null;
  });
}
