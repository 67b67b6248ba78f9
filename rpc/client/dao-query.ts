/** Paths and queries of the DAO and farming reads, from typed input (browser-safe; checked before anything is sent). */
import { ChainError } from '../../chain/errors.ts';
import { PROPOSAL_STATUSES, type ProposalStatus } from '../../dao/governance/dao-types.ts';

export { PROPOSAL_STATUSES, type ProposalStatus };

function integerId(v: number, field: string, min: number): number {
  if (!Number.isSafeInteger(v) || v < min || v > 0xffff_ffff) throw new ChainError('TX_BAD_PARAMS', `${field} must be an integer from ${min} to ${0xffff_ffff}, got ${String(v)}`, { field });
  return v;
}

/** `base/ID` for an id (ids start at 1; periods, `min` 0, at 0). */
export function daoPath(base: string, id: number, field: string, min = 1): string {
  return `${base}/${integerId(id, field, min)}`;
}

export function proposalsQuery(status: ProposalStatus | undefined): Record<string, string | undefined> {
  if (status !== undefined && !(PROPOSAL_STATUSES as readonly string[]).includes(status)) throw new ChainError('TX_BAD_PARAMS', `status must be one of ${PROPOSAL_STATUSES.join(', ')}, got ${JSON.stringify(status)}`);
  return { status };
}

export function proposalQuery(opts: { readonly farm?: number }): Record<string, string | undefined> {
  return { farm: opts.farm === undefined ? undefined : String(integerId(opts.farm, 'farm', 1)) };
}
