/**
 * The stateless checks of one tx, shared by block execution and (later) the mempool: size, shape,
 * chain id, expiry, known command, well-formed params. The signature is checked apart, in batches.
 */
import { ChainError, isChainError } from '../errors.ts';
import { decodeTx } from '../tx/tx-codec.ts';
import type { DecodedTx } from '../tx/transaction.ts';
import type { ModuleRegistry, ResolvedCommand } from './module-registry.ts';

export interface TxCheckParams {
  readonly chainId: string;
  /** Height of the block that would include the tx. */
  readonly height: number;
  readonly maxTxBytes: number;
  readonly registry: ModuleRegistry;
}

export interface CheckedTx {
  readonly tx: DecodedTx;
  readonly resolved: ResolvedCommand;
  readonly params: unknown;
}

export function checkTxStateless(bytes: Uint8Array, p: TxCheckParams): CheckedTx {
  const tx = decodeTx(bytes, p.maxTxBytes);
  if (tx.chainId !== p.chainId) throw new ChainError('TX_WRONG_CHAIN', `tx is for chain ${JSON.stringify(tx.chainId)}, this is ${JSON.stringify(p.chainId)}`);
  if (tx.expiry < p.height) throw new ChainError('TX_EXPIRED', `tx expired at height ${tx.expiry}, block height is ${p.height}`);
  const resolved = p.registry.resolve(tx.body.module, tx.body.command);
  let params: unknown;
  try {
    params = resolved.command.decodeParams(tx.body.params);
  } catch (e) {
    if (!isChainError(e)) throw e;
    throw new ChainError('TX_BAD_PARAMS', `${tx.body.module}/${tx.body.command}: ${e.message}`, { reason: e.code, ...e.details });
  }
  return { tx, resolved, params };
}
