/** The DAO and farming routes' port bound to the modules (dao/): what `buildServer` uses by default. */
import { listPolicies, nodePolicyNow, readCurrentPeriod, readFarm, readNode, readPeriodRewards } from '../../dao/farming/farming-queries.ts';
import { listProposals, readDaoConfig, readProposal, readVote } from '../../dao/governance/dao-queries.ts';
import type { DaoPort } from './dao-port.ts';

export const DAO_MODULES: DaoPort = {
  readConfig: readDaoConfig,
  listProposals,
  readProposal,
  readVote,
  readCurrentPeriod,
  listPolicies,
  readFarm,
  readNode,
  nodePolicyNow,
  readPeriodRewards,
};
