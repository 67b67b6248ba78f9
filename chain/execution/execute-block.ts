/**
 * Executes a block's txs against a state, without writing anything: returns the per-tx results,
 * the block-phase events and the block layer's state changes, which the caller commits (with the
 * block itself) in one batch. Deterministic: time comes from the header, nothing reads a clock,
 * the environment or the disk; signatures go through the injected verifier.
 *
 * Order: stateless checks and signatures of every tx first (in one batch, so they can run in
 * parallel), then begin-block hooks, then each tx in order, then end-block hooks. An invalid tx
 * rejects the whole block (EXEC_INVALID_TX, naming the tx and the reason); a failed tx is kept.
 */
import { toHex } from '../codec/bytes.ts';
import { ChainError, isChainError } from '../errors.ts';
import type { SignatureVerifier } from '../tx/signature-verifier.ts';
import type { TxResult } from '../block/block.ts';
import { emitterFor, type ChainEvent } from './events.ts';
import { runTx } from './run-tx.ts';
import { checkTxStateless, type CheckedTx } from './check-tx.ts';
import type { BlockInfo, BlockWriteContext } from './module.ts';
import type { ModuleRegistry } from './module-registry.ts';
import type { StateChange, StateReader } from './state-access.ts';
import { StateOverlay } from './state-overlay.ts';

export interface ExecutionLimits {
  readonly maxTxBytes: number;
  readonly maxBlockTxs: number;
  readonly maxBlockBytes: number;
}

export interface ExecutionDeps {
  readonly registry: ModuleRegistry;
  readonly verifier: SignatureVerifier;
  readonly limits: ExecutionLimits;
}

export interface ExecutedBlock {
  readonly txResults: readonly TxResult[];
  readonly blockEvents: readonly ChainEvent[];
  readonly changes: readonly StateChange[];
}

function invalidTx(index: number, hash: string | undefined, e: ChainError): ChainError {
  return new ChainError('EXEC_INVALID_TX', `tx ${index}${hash === undefined ? '' : ` (${hash})`} is invalid: ${e.code}: ${e.message}`, {
    index,
    ...(hash === undefined ? {} : { hash }),
    reason: e.code,
  });
}

export async function executeBlock(deps: ExecutionDeps, state: StateReader, block: BlockInfo, txs: readonly Uint8Array[]): Promise<ExecutedBlock> {
  const { registry, limits } = deps;
  if (txs.length > limits.maxBlockTxs) throw new ChainError('EXEC_BLOCK_TOO_LARGE', `block has ${txs.length} txs, the limit is ${limits.maxBlockTxs}`);
  const totalBytes = txs.reduce((n, t) => n + t.length, 0);
  if (totalBytes > limits.maxBlockBytes) throw new ChainError('EXEC_BLOCK_TOO_LARGE', `block txs take ${totalBytes} bytes, the limit is ${limits.maxBlockBytes}`);

  const checked: CheckedTx[] = [];
  const seen = new Set<string>();
  txs.forEach((bytes, i) => {
    let c: CheckedTx;
    try {
      c = checkTxStateless(bytes, { chainId: block.chainId, height: block.height, maxTxBytes: limits.maxTxBytes, registry });
    } catch (e) {
      if (isChainError(e)) throw invalidTx(i, undefined, e);
      throw e;
    }
    const hex = toHex(c.tx.hash);
    if (seen.has(hex)) throw new ChainError('EXEC_DUPLICATE_TX', `tx ${i} (${hex}) appears twice in the block`, { index: i, hash: hex });
    seen.add(hex);
    checked.push(c);
  });

  // Signatures are checked while the txs execute (on a thread-pool verifier the two overlap).
  // Execution writes nothing until the caller commits, so a forged tx executed meanwhile is harmless:
  // the block is rejected below, reporting the lowest-index defect whichever was found first.
  const signatures = deps.verifier.verifyAll(checked.map((c) => ({ publicKey: c.tx.sender, message: c.tx.signBytes, signature: c.tx.signature })));
  const firstBadSignature = async (): Promise<ChainError | undefined> => {
    const i = (await signatures).indexOf(false);
    return i < 0 ? undefined : invalidTx(i, toHex(checked[i]!.tx.hash), new ChainError('TX_BAD_SIGNATURE', 'signature does not verify for the sender key'));
  };
  try {
    const executed = await executeTxs(deps, state, block, checked);
    const bad = await firstBadSignature();
    if (bad !== undefined) throw bad;
    return executed;
  } catch (e) {
    const bad = await firstBadSignature();
    if (bad !== undefined && isChainError(e) && e.code === 'EXEC_INVALID_TX' && Number(bad.details?.['index']) < Number(e.details?.['index'])) throw bad;
    throw e;
  }
}

async function executeTxs(deps: ExecutionDeps, state: StateReader, block: BlockInfo, checked: readonly CheckedTx[]): Promise<ExecutedBlock> {
  const { registry } = deps;

  const blockLayer = new StateOverlay(state);
  const blockEvents: ChainEvent[] = [];
  const blockCtx = (m: string): BlockWriteContext => ({ block, state: blockLayer, emit: emitterFor(m, blockEvents) });
  for (const m of registry.modules) if (m.beginBlock) await m.beginBlock(blockCtx(m.name));

  const txResults: TxResult[] = [];
  for (const [i, c] of checked.entries()) {
    try {
      txResults.push(await runTx(registry, block, blockLayer, c));
    } catch (e) {
      if (isChainError(e)) throw invalidTx(i, toHex(c.tx.hash), e);
      throw e;
    }
  }

  for (const m of registry.modules) if (m.endBlock) await m.endBlock(blockCtx(m.name));
  return { txResults, blockEvents, changes: blockLayer.changes() };
}
