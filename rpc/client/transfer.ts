/**
 * `transfer(client, ...)`: the whole path of a payment: read the chain (chain id, prefix, minFee,
 * height) and the sender's pending nonce, build and sign the ledger/transfer tx, submit it, and by
 * default wait for its commit.
 */
import type BN from 'bn.js';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { ed25519PublicKey } from '../../chain/crypto/ed25519-sign.ts';
import type { Status, TxView } from '../api/schemas.ts';
import { toBaseUnits, type AmountInput, type AssetId } from './amounts.ts';
import { buildTransfer, secretKeyBytes, type BuiltTx, type SecretKeyInput } from './build-tx.ts';
import type { TfrClient } from './client.ts';
import type { CommandTxOptions } from './command-tx.ts';

export const DEFAULT_EXPIRY_BLOCKS = 100;

/** A transfer: the recipient, asset and amount, with the options every signed command takes. */
export interface TransferOptions extends CommandTxOptions {
  readonly secretKey: SecretKeyInput;
  /** bech32m address of the recipient (with the chain's prefix). */
  readonly to: string;
  readonly asset: AssetId;
  /** Base units. */
  readonly amount: AmountInput;
}

export interface TransferResult {
  readonly hash: string;
  readonly from: string;
  readonly nonce: number;
  readonly fee: BN;
  readonly expiry: number;
  readonly built: BuiltTx;
  /** The committed tx (its `code` says OK or why it failed); null when not waited for. */
  readonly view: TxView | null;
}

export async function transfer(client: TfrClient, opts: TransferOptions): Promise<TransferResult> {
  const secret = secretKeyBytes(opts.secretKey);
  const status = opts.status ?? (await client.status());
  const from = addressFromPublicKey(status.addressPrefix, ed25519PublicKey(secret));
  const nonce = opts.nonce ?? (await client.account(from)).pendingNonce;
  const fee = toBaseUnits(opts.fee ?? status.minFee, 'fee');
  const expiry = status.height + (opts.expiryBlocks ?? DEFAULT_EXPIRY_BLOCKS);
  const built = buildTransfer({
    chainId: status.chainId,
    secretKey: secret,
    nonce,
    fee,
    expiry,
    to: opts.to,
    asset: opts.asset,
    amount: opts.amount,
    addressPrefix: status.addressPrefix,
  });
  const base = { hash: built.hash, from, nonce, fee, expiry, built };
  if (opts.wait === false) {
    await client.submitTx(built.bytes);
    return { ...base, view: null };
  }
  const view = await client.submitTx(built.bytes, { wait: 'commit', ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }) });
  return { ...base, view };
}
