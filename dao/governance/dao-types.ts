/**
 * The DAO's records (module "dao", store prefix 0x04): parameters with the floors genesis fixed,
 * proposals with their typed actions and live tally, and votes. Shares are permille integers
 * (the Hub's 0.334 is 334); weights are milli-units of 2*CU + SU; amounts regional base units.
 */
import type BN from 'bn.js';
import type { AssetId } from '../../genesis/genesis-types.ts';
import type { FarmCertification, NodeCertification, PolicyFields, PolicyLimits } from '../farming/farming-types.ts';

export const DAO_MODULE = 'dao';
export const DAO_STORE_PREFIX = 0x04;

export interface DaoParams {
  /** Regional base units a proposer locks; refunded unless the proposal is vetoed. */
  readonly minDeposit: BN;
  /** Blocks. */
  readonly minVotingPeriod: number;
  readonly maxVotingPeriod: number;
  /** Turnout (all four choices) over total weight, permille, at least. */
  readonly quorum: number;
  /** yes / (yes + no + veto), permille, strictly above. */
  readonly threshold: number;
  /** veto / turnout, permille, at least: vetoed, deposit burned. */
  readonly veto: number;
}

/** Bounds genesis fixes for good: no proposal can move the parameters past them. */
export interface DaoFloors {
  readonly minDeposit: BN;
  readonly minVotingPeriod: number;
  readonly quorum: number;
  readonly threshold: number;
}

export const VOTE_CHOICES = ['yes', 'no', 'abstain', 'veto'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];

export type ProposalAction =
  | { readonly kind: 'add-policy'; readonly policy: PolicyFields }
  | { readonly kind: 'update-policy'; readonly policyId: number; readonly policy: PolicyFields }
  | { readonly kind: 'attach-policy'; readonly farmId: number; readonly policyId: number; readonly limits: PolicyLimits }
  | { readonly kind: 'detach-policy'; readonly farmId: number }
  | { readonly kind: 'set-farm-certification'; readonly farmId: number; readonly certification: FarmCertification }
  | { readonly kind: 'set-node-certification'; readonly nodeId: number; readonly certification: NodeCertification }
  | { readonly kind: 'set-pool-fee'; readonly feeBps: number }
  | { readonly kind: 'set-dao-params'; readonly params: DaoParams }
  | { readonly kind: 'treasury-spend'; readonly to: Uint8Array; readonly asset: AssetId; readonly amount: BN };

export type ActionKind = ProposalAction['kind'];

export const PROPOSAL_STATUSES = ['open', 'passed', 'rejected', 'vetoed', 'failed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Weights (milli-units) by choice. */
export interface Tally {
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly veto: number;
}

export interface Proposal {
  readonly id: number;
  /** Account address (20 bytes). */
  readonly proposer: Uint8Array;
  readonly title: string;
  /** Text or a link. */
  readonly description: string;
  readonly actions: readonly ProposalAction[];
  readonly deposit: BN;
  readonly createdHeight: number;
  /** Votes are accepted in blocks up to and including this height; it closes in its end phase. */
  readonly endHeight: number;
  /** Total weight of all farms at the start of the creation block. */
  readonly totalWeight: number;
  readonly tally: Tally;
  /** Farms that voted. */
  readonly voters: number;
  readonly status: ProposalStatus;
  /** The error code of the failed action (status "failed"), else null. */
  readonly failCode: string | null;
  /** Index of the failed action, else null. */
  readonly failedAction: number | null;
}

export interface Vote {
  readonly choice: VoteChoice;
  /** The farm's weight at the proposal's creation. */
  readonly weight: number;
}
