/**
 * The tfr client SDK (browser-safe: no node:*, no Buffer): a typed client of a node's JSON API,
 * tx building and signing, amounts, and offline checks of account proofs. See README.md.
 */
export { createClient, DEFAULT_TIMEOUT_MS } from './client.ts';
export type { ClientOptions, FetchLike, SubmitOptions, TfrClient, WaitOptions } from './client.ts';
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
