/**
 * The DAO's end phase: every proposal whose end height is this block closes here, in id order,
 * after the block's votes. The tally decides (tally.ts); a passed proposal's actions execute now,
 * atomically — if one fails the proposal is "failed" with that action's code and index, and
 * nothing of its actions remains. The deposit returns to the proposer, except on a veto, when it
 * is burned (taken from the deposits account and credited to nobody).
 */
import { encodeAddress } from '../../chain/crypto/addresses.ts';
import type { BlockWriteContext } from '../../chain/execution/module.ts';
import { debit, transferFunds } from '../../chain/ledger/ledger-state.ts';
import { DEPOSITS } from './dao-accounts.ts';
import { getProposal, proposalsEndingAt, putEndings, putProposal, requireConfig } from './dao-state.ts';
import type { Proposal } from './dao-types.ts';
import { runActions } from './execute-actions.ts';
import { tallyOutcome } from './tally.ts';

async function closeProposal(ctx: BlockWriteContext, hrp: string, p: Proposal): Promise<void> {
  const { params } = await requireConfig(ctx.state);
  const result = tallyOutcome(p.tally, p.totalWeight, params);
  let closed: Proposal = { ...p, status: result.outcome };
  if (result.outcome === 'passed') {
    const run = await runActions(ctx.state, p.actions, ctx.block.height, ctx.emit, 'commit');
    if (!run.ok) closed = { ...closed, status: 'failed', failCode: run.error.code, failedAction: run.index };
  }
  if (closed.status === 'vetoed') await debit(ctx.state, DEPOSITS, 'REGIONAL', p.deposit);
  else await transferFunds(ctx.state, DEPOSITS, p.proposer, 'REGIONAL', p.deposit);
  putProposal(ctx.state, closed);
  ctx.emit('closed', {
    id: p.id,
    status: closed.status,
    yes: p.tally.yes,
    no: p.tally.no,
    abstain: p.tally.abstain,
    veto: p.tally.veto,
    totalWeight: p.totalWeight,
    turnout: result.turnout,
    deposit: p.deposit.toString(),
    depositTo: closed.status === 'vetoed' ? 'burned' : encodeAddress(hrp, p.proposer),
    ...(closed.failCode === null ? {} : { failCode: closed.failCode, failedAction: closed.failedAction ?? 0 }),
  });
}

export async function closeProposalsAt(ctx: BlockWriteContext, hrp: string): Promise<void> {
  const ids = await proposalsEndingAt(ctx.state, ctx.block.height);
  if (ids.length === 0) return;
  for (const id of ids) {
    const p = await getProposal(ctx.state, id);
    if (p !== undefined && p.status === 'open') await closeProposal(ctx, hrp, p);
  }
  putEndings(ctx.state, ctx.block.height, []);
}
