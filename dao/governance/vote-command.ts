/**
 * `dao/vote`: a farm's owner votes for the farm (farms vote, not accounts) while the proposal is
 * open, with the farm's weight as of the start of the proposal's creation block — weight added
 * later (new nodes, re-reported hardware) never counts. A farm may change its vote while voting
 * is open; the tally moves by the difference, so a farm is counted once. A farm that had no
 * weight at creation cannot vote.
 */
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { bytesEqual } from '../../chain/codec/bytes-portable.ts';
import { ChainError } from '../../chain/errors.ts';
import type { Command } from '../../chain/execution/module.ts';
import { readFarm } from '../farming/farming-queries.ts';
import { farmWeightBefore } from '../farming/weight-history.ts';
import { DAO_COMMANDS, decodeVote, encodeVote, type VoteParams } from './dao-params.ts';
import { getProposal, getVote, putProposal, putVote } from './dao-state.ts';
import { applyVote, isVotingOpen } from './lifecycle.ts';

export function voteCommand(hrp: string): Command<VoteParams> {
  return {
    name: DAO_COMMANDS.vote,
    decodeParams: decodeVote,
    encodeParams: encodeVote,
    async execute(ctx, v) {
      const proposal = await getProposal(ctx.state, v.proposalId);
      if (proposal === undefined) throw new ChainError('DAO_PROPOSAL_NOT_FOUND', `no proposal ${v.proposalId}`, { proposalId: v.proposalId });
      if (!isVotingOpen(proposal, ctx.block.height)) {
        throw new ChainError('DAO_VOTING_CLOSED', `proposal ${v.proposalId} took votes until height ${proposal.endHeight}; it is ${proposal.status}`, { endHeight: proposal.endHeight, status: proposal.status });
      }
      const farm = await readFarm(ctx.state, v.farmId);
      if (farm === undefined) throw new ChainError('DAO_FARM_NOT_FOUND', `no farm ${v.farmId}`, { farmId: v.farmId });
      if (!bytesEqual(farm.owner, ctx.tx.senderAddress)) {
        throw new ChainError('DAO_NOT_FARM_OWNER', `farm ${v.farmId} is owned by ${encodeAddress(hrp, farm.owner)}`, { farmId: v.farmId });
      }
      const weight = await farmWeightBefore(ctx.state, v.farmId, proposal.createdHeight);
      if (weight === 0) throw new ChainError('DAO_NO_WEIGHT', `farm ${v.farmId} had no nodes when proposal ${v.proposalId} was created (height ${proposal.createdHeight})`, { farmId: v.farmId });
      const previous = await getVote(ctx.state, v.proposalId, v.farmId);
      const vote = { choice: v.choice, weight };
      putVote(ctx.state, v.proposalId, v.farmId, vote);
      putProposal(ctx.state, { ...proposal, tally: applyVote(proposal.tally, previous, vote), voters: proposal.voters + (previous === undefined ? 1 : 0) });
      ctx.emit('voted', { proposalId: v.proposalId, farmId: v.farmId, choice: v.choice, weight, changed: previous !== undefined });
    },
  };
}
