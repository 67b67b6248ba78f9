/**
 * `transfer(client, ...)`: the whole path of a payment: read the chain (chain id, prefix, minFee,
 * height) and the sender's pending nonce, build and sign the ledger/transfer tx, submit it, and by
 * default wait for its commit — the path every signed command of the SDK takes (`submitCommand`).
 */
import type { AmountInput, AssetId } from './amounts.ts';
import { transferParams, type SecretKeyInput } from './build-tx.ts';
import type { TfrClient } from './client.ts';
import { submitCommand, type CommandTxOptions, type CommandTxResult } from './command-tx.ts';

export { DEFAULT_EXPIRY_BLOCKS } from './command-tx.ts';

/** A transfer: the recipient, asset and amount, with the options every signed command takes. */
export interface TransferOptions extends CommandTxOptions {
  readonly secretKey: SecretKeyInput;
  /** bech32m address of the recipient (with the chain's prefix). */
  readonly to: string;
  readonly asset: AssetId;
  /** Base units. */
  readonly amount: AmountInput;
}

export type TransferResult = CommandTxResult;

export async function transfer(client: TfrClient, opts: TransferOptions): Promise<TransferResult> {
  return submitCommand(client, opts.secretKey, opts, 'ledger', 'transfer', ({ status }) => transferParams(opts.to, opts.asset, opts.amount, status.addressPrefix));
}
