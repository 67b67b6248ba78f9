/**
 * `dao/propose`: anyone holding the minimum deposit (regional token) opens a proposal. Its voting
 * period must lie within the DAO's bounds; its actions are dry-run against the current state, so
 * an action that could not execute now (a missing or expired policy, an immutable one, a spend
 * above the treasury) fails the tx with that code before any deposit moves. The deposit waits in
 * the deposits account; the total weight is the weight of all farms at the start of this block,
 * the same snapshot every vote's weight is read at.
 */
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import { ChainError } from '../../chain/errors.ts';
import type { Command } from '../../chain/execution/module.ts';
import { transferFunds } from '../../chain/ledger/ledger-state.ts';
import { totalWeightBefore } from '../farming/weight-history.ts';
import { DEPOSITS } from './dao-accounts.ts';
import { DAO_COMMANDS, decodePropose, encodePropose, type ProposeParams } from './dao-params.ts';
import { addEnding, nextProposalId, putNextProposalId, putProposal, requireConfig } from './dao-state.ts';
import { runActions } from './execute-actions.ts';
import { EMPTY_TALLY, endHeightOf } from './lifecycle.ts';

export function proposeCommand(hrp: string): Command<ProposeParams> {
  return {
    name: DAO_COMMANDS.propose,
    decodeParams: decodePropose,
    encodeParams: encodePropose,
    async execute(ctx, p) {
      const { params } = await requireConfig(ctx.state);
      if (p.deposit.lt(params.minDeposit)) {
        throw new ChainError('DAO_DEPOSIT_TOO_LOW', `the deposit is ${p.deposit.toString()}, the minimum ${params.minDeposit.toString()} base units`, { minDeposit: params.minDeposit.toString() });
      }
      if (p.votingPeriod < params.minVotingPeriod || p.votingPeriod > params.maxVotingPeriod) {
        throw new ChainError('DAO_VOTING_PERIOD', `the voting period must be ${params.minVotingPeriod}..${params.maxVotingPeriod} blocks, got ${p.votingPeriod}`, {
          min: params.minVotingPeriod,
          max: params.maxVotingPeriod,
        });
      }
      const height = ctx.block.height;
      const dry = await runActions(ctx.state, p.actions, height, () => {}, 'dry-run');
      if (!dry.ok) throw new ChainError(dry.error.code, `action ${dry.index} would fail: ${dry.error.message}`, { ...dry.error.details, action: dry.index });
      await transferFunds(ctx.state, ctx.tx.senderAddress, DEPOSITS, 'REGIONAL', p.deposit);
      const id = await nextProposalId(ctx.state);
      putNextProposalId(ctx.state, id + 1);
      const endHeight = endHeightOf(height, p.votingPeriod);
      putProposal(ctx.state, {
        id,
        proposer: ctx.tx.senderAddress,
        title: p.title,
        description: p.description,
        actions: p.actions,
        deposit: p.deposit,
        createdHeight: height,
        endHeight,
        totalWeight: await totalWeightBefore(ctx.state, height),
        tally: EMPTY_TALLY,
        voters: 0,
        status: 'open',
        failCode: null,
        failedAction: null,
      });
      await addEnding(ctx.state, endHeight, id);
      ctx.emit('proposed', { id, proposer: encodeAddress(hrp, ctx.tx.senderAddress), endHeight, deposit: p.deposit.toString(), actions: p.actions.length });
    },
  };
}
