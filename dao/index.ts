/** The public API of dao/: the farming module (dao/farming/index.ts) and the DAO (dao/governance). */
export * from './farming/index.ts';
export { createDaoModule, daoSectionOf } from './governance/dao-module.ts';
export { parseDaoSection, initDaoGenesis, HUB_GOVERNANCE } from './governance/dao-genesis.ts';
export { listProposals, readDaoConfig, readProposal, readVote, type DaoConfig } from './governance/dao-queries.ts';
export { tallyOutcome, turnoutOf, type Outcome, type TallyResult } from './governance/tally.ts';
export { applyVote, blocksLeft, EMPTY_TALLY, endHeightOf, isVotingOpen } from './governance/lifecycle.ts';
export { checkParams, MAX_VOTING_PERIOD } from './governance/check-params.ts';
export { DEPOSITS, DEPOSITS_ACCOUNT } from './governance/dao-accounts.ts';
export * from './governance/dao-params.ts';
export * from './governance/dao-types.ts';
export { DAO_ERRORS, type DaoErrorCode } from './dao-errors.ts';
