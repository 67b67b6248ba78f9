/** Reads of the DAO for the RPC: its config, proposals (optionally by status) and votes. */
import type { StateReader } from '../../chain/execution/state-access.ts';
import { getProposal, getVote, nextProposalId, readConfig, type DaoConfig } from './dao-state.ts';
import type { Proposal, ProposalStatus, Vote } from './dao-types.ts';

export { readConfig as readDaoConfig, type DaoConfig };

/** Every proposal (ascending id), or those with `status`. Reads all of them: proposals are few. */
export async function listProposals(state: StateReader, status?: ProposalStatus): Promise<Proposal[]> {
  const last = (await nextProposalId(state)) - 1;
  const out: Proposal[] = [];
  for (let id = 1; id <= last; id++) {
    const p = await getProposal(state, id);
    if (p !== undefined && (status === undefined || p.status === status)) out.push(p);
  }
  return out;
}

export async function readProposal(state: StateReader, id: number): Promise<Proposal | undefined> {
  return getProposal(state, id);
}

export async function readVote(state: StateReader, proposalId: number, farmId: number): Promise<Vote | undefined> {
  return getVote(state, proposalId, farmId);
}
