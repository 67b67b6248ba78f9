/**
 * What the DAO and farming routes need of the chain's `dao` and `farming` modules: reads of their
 * state. A port, so the routes can be tested with a double (test/fixtures/fake-dao-port.ts) and the
 * RPC names no more of dao/ than its record types; the binding to the modules' query functions is
 * in `dao-modules.ts`, `buildServer`'s default. `NO_DAO_PORT` answers as a chain without either
 * section: the routes answer 404 RPC_NO_DAO / RPC_NO_FARMING.
 */
import type { StateReader } from '../../chain/execution/state-access.ts';
import type { CurrentPeriod, Farm, FarmNode, FarmPeriodReward, PeriodSummary, Policy } from '../../dao/farming/farming-types.ts';
import type { DaoFloors, DaoParams, Proposal, ProposalStatus, Vote } from '../../dao/governance/dao-types.ts';

export interface DaoPort {
  /** undefined: the chain has no DAO section (routes answer 404 RPC_NO_DAO). */
  readConfig(state: StateReader): Promise<{ params: DaoParams; floors: DaoFloors } | undefined>;
  /** Ascending id; all of them, or those with `status`. */
  listProposals(state: StateReader, status: ProposalStatus | undefined): Promise<Proposal[]>;
  readProposal(state: StateReader, id: number): Promise<Proposal | undefined>;
  readVote(state: StateReader, proposalId: number, farmId: number): Promise<Vote | undefined>;
  /** undefined: no farming section (routes answer 404 RPC_NO_FARMING). */
  readCurrentPeriod(state: StateReader): Promise<CurrentPeriod | undefined>;
  /** Ascending id. */
  listPolicies(state: StateReader): Promise<Policy[]>;
  readFarm(state: StateReader, id: number): Promise<Farm | undefined>;
  readNode(state: StateReader, id: number): Promise<FarmNode | undefined>;
  /** Which policy pays the node if the period ended at `height` (null: none). */
  nodePolicyNow(state: StateReader, nodeId: number, height: number): Promise<number | null>;
  /** undefined: the period is not closed (yet). */
  readPeriodRewards(state: StateReader, period: number): Promise<{ summary: PeriodSummary; farms: FarmPeriodReward[] } | undefined>;
}

/** A chain with neither a DAO nor a farming section. */
export const NO_DAO_PORT: DaoPort = {
  readConfig: async () => undefined,
  listProposals: async () => [],
  readProposal: async () => undefined,
  readVote: async () => undefined,
  readCurrentPeriod: async () => undefined,
  listPolicies: async () => [],
  readFarm: async () => undefined,
  readNode: async () => undefined,
  nodePolicyNow: async () => null,
  readPeriodRewards: async () => undefined,
};
