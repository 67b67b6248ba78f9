/**
 * The common path of a signed command (browser-safe): read status (chain id, prefix, minFee,
 * height) and the signer's pending nonce, build the params, sign, submit, and by default wait for
 * the commit. Also reads fields of a committed tx's events (the ids the DAO and farming commands
 * announce: `dao/proposed {id}`, `farming/farm-created {farmId}`, `farming/node-added {nodeId}`).
 */
import type BN from 'bn.js';
import type { CborValue } from '../../chain/codec/cbor.ts';
import { addressBytesFromPublicKey, encodeAddress } from '../../chain/crypto/addresses.ts';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
import { ChainError } from '../../chain/errors.ts';
import type { Status, TxView } from '../api/schemas.ts';
import { toBaseUnits, type AmountInput } from './amounts.ts';
import { buildTx, secretKeyBytes, type BuiltTx, type SecretKeyInput } from './build-tx.ts';
import type { TfrClient } from './client.ts';

/** A tx expires this many blocks after the height it was built at, unless told otherwise. */
export const DEFAULT_EXPIRY_BLOCKS = 100;

/** Options of every signed command of the SDK's DAO and farming functions. */
export interface CommandTxOptions {
  /** Base units of the regional token; default the chain's minFee. */
  readonly fee?: AmountInput;
  /** The tx expires this many blocks after the current height (default 100). */
  readonly expiryBlocks?: number;
  /** Wait for the commit (default true); false returns once the node took the tx (`view` null). */
  readonly wait?: boolean;
  /** The node's wait for the commit, ms (default 15000, at most 60000). */
  readonly timeoutMs?: number;
  /** A status read just before (saves a request). */
  readonly status?: Status;
  /** Default: the signer's pendingNonce. */
  readonly nonce?: number;
}

export interface CommandTxResult {
  readonly hash: string;
  /** The signer's address. */
  readonly from: string;
  readonly nonce: number;
  readonly fee: BN;
  readonly expiry: number;
  readonly built: BuiltTx;
  /** The committed tx (`code` OK or the code it failed with: its fee and nonce charged); null when not waited for. */
  readonly view: TxView | null;
}

/** What the params of a command may depend on: the chain (chain id, prefix) and the signer. */
export interface CommandContext {
  readonly status: Status;
  readonly signer: { readonly secretKey: Uint8Array; readonly publicKey: Uint8Array; readonly address: Uint8Array };
}

export async function submitCommand(
  client: TfrClient,
  secretKey: SecretKeyInput,
  opts: CommandTxOptions,
  module: string,
  command: string,
  paramsFor: (c: CommandContext) => CborValue | Promise<CborValue>,
): Promise<CommandTxResult> {
  const secret = secretKeyBytes(secretKey);
  const publicKey = ed25519PublicKey(secret);
  const status = opts.status ?? (await client.status());
  const address = addressBytesFromPublicKey(publicKey);
  const from = encodeAddress(status.addressPrefix, address);
  const expiryBlocks = opts.expiryBlocks ?? DEFAULT_EXPIRY_BLOCKS;
  if (!Number.isSafeInteger(expiryBlocks) || expiryBlocks < 1) throw new ChainError('TX_BAD_PARAMS', `expiryBlocks must be a positive integer, got ${expiryBlocks}`);
  const params = await paramsFor({ status, signer: { secretKey: secret, publicKey, address } });
  const nonce = opts.nonce ?? (await client.account(from)).pendingNonce;
  const fee = toBaseUnits(opts.fee ?? status.minFee, 'fee');
  const expiry = status.height + expiryBlocks;
  const built = buildTx({ chainId: status.chainId, secretKey: secret, nonce, fee, expiry, module, command, params });
  const base = { hash: built.hash, from, nonce, fee, expiry, built };
  if (opts.wait === false) {
    await client.submitTx(built.bytes);
    return { ...base, view: null };
  }
  const view = await client.submitTx(built.bytes, { wait: 'commit', ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }) });
  return { ...base, view };
}

/** The data of the first `module/name` event of a committed tx, or undefined. */
export function eventData(view: TxView | null, module: string, name: string): Readonly<Record<string, string | number | boolean>> | undefined {
  return view?.events?.find((e) => e.module === module && e.name === name)?.data;
}

/** An integer field of an event (a number, or a decimal string), or undefined. */
export function eventInteger(view: TxView | null, module: string, name: string, field: string): number | undefined {
  const v = eventData(view, module, name)?.[field];
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^(0|[1-9][0-9]{0,14})$/.test(v)) return Number(v);
  return undefined;
}

/** A positive integer id for a request or a param; TX_BAD_PARAMS naming `field` otherwise. */
export function positiveId(v: number, field: string): number {
  if (!Number.isSafeInteger(v) || v < 1 || v > 0xffff_ffff) throw new ChainError('TX_BAD_PARAMS', `${field} must be a positive integer id, got ${String(v)}`, { field });
  return v;
}
