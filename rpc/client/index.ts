/**
 * The tfr client SDK (browser-safe: no node:*, no Buffer): a typed client of a node's JSON API,
 * tx building and signing, amounts, and offline checks of account proofs. See README.md.
 */
export { createClient, DEFAULT_TIMEOUT_MS } from './client.ts';
export type { AnchorsOptions, ClientOptions, FetchLike, SubmitOptions, TfrClient, WaitOptions } from './client.ts';
export { subscribeEvents } from './subscribe.ts';
export type { EventsFilter, SubscribeOptions, WebSocketConstructor, WebSocketLike } from './subscribe.ts';
export { CLIENT_ERRORS, isRpcError, RpcError } from './rpc-error.ts';
export type { ClientErrorCode } from './rpc-error.ts';
export { addressBytes, buildTransfer, buildTx, secretKeyBytes, transferParams } from './build-tx.ts';
export type { BuiltTx, SecretKeyInput, TransferInput, TxInput } from './build-tx.ts';
export { DEFAULT_EXPIRY_BLOCKS, transfer } from './transfer.ts';
export type { TransferOptions, TransferResult } from './transfer.ts';
export { assetIdOf, assetInfo, BN, formatAmount, MAX_AMOUNT, parseBaseUnits, parseHumanAmount, toBaseUnits } from './amounts.ts';
export type { AmountInput, AssetId } from './amounts.ts';
export { accountKey, verifyAccountProof } from './account-proof.ts';
export {
  addLiquidityParams,
  buildAddLiquidity,
  buildRemoveLiquidity,
  buildSwapExactIn,
  buildSwapExactOut,
  DEFAULT_DEADLINE_BLOCKS,
  DEFAULT_SLIPPAGE_BPS,
  POOL_MODULE,
  removeLiquidityParams,
  submitPoolCommand,
  swap,
  swapExactInParams,
  swapExactOutParams,
  withSlippageDown,
  withSlippageUp,
} from './pool.ts';
export type { AddLiquidityParams, PoolTxOptions, PoolTxResult, RemoveLiquidityParams, SwapExactInParams, SwapExactOutParams, SwapOptions, SwapResult } from './pool.ts';
export type { QuoteRequest } from './pool-query.ts';
export { addLiquidity, depositAtRatio, removeLiquidity } from './pool-liquidity.ts';
export type { AddLiquidityOptions, LiquidityResult, RemoveLiquidityOptions } from './pool-liquidity.ts';
export { eventData, eventInteger, submitCommand } from './command-tx.ts';
export type { CommandContext, CommandTxOptions, CommandTxResult } from './command-tx.ts';
export {
  ACTION_KINDS,
  actionFromJson,
  actionsFromJson,
  actionToJson,
  checkAction,
  daoParamsFromJson,
  daoParamsToJson,
  limitsFromJson,
  limitsToJson,
  policyFromJson,
  policyToJson,
  thousandths,
  toAction,
} from './dao-json.ts';
export type { ActionJson, ActionJsonInput, DaoParamsJson, LimitsJson, PolicyJson } from './dao-json.ts';
export { PROPOSAL_STATUSES } from './dao-query.ts';
export type { ProposalStatus } from './dao-query.ts';
export { buildPropose, buildVote, DAO_MODULE, propose, proposeParams, VOTE_CHOICES, vote, voteParams } from './dao.ts';
export type { ProposeInput, ProposeResult, VoteChoice, VoteInput } from './dao.ts';
export {
  addNode,
  addNodeParams,
  buildAddNode,
  buildCreateFarm,
  buildReportUptime,
  buildSetFarmPayout,
  buildUpdateNode,
  createFarm,
  createFarmParams,
  FARMING_COMMANDS,
  FARMING_MODULE,
  nodeRegistrationBytes,
  nodeSecretBytes,
  reportUptime,
  reportUptimeParams,
  setFarmPayout,
  setFarmPayoutParams,
  updateNode,
  updateNodeParams,
} from './farming.ts';
export type {
  AddNodeInput,
  AddNodeResult,
  CreateFarmInput,
  CreateFarmResult,
  NodeCapacityInput,
  NodeKeyInput,
  NodeResources,
  ReportUptimeInput,
  SetFarmPayoutInput,
  UpdateNodeInput,
} from './farming.ts';
export {
  ANCHOR_COMMANDS,
  ANCHOR_MODULE,
  anchorKeys,
  anchorSubmit,
  anchorSubmitParams,
  BRIDGE_COMMANDS,
  BRIDGE_MODULE,
  bridgeClaim,
  bridgeClaimParams,
  bridgeDeposit,
  bridgeDepositParams,
  bridgeKeys,
  bridgeReceipt,
  bridgeReceiptParams,
  bridgeRelease,
  bridgeReleaseParams,
  bridgeWithdraw,
  bridgeWithdrawParams,
  buildAnchorSubmit,
  buildBridgeClaim,
  buildBridgeDeposit,
  buildBridgeReceipt,
  buildBridgeRelease,
  buildBridgeWithdraw,
  decodeTransferRecord,
  hubProofOf,
  keyHex,
  provenValue,
  releaseInputOf,
  transferIdOf,
  transferRecordCodec,
} from './bridge.ts';
export type { AggregateCertificate, BridgeResult, DepositInput, ReleaseInput, TransferRecord, WithdrawInput } from './bridge.ts';
export { addressFromPublicKey, decodeAddress, encodeAddress } from '../../chain/crypto/addresses.ts';
export { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
export { ChainError, isChainError } from '../../chain/errors.ts';
export type {
  AccountProofView,
  AccountView,
  BlockMessage,
  BlockView,
  ErrorBody,
  EventMessage,
  EventView,
  Status,
  TxMessage,
  TxView,
  ValidatorsView,
} from '../api/schemas.ts';
export type { PoolStateView, PositionView, QuoteView } from '../api/pool-schemas.ts';
export type { NetInfoView, PeerInfoView } from '../api/net-schemas.ts';
export type { AnchorsView, AnchoredView, BridgeTransferView, CertificateView, ClaimView, ForkView, ReceiptView, RegionView, StateProofView, TransferRecordView } from '../api/anchor-schemas.ts';
export type {
  CurrentPeriodView,
  DaoParamsView,
  FarmView,
  NodeView,
  PeriodRewardsView,
  PeriodSummaryView,
  PoliciesView,
  PolicyView,
  ProposalsView,
  ProposalSummary,
  ProposalView,
  RewardsOverview,
  TallyView,
} from '../api/dao-schemas.ts';
