/**
 * The pool in the SDK (browser-safe): params and signed txs of the four `pool` commands, and
 * `swap(client, ...)`, which quotes, bounds the slippage and the deadline, signs, submits and waits.
 *
 * Params are CBOR arrays: amounts as canonical amount bytes, assets 'TFT' | 'REGIONAL', the
 * deadline a block height (a tx in a later block fails with AMM_DEADLINE_PASSED).
 */
import type BN from 'bn.js';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
import { ChainError } from '../../chain/errors.ts';
import { encodeAddLiquidity, encodeRemoveLiquidity, encodeSwapExactIn, encodeSwapExactOut, POOL_MODULE } from '../../defi/pool-params.ts';
import type { QuoteView } from '../api/pool-schemas.ts';
import type { Status, TxView } from '../api/schemas.ts';
import { BN as BigNum, toBaseUnits, type AmountInput, type AssetId } from './amounts.ts';
import { buildTx, secretKeyBytes, type BuiltTx, type SecretKeyInput, type TxInput } from './build-tx.ts';
import type { TfrClient } from './client.ts';

export { POOL_MODULE };
export const DEFAULT_SLIPPAGE_BPS = 50;
export const DEFAULT_DEADLINE_BLOCKS = 20;

type Envelope = Omit<TxInput, 'module' | 'command' | 'params'>;

function asset(a: AssetId, field: string): AssetId {
  if (a !== 'TFT' && a !== 'REGIONAL') throw new ChainError('LEDGER_UNKNOWN_ASSET', `${field}: unknown asset ${JSON.stringify(a)} (TFT or REGIONAL)`);
  return a;
}
function height(h: number, field: string): number {
  if (!Number.isSafeInteger(h) || h < 0) throw new ChainError('TX_BAD_PARAMS', `${field}: must be a block height`, { field });
  return h;
}
const amount = (v: AmountInput, field: string): BN => toBaseUnits(v, field);

export interface SwapExactInParams { readonly assetIn: AssetId; readonly amountIn: AmountInput; readonly minAmountOut: AmountInput; readonly deadline: number }
export interface SwapExactOutParams { readonly assetIn: AssetId; readonly amountOut: AmountInput; readonly maxAmountIn: AmountInput; readonly deadline: number }
export interface AddLiquidityParams { readonly tftDesired: AmountInput; readonly regionalDesired: AmountInput; readonly tftMin: AmountInput; readonly regionalMin: AmountInput; readonly deadline: number }
export interface RemoveLiquidityParams { readonly shares: AmountInput; readonly tftMin: AmountInput; readonly regionalMin: AmountInput; readonly deadline: number }

// The pool module's own (portable) encoders, after the SDK's checks of its looser input.
export const swapExactInParams = (p: SwapExactInParams): CborValue =>
  encodeSwapExactIn({ assetIn: asset(p.assetIn, 'assetIn'), amountIn: amount(p.amountIn, 'amountIn'), minAmountOut: amount(p.minAmountOut, 'minAmountOut'), deadline: height(p.deadline, 'deadline') });
export const swapExactOutParams = (p: SwapExactOutParams): CborValue =>
  encodeSwapExactOut({ assetIn: asset(p.assetIn, 'assetIn'), amountOut: amount(p.amountOut, 'amountOut'), maxAmountIn: amount(p.maxAmountIn, 'maxAmountIn'), deadline: height(p.deadline, 'deadline') });
export const addLiquidityParams = (p: AddLiquidityParams): CborValue =>
  encodeAddLiquidity({
    tftDesired: amount(p.tftDesired, 'tftDesired'),
    regionalDesired: amount(p.regionalDesired, 'regionalDesired'),
    tftMin: amount(p.tftMin, 'tftMin'),
    regionalMin: amount(p.regionalMin, 'regionalMin'),
    deadline: height(p.deadline, 'deadline'),
  });
export const removeLiquidityParams = (p: RemoveLiquidityParams): CborValue =>
  encodeRemoveLiquidity({ shares: amount(p.shares, 'shares'), tftMin: amount(p.tftMin, 'tftMin'), regionalMin: amount(p.regionalMin, 'regionalMin'), deadline: height(p.deadline, 'deadline') });

export const buildSwapExactIn = (i: Envelope & SwapExactInParams): BuiltTx => buildTx({ ...envelope(i), module: POOL_MODULE, command: 'swap-exact-in', params: swapExactInParams(i) });
export const buildSwapExactOut = (i: Envelope & SwapExactOutParams): BuiltTx => buildTx({ ...envelope(i), module: POOL_MODULE, command: 'swap-exact-out', params: swapExactOutParams(i) });
export const buildAddLiquidity = (i: Envelope & AddLiquidityParams): BuiltTx => buildTx({ ...envelope(i), module: POOL_MODULE, command: 'add-liquidity', params: addLiquidityParams(i) });
export const buildRemoveLiquidity = (i: Envelope & RemoveLiquidityParams): BuiltTx =>
  buildTx({ ...envelope(i), module: POOL_MODULE, command: 'remove-liquidity', params: removeLiquidityParams(i) });

function envelope(i: Envelope): Envelope {
  return { chainId: i.chainId, secretKey: i.secretKey, nonce: i.nonce, fee: i.fee, expiry: i.expiry };
}

/** `amount * (10000 - bps) / 10000`, floored: the least a trade may give at this tolerance. */
export function withSlippageDown(v: AmountInput, slippageBps: number): BN {
  checkBps(slippageBps);
  return toBaseUnits(v, 'amount').muln(10_000 - slippageBps).divn(10_000);
}

/** `amount * (10000 + bps) / 10000`, rounded up: the most a trade may take at this tolerance. */
export function withSlippageUp(v: AmountInput, slippageBps: number): BN {
  checkBps(slippageBps);
  return toBaseUnits(v, 'amount').muln(10_000 + slippageBps).addn(9_999).divn(10_000);
}

function checkBps(bps: number): void {
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new ChainError('TX_BAD_PARAMS', `slippage must be an integer 0..10000 bps, got ${bps}`);
}

/** What every signed pool command of the high-level helpers shares. */
export interface PoolTxOptions {
  readonly secretKey: SecretKeyInput;
  /** Blocks after the current height up to which the command may run (default 20); it is also the tx expiry. */
  readonly deadlineBlocks?: number;
  /** Base units of the regional token; default the chain's minFee. */
  readonly fee?: AmountInput;
  /** The node's wait for the commit, ms (default 15000). */
  readonly timeoutMs?: number;
  /** A status read just before (saves a request). */
  readonly status?: Status;
  /** Default: the account's pendingNonce. */
  readonly nonce?: number;
}

export interface PoolTxResult {
  readonly hash: string;
  readonly from: string;
  readonly nonce: number;
  readonly fee: BN;
  /** Last block height that may run the command (also the tx expiry: later, the tx is never included). */
  readonly deadline: number;
  readonly built: BuiltTx;
  /** The committed tx: `code` OK, or the AMM_ code it failed with (its fee and nonce charged). */
  readonly view: TxView;
}

/** Reads status and nonce, signs `command` with the params `paramsFor(deadline)` gives, submits and waits for the commit. */
export async function submitPoolCommand(
  client: TfrClient,
  opts: PoolTxOptions,
  command: string,
  paramsFor: (deadline: number, status: Status) => CborValue | Promise<CborValue>,
): Promise<PoolTxResult> {
  const secret = secretKeyBytes(opts.secretKey);
  const status = opts.status ?? (await client.status());
  const from = addressFromPublicKey(status.addressPrefix, ed25519PublicKey(secret));
  const deadlineBlocks = opts.deadlineBlocks ?? DEFAULT_DEADLINE_BLOCKS;
  if (!Number.isSafeInteger(deadlineBlocks) || deadlineBlocks < 1) throw new ChainError('TX_BAD_PARAMS', `deadlineBlocks must be a positive integer, got ${deadlineBlocks}`);
  const deadline = status.height + deadlineBlocks;
  const params = await paramsFor(deadline, status);
  const nonce = opts.nonce ?? (await client.account(from)).pendingNonce;
  const fee = toBaseUnits(opts.fee ?? status.minFee, 'fee');
  const built = buildTx({ chainId: status.chainId, secretKey: secret, nonce, fee, expiry: deadline, module: POOL_MODULE, command, params });
  const view = await client.submitTx(built.bytes, { wait: 'commit', ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }) });
  return { hash: built.hash, from, nonce, fee, deadline, built, view };
}

export interface SwapOptions extends PoolTxOptions {
  readonly assetIn: AssetId;
  /** Base units of assetIn to sell (exact-in). */
  readonly amount: AmountInput;
  /** Default 50 (0.5%): minAmountOut = floor(quoted out * (10000 - slippageBps) / 10000). */
  readonly slippageBps?: number;
  /** Overrides the slippage bound with this exact minimum (base units of the other asset). */
  readonly minOut?: AmountInput;
}

export interface SwapResult extends PoolTxResult {
  /** The quote the bound was computed from (its `height` and `reserves`). */
  readonly quote: QuoteView;
  readonly minAmountOut: BN;
}

/** Sells exactly `amount` of `assetIn`: quote, bound (slippage or minOut), deadline, sign, submit, wait. */
export async function swap(client: TfrClient, opts: SwapOptions): Promise<SwapResult> {
  const amountIn = toBaseUnits(opts.amount, 'amount');
  const slippageBps = opts.slippageBps ?? DEFAULT_SLIPPAGE_BPS;
  checkBps(slippageBps);
  let quote: QuoteView | undefined;
  let minAmountOut = new BigNum(0);
  const r = await submitPoolCommand(client, opts, 'swap-exact-in', async (deadline) => {
    quote = await client.quote({ in: opts.assetIn, amount: amountIn, slippageBps });
    minAmountOut = opts.minOut === undefined ? withSlippageDown(quote.amountOut, slippageBps) : toBaseUnits(opts.minOut, 'minOut');
    return swapExactInParams({ assetIn: opts.assetIn, amountIn, minAmountOut, deadline });
  });
  return { ...r, quote: quote!, minAmountOut };
}
