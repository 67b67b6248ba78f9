/** The public API of dao/farming: module, genesis section, queries, policy actions, weight history, units, params, types. */
export { createFarmingModule } from './farming-module.ts';
export { farmingSectionOf, initFarmingGenesis, parseFarmingSection, type FarmingGenesis, type FarmingGenesisFarm, type FarmingGenesisNode } from './farming-genesis.ts';
export { listPolicies, nodePolicyNow, readCurrentPeriod, readFarm, readNode, readNodeIdByKey, readPeriodRewards, readPolicy } from './farming-queries.ts';
export { addPolicy, attachPolicy, checkPolicyFields, detachPolicy, MAX_POLICY_NAME, setFarmCertification, setNodeCertification, updatePolicy } from './policy-actions.ts';
export { currentTotalWeight, farmWeightBefore, totalWeightBefore } from './weight-history.ts';
export { capacityUnits, voteWeightMilli } from './capacity-units.ts';
export { creditUptime, type CreditResult, type PeriodStart, type UptimeReport } from './uptime-credit.ts';
export { choosePolicies, policyActive } from './policy-choice.ts';
export { nodeEarning, uptimePermille, type NodeEarning, type NodePeriodUsage } from './reward.ts';
export { TEST_POLICIES, testFarmingSection, testNodeKey, type FarmingSectionJson } from './test-farms.ts';
export {
  checkFarmName,
  decodeAddNode,
  decodeCreateFarm,
  decodeReportUptime,
  decodeSetFarmPayout,
  decodeUpdateNode,
  encodeAddNode,
  encodeCreateFarm,
  encodeReportUptime,
  encodeSetFarmPayout,
  encodeUpdateNode,
  FARMING_COMMANDS,
  MAX_CORES,
  MAX_FARM_NAME,
  MAX_PUBLIC_IPS,
  MAX_RESOURCE_BYTES,
  MAX_UPTIME_SECONDS,
  nodeRegistrationBytes,
  type AddNodeParams,
  type CreateFarmParams,
  type ReportUptimeParams,
  type SetFarmPayoutParams,
  type UpdateNodeParams,
} from './farming-params.ts';
export * from './farming-types.ts';
