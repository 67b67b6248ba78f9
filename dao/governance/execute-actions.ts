/**
 * Runs a proposal's actions, all or nothing: they execute in order on a layer over the state, and
 * only when every one succeeds are the layer's writes and events passed on. The first ChainError
 * stops the run and is returned with the action's index; nothing of the run remains. A proposal
 * uses this twice: at creation as a dry run on a throwaway layer (an action that cannot execute
 * now is refused with its code before any deposit is taken), and at its close for real.
 */
import { ChainError } from '../../chain/errors.ts';
import type { Emit } from '../../chain/execution/module.ts';
import type { StateWriter } from '../../chain/execution/state-access.ts';
import { StateOverlay } from '../../chain/execution/state-overlay.ts';
import type { EventValue } from '../../chain/execution/events.ts';
import { transferFunds } from '../../chain/ledger/ledger-state.ts';
import { moduleAccountAddress, TREASURY_ACCOUNT } from '../../chain/ledger/module-accounts.ts';
import { setPoolFee } from '../../defi/pool-state.ts';
import { addPolicy, attachPolicy, detachPolicy, setFarmCertification, setNodeCertification, updatePolicy } from '../farming/policy-actions.ts';
import { checkParams } from './check-params.ts';
import { requireConfig, putConfig } from './dao-state.ts';
import type { ProposalAction } from './dao-types.ts';

export type ActionsResult = { readonly ok: true } | { readonly ok: false; readonly error: ChainError; readonly index: number };

const TREASURY = moduleAccountAddress(TREASURY_ACCOUNT);

async function executeAction(state: StateWriter, a: ProposalAction, height: number, emit: Emit): Promise<void> {
  switch (a.kind) {
    case 'add-policy':
      await addPolicy(state, a.policy, height, emit);
      return;
    case 'update-policy':
      await updatePolicy(state, a.policyId, a.policy, height, emit);
      return;
    case 'attach-policy':
      await attachPolicy(state, a.farmId, a.policyId, a.limits, height, emit);
      return;
    case 'detach-policy':
      await detachPolicy(state, a.farmId, emit);
      return;
    case 'set-farm-certification':
      await setFarmCertification(state, a.farmId, a.certification, emit);
      return;
    case 'set-node-certification':
      await setNodeCertification(state, a.nodeId, a.certification, emit);
      return;
    case 'set-pool-fee':
      await setPoolFee(state, a.feeBps);
      emit('pool-fee-set', { feeBps: a.feeBps });
      return;
    case 'set-dao-params': {
      const config = await requireConfig(state);
      checkParams(a.params, config.floors, 'params');
      putConfig(state, { params: a.params, floors: config.floors });
      emit('params-set', { quorum: a.params.quorum, threshold: a.params.threshold, veto: a.params.veto, minDeposit: a.params.minDeposit.toString(), minVotingPeriod: a.params.minVotingPeriod, maxVotingPeriod: a.params.maxVotingPeriod });
      return;
    }
    case 'treasury-spend':
      await transferFunds(state, TREASURY, a.to, a.asset, a.amount);
      emit('treasury-spent', { asset: a.asset, amount: a.amount.toString() });
      return;
  }
}

/** Executes `actions` atomically onto `state` (commit) or onto nothing (dry run). */
export async function runActions(state: StateWriter, actions: readonly ProposalAction[], height: number, emit: Emit, mode: 'commit' | 'dry-run'): Promise<ActionsResult> {
  const layer = new StateOverlay(state);
  const events: Array<[string, { readonly [field: string]: EventValue }]> = [];
  const buffered: Emit = (name, data) => events.push([name, data]);
  for (const [index, action] of actions.entries()) {
    try {
      await executeAction(layer, action, height, buffered);
    } catch (e) {
      if (e instanceof ChainError) return { ok: false, error: e, index };
      throw e;
    }
  }
  if (mode === 'commit') {
    for (const c of layer.changes()) {
      if (c.value === null) state.delete(c.key);
      else state.set(c.key, c.value);
    }
    for (const [name, data] of events) emit(name, data);
  }
  return { ok: true };
}
