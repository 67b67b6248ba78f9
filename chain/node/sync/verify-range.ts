/**
 * The security core of block sync: decides whether a downloaded range of blocks is the chain our
 * validators decided, checking ONE commit (the last block's) instead of one per block.
 *
 * Why one commit is enough. A block hash is sha256 of the header, and the header of block i holds
 * `parentHash` = hash(header i-1), `txsHash` (Merkle root of its txs), `lastCommitHash` (hash of
 * the commit of block i-1 it carries), `evidenceHash`, `stateRoot`, `lastResultsHash`,
 * `validatorsHash`. So once +2/3 of the validators' signatures are checked on hash(header n), every
 * earlier header of the range is fixed by the parentHash chain (finding another header with the
 * same hash is a sha256 collision), and every body is fixed by the hashes in its header, which are
 * recomputed here. The range's first parentHash is our own tip, which we already trust. A peer can
 * therefore only serve exactly the blocks the validators committed, or be caught here, before
 * anything is applied. What the commit does not tell us — that the blocks execute to the state
 * roots and results their successors name — applyBlock checks while applying.
 *
 * The commits stored with the blocks are the ones the chain carries: block i+1's `lastCommit` for
 * block i (tied by lastCommitHash, and checked by the validators who voted for block i+1), the
 * verified range commit for the last block. Their own signatures are not verified again: with 99
 * validators that is 99 signature checks per block saved, the point of this design.
 *
 * The validator set is fixed by genesis, so one set verifies every commit; a chain with validator
 * set changes would have to end each range at a change.
 *
 * Anchored checkpoints (the Hub's receipt, or one the operator trusts) are hashes at heights that
 * no commit can override: a range that reaches one must hold exactly that block there
 * (SYNC_BELOW_ANCHOR otherwise), however many validators signed the range. `pinBelow` walks back
 * from a checkpoint, so blocks far below it are tied to it before they are applied (block-syncer.ts).
 */
import type { Block } from '../../block/block.ts';
import { blockHash, evidenceHashOf, lastCommitHashOf, txsHashOf } from '../../block/block-codec.ts';
import { bytesEqual, toHex } from '../../codec/bytes.ts';
import type { Commit } from '../../consensus/messages.ts';
import type { ValidatorInfo } from '../../consensus/step-types.ts';
import { verifyCommit } from '../../consensus/verify-commit.ts';
import { isChainError, type ChainError } from '../../errors.ts';
import type { SignatureVerifier } from '../../tx/signature-verifier.ts';
import { p2pError } from '../p2p/p2p-errors.ts';
import type { BlockRange } from './block-source.ts';

export interface SyncTip {
  readonly height: number;
  readonly hash: Uint8Array;
}

export interface RangeContext {
  readonly chainId: string;
  /** The validator set, in genesis order (commit signer indices refer to it). */
  readonly validators: readonly ValidatorInfo[];
  readonly verifier: SignatureVerifier;
  /** Trusted block hashes (anchored checkpoints): a block of the range at one of these heights must have that hash. */
  readonly checkpoints?: readonly SyncTip[];
}

function belowAnchor(height: number, anchored: SyncTip, got: Uint8Array): ChainError {
  return p2pError('SYNC_BELOW_ANCHOR', `synced block ${height} is not the anchored chain: the block at anchored height ${anchored.height} is ${toHex(got)}, anchored ${toHex(anchored.hash)}`, {
    height,
    anchoredHeight: anchored.height,
  });
}

function badRange(height: number, field: string, message: string): ChainError {
  return p2pError('SYNC_BAD_RANGE', `synced block ${height}: ${message}`, { height, field });
}

function badCommit(height: number, message: string, details: Record<string, unknown> = {}): ChainError {
  return p2pError('SYNC_BAD_COMMIT', `commit of synced block ${height}: ${message}`, { height, ...details });
}

/** The hash chain of one block to its parent (`parentHash` of the previous block or our tip). */
function checkLink(block: Block, expectedHeight: number, parent: SyncTip, chainId: string): void {
  const h = block.header;
  if (h.height !== expectedHeight) throw badRange(expectedHeight, 'height', `got height ${h.height}, expected ${expectedHeight}`);
  if (h.chainId !== chainId) throw badRange(h.height, 'chainId', `belongs to chain ${JSON.stringify(h.chainId)}, not ${JSON.stringify(chainId)}`);
  if (!bytesEqual(h.parentHash, parent.hash)) throw badRange(h.height, 'parentHash', `parent ${toHex(h.parentHash)} is not block ${parent.height} (${toHex(parent.hash)})`);
  const last = block.lastCommit;
  if (parent.height === 0) {
    if (last !== null) throw badRange(h.height, 'lastCommit', 'block 1 has no parent to commit');
  } else if (last === null || last.height !== parent.height || !bytesEqual(last.blockHash, parent.hash)) {
    throw badRange(h.height, 'lastCommit', `does not commit its parent block ${parent.height}`);
  }
}

/** The body against the hashes of its header (what the commit then pins). */
function checkBody(block: Block): void {
  const h = block.header;
  if (!bytesEqual(h.txsHash, txsHashOf(block.txs))) throw badRange(h.height, 'txsHash', 'the txs do not match the header');
  if (!bytesEqual(h.lastCommitHash, lastCommitHashOf(block.lastCommit))) throw badRange(h.height, 'lastCommitHash', 'the last commit does not match the header');
  if (!bytesEqual(h.evidenceHash, evidenceHashOf(block.evidence))) throw badRange(h.height, 'evidenceHash', 'the evidence does not match the header');
}

/** Signers strictly ascending, as the codec requires: a repeated signer would count its power twice. */
function checkSigners(commit: Commit, height: number): void {
  const sigs = commit.signatures;
  for (let i = 1; i < sigs.length; i++) {
    if (sigs[i]!.validator <= sigs[i - 1]!.validator) throw badCommit(height, 'signers are not strictly ascending (a signer repeated?)', { index: i });
  }
}

/**
 * Checks `range` as the continuation of `tip` and returns the commit to store with each block,
 * in order. Throws SYNC_BAD_RANGE (heights, chain id, parent hashes, bodies, last commits) or
 * SYNC_BAD_COMMIT (the range commit), with the height and field in the details.
 */
export async function verifyRange(tip: SyncTip, range: BlockRange, ctx: RangeContext): Promise<readonly Commit[]> {
  const { blocks, commit } = range;
  if (blocks.length === 0) throw badRange(tip.height + 1, 'blocks', 'the range is empty');
  let parent: SyncTip = tip;
  for (const [i, block] of blocks.entries()) {
    checkLink(block, tip.height + 1 + i, parent, ctx.chainId);
    checkBody(block);
    parent = { height: block.header.height, hash: blockHash(block.header) };
  }
  const top = parent;
  // Anchored hashes first: a range off the anchored chain is refused whatever its commit says.
  for (const c of ctx.checkpoints ?? []) {
    if (c.height <= tip.height || c.height > top.height) continue;
    const block = blocks[c.height - tip.height - 1]!;
    const hash = c.height === top.height ? top.hash : blocks[c.height - tip.height]!.header.parentHash;
    if (!bytesEqual(hash, c.hash)) throw belowAnchor(block.header.height, c, hash);
  }
  if (commit === null) throw badCommit(top.height, 'missing');
  if (commit.height !== top.height || !bytesEqual(commit.blockHash, top.hash)) {
    throw badCommit(top.height, `commits block ${commit.height} (${toHex(commit.blockHash)}), not the last block of the range (${toHex(top.hash)})`);
  }
  checkSigners(commit, top.height);
  try {
    await verifyCommit(commit, ctx.validators, ctx.chainId, ctx.verifier);
  } catch (e) {
    if (isChainError(e) && e.code === 'CONS_BAD_COMMIT') throw badCommit(top.height, e.message, { reason: e.code });
    throw e;
  }
  // Block i's commit is block i+1's lastCommit (checked by checkLink to commit block i).
  return Object.freeze(blocks.map((_, i) => (i + 1 < blocks.length ? blocks[i + 1]!.lastCommit! : commit)));
}

/**
 * One step of the walk back from a trusted hash: `range` must be the blocks `from`..`pin.height`,
 * linked by parent hashes, the last one hashing to `pin.hash`. Then the parent hash of the first
 * is trusted too (a sha256 chain), and returned as the pin of height `from - 1`. Bodies and the
 * commit are not checked here: nothing is applied from a walk, only hashes kept. Throws
 * SYNC_BAD_RANGE (heights, chain id, links) or SYNC_BELOW_ANCHOR (the chain does not end at the pin).
 */
export function pinBelow(range: BlockRange, from: number, pin: SyncTip, chainId: string): SyncTip {
  const { blocks } = range;
  if (blocks.length !== pin.height - from + 1) throw badRange(from, 'blocks', `expected blocks ${from}..${pin.height}, got ${blocks.length}`);
  let hash: Uint8Array | undefined;
  for (const [i, block] of blocks.entries()) {
    const h = block.header;
    if (h.height !== from + i) throw badRange(from + i, 'height', `got height ${h.height}, expected ${from + i}`);
    if (h.chainId !== chainId) throw badRange(h.height, 'chainId', `belongs to chain ${JSON.stringify(h.chainId)}, not ${JSON.stringify(chainId)}`);
    if (hash !== undefined && !bytesEqual(h.parentHash, hash)) throw badRange(h.height, 'parentHash', 'does not link to the block before it');
    hash = blockHash(h);
  }
  if (hash === undefined || !bytesEqual(hash, pin.hash)) throw belowAnchor(from, pin, hash ?? new Uint8Array(0));
  return { height: from - 1, hash: blocks[0]!.header.parentHash };
}
