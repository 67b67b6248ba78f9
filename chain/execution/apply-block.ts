/**
 * applyBlock: checks that a block is the valid successor of the stored tip, executes it, and
 * commits the state changes with the block, its results and its tx index in one batch. A block
 * that fails any check changes nothing and raises a precise error.
 */
import { bytesEqual, toHex } from '../codec/bytes.ts';
import { ChainError } from '../errors.ts';
import { BLOCK_VERSION, type Block, type BlockResults } from '../block/block.ts';
import { blockHash, encodeBlock, encodeResults, evidenceHashOf, lastCommitHashOf, txsHashOf } from '../block/block-codec.ts';
import type { Commit } from '../consensus/messages.ts';
import { BlockStore } from '../block/block-store.ts';
import type { ChainStore } from '../block/chain-store.ts';
import type { KvOp } from '../state/kv-store.ts';
import { sha256 } from '../codec/hash.ts';
import type { ChainContext } from './chain-context.ts';
import { executeBlock } from './execute-block.ts';
import type { ExecutionMemo, MemoizedExecution } from './execution-memo.ts';

export interface AppliedBlock {
  readonly hash: Uint8Array;
  readonly results: BlockResults;
  /** State root after the block (the next header's `stateRoot`). */
  readonly stateRoot: Uint8Array;
}

function invalid(field: string, message: string): ChainError {
  return new ChainError('EXEC_INVALID_BLOCK', `block ${field}: ${message}`, { field });
}

export function checkSuccessor(store: ChainStore, ctx: ChainContext, block: Block): void {
  const h = block.header;
  const tip = store.tip();
  if (h.version !== BLOCK_VERSION) throw invalid('version', `${h.version} is not ${BLOCK_VERSION}`);
  if (h.chainId !== ctx.chainId) throw invalid('chainId', `${JSON.stringify(h.chainId)} is not this chain (${JSON.stringify(ctx.chainId)})`);
  if (h.height !== tip.height + 1) throw invalid('height', `${h.height} does not follow the tip ${tip.height}`);
  if (!bytesEqual(h.parentHash, tip.hash)) throw invalid('parentHash', `${toHex(h.parentHash)} is not the tip ${toHex(tip.hash)}`);
  if (h.time <= tip.time) throw invalid('time', `${h.time} is not after the parent's ${tip.time}`);
  if (!bytesEqual(h.stateRoot, store.state.root())) throw invalid('stateRoot', `${toHex(h.stateRoot)} is not the current state root ${toHex(store.state.root())}`);
  if (!bytesEqual(h.lastResultsHash, tip.resultsHash)) throw invalid('lastResultsHash', 'does not match the results of the parent block');
  if (!bytesEqual(h.txsHash, txsHashOf(block.txs))) throw invalid('txsHash', 'does not match the block txs');
  if (!bytesEqual(h.validatorsHash, ctx.validatorsHash)) throw invalid('validatorsHash', 'is not the hash of this chain\'s validator set');
  if (!bytesEqual(h.lastCommitHash, lastCommitHashOf(block.lastCommit))) throw invalid('lastCommitHash', 'does not match the block lastCommit');
  if (!bytesEqual(h.evidenceHash, evidenceHashOf(block.evidence))) throw invalid('evidenceHash', 'does not match the block evidence');
  if ((h.height === 1) !== (block.lastCommit === null)) throw invalid('lastCommit', h.height === 1 ? 'block 1 has no parent to commit' : 'is missing');
  if (block.lastCommit !== null && (block.lastCommit.height !== tip.height || !bytesEqual(block.lastCommit.blockHash, tip.hash))) {
    throw invalid('lastCommit', `commits height ${block.lastCommit.height}, not the parent block`);
  }
}

/**
 * Applies `block`. `commit`, when consensus decided the block, is stored with it. With a `memo`,
 * a block already executed on the same state in this process is not executed again. The signatures of
 * `block.lastCommit` and of its evidence are consensus checks (chain/consensus/verify-commit.ts,
 * run by the node before it votes); here only their hashes and heights are checked.
 */
export async function applyBlock(store: ChainStore, block: Block, ctx: ChainContext, commit?: Commit, memo?: ExecutionMemo): Promise<AppliedBlock> {
  checkSuccessor(store, ctx, block);
  const h = block.header;
  const run =
    memo !== undefined
      ? await memo.run(ctx, store.state, block)
      : await (async () => {
          const ex = await executeBlock(ctx, store.state, { chainId: h.chainId, height: h.height, time: h.time }, block.txs);
          return { executed: ex, prepared: await store.state.prepare(ex.changes) };
        })();
  const { hash, results, resultsHash, blockOps } = encodedOf(run, block);
  const tip = { height: h.height, hash, time: h.time, resultsHash };
  await store.commit(run.prepared, { shared: blockOps, own: BlockStore.tipOps(tip, commit) }, tip);
  return { hash, results, stateRoot: run.prepared.root };
}

interface EncodedBlock {
  readonly hash: Uint8Array;
  readonly results: BlockResults;
  readonly resultsHash: Uint8Array;
  /** BlockStore.blockOps: block, height by hash, results, tx index. */
  readonly blockOps: readonly KvOp[];
}

/**
 * Encodings of an executed block, once per memoized execution: every validator of a process
 * stores the same bytes (the memo key pins the header, and checkSuccessor tied the body to it).
 */
const encodings = new WeakMap<MemoizedExecution, EncodedBlock>();

function encodedOf(run: MemoizedExecution, block: Block): EncodedBlock {
  const known = encodings.get(run);
  if (known !== undefined) return known;
  const results: BlockResults = { txs: run.executed.txResults, blockEvents: run.executed.blockEvents };
  const hash = blockHash(block.header);
  const resultsBytes = encodeResults(results);
  const txHashes = run.executed.txResults.map((r) => r.hash);
  const encoded = { hash, results, resultsHash: sha256(resultsBytes), blockOps: BlockStore.blockOps(block.header.height, encodeBlock(block), hash, txHashes, resultsBytes) };
  encodings.set(run, encoded);
  return encoded;
}
