/**
 * One tx, by the rules of module.ts, on a state layer: the `verifyTx` hooks and the command's
 * `verify` (a ChainError there means the tx is *invalid*: it propagates, and the caller rejects the
 * block or refuses the tx), then the `beforeCommand` hooks on the layer (fee, nonce), then
 * `execute` in a child layer that is merged on success and dropped on a ChainError (a *failed* tx,
 * its code in the result). Shared by block execution and the mempool's admission check.
 */
import { isChainError } from '../errors.ts';
import type { TxResult } from '../block/block.ts';
import type { CheckedTx } from './check-tx.ts';
import { emitterFor, type ChainEvent } from './events.ts';
import type { BlockInfo } from './module.ts';
import type { ModuleRegistry } from './module-registry.ts';
import type { StateOverlay } from './state-overlay.ts';

export async function runTx(registry: ModuleRegistry, block: BlockInfo, layer: StateOverlay, { tx, resolved, params }: CheckedTx): Promise<TxResult> {
  const readCtx = { block, tx, state: layer };
  for (const m of registry.modules) if (m.verifyTx) await m.verifyTx(readCtx);
  if (resolved.command.verify) await resolved.command.verify(readCtx, params);

  const events: ChainEvent[] = [];
  for (const m of registry.modules) {
    if (m.beforeCommand) await m.beforeCommand({ block, tx, state: layer, emit: emitterFor(m.name, events) });
  }
  const txLayer = layer.child();
  const commandEvents: ChainEvent[] = [];
  try {
    await resolved.command.execute({ block, tx, state: txLayer, emit: emitterFor(resolved.module.name, commandEvents) }, params);
  } catch (e) {
    if (!isChainError(e)) throw e;
    return { hash: tx.hash, code: e.code, events };
  }
  txLayer.mergeInto(layer);
  return { hash: tx.hash, code: 'OK', events: [...events, ...commandEvents] };
}
