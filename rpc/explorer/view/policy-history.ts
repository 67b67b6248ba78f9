/**
 * A farming policy's history: created in genesis or by a proposal, then each update and
 * attachment to a farm that a passed proposal made. The node keeps only a policy's current
 * version (with `version` and `policyCreated`); the passed proposals' actions say the rest.
 * An added policy has no id in its action: it is the one of that name created at the height the
 * proposal closed (its actions run at the end of its last voting block).
 */

export interface PolicyRef {
  readonly id: number;
  readonly name: string;
  readonly version: number;
  readonly policyCreated: number;
}

/** The action fields this reads (the RPC's action JSON form). */
export type PolicyActionRef =
  | { readonly kind: 'add-policy'; readonly policy: { readonly name: string } }
  | { readonly kind: 'update-policy'; readonly policyId: number }
  | { readonly kind: 'attach-policy'; readonly policyId: number; readonly farmId: number }
  | { readonly kind: string };

export interface ProposalRef {
  readonly id: number;
  readonly status: string;
  readonly endHeight: number;
  readonly actions: readonly PolicyActionRef[];
}

export interface HistoryEntry {
  readonly height: number;
  readonly text: string;
  readonly proposalId: number | null;
}

/** Action kinds that touch a policy: proposals with one of them are read in full for the history. */
export const POLICY_ACTION_KINDS: readonly string[] = ['add-policy', 'update-policy', 'attach-policy'];

const isAdd = (a: PolicyActionRef): a is { kind: 'add-policy'; policy: { name: string } } => a.kind === 'add-policy';
const withPolicyId = (a: PolicyActionRef): a is { kind: 'update-policy' | 'attach-policy'; policyId: number; farmId?: number } =>
  (a.kind === 'update-policy' || a.kind === 'attach-policy') && typeof (a as { policyId?: unknown }).policyId === 'number';

/** The history of `policy`, oldest first, from the proposals given (only passed ones count). */
export function policyHistory(policy: PolicyRef, proposals: readonly ProposalRef[]): HistoryEntry[] {
  const passed = proposals.filter((p) => p.status === 'passed');
  const out: HistoryEntry[] = [];
  if (policy.policyCreated === 0) out.push({ height: 0, text: 'created in genesis', proposalId: null });
  else {
    const by = passed.find((p) => p.endHeight === policy.policyCreated && p.actions.some((a) => isAdd(a) && a.policy.name === policy.name));
    out.push({ height: policy.policyCreated, text: by === undefined ? 'created' : `added by proposal #${by.id}`, proposalId: by?.id ?? null });
  }
  for (const p of passed) {
    for (const a of p.actions) {
      if (!withPolicyId(a) || a.policyId !== policy.id) continue;
      out.push(
        a.kind === 'update-policy'
          ? { height: p.endHeight, text: `updated by proposal #${p.id}`, proposalId: p.id }
          : { height: p.endHeight, text: `attached to farm ${String((a as { farmId?: number }).farmId)} by proposal #${p.id}`, proposalId: p.id },
      );
    }
  }
  return out.sort((a, b) => a.height - b.height || (a.proposalId ?? 0) - (b.proposalId ?? 0));
}
