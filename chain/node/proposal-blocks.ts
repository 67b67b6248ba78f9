/**
 * The two block-level jobs of a validator in consensus: building the block it proposes, and
 * deciding whether a proposed block is valid (Algorithm 1's valid(v)) before it prevotes it.
 */
import { bytesEqual, toHex } from '../codec/bytes.ts';
import { isChainError } from '../errors.ts';
import type { Block } from '../block/block.ts';
import { buildBlock } from '../block/build-block.ts';
import { checkSuccessor } from '../execution/apply-block.ts';
import { encodeEvidence } from '../consensus/message-codec.ts';
import type { DuplicateVoteEvidence } from '../consensus/messages.ts';
import { verifyCommit, verifyEvidence } from '../consensus/verify-commit.ts';
import type { DriverDeps } from './driver.ts';
import { checkOnce } from './check-once.ts';

/** A proposer may be this far ahead of a validator's clock; later block times are refused. */
export const MAX_CLOCK_DRIFT_MS = 10_000;

/**
 * The next block: the mempool's longest valid prefix (at most `maxTxs`, see proposal-budget.ts),
 * the tip's commit, pending evidence of earlier heights. Executed before it is proposed; if it
 * somehow does not execute, an empty block instead.
 */
export async function buildProposalBlock(d: DriverDeps, pendingEvidence: Iterable<DuplicateVoteEvidence>, maxTxs = d.ctx.limits.maxBlockTxs): Promise<Block> {
  const { store, ctx, mempool, clock, params, memo } = d;
  const tip = store.tip();
  const lastCommit = tip.height === 0 ? null : ((await store.blocks.commit(tip.height)) ?? null);
  const own = params.validators[params.ownIndex ?? 0]!.publicKey;
  const draft = { chainId: ctx.chainId, time: Math.max(tip.time + 1, Math.floor(clock.now())), proposer: own, validatorsHash: ctx.validatorsHash, lastCommit };
  // Only evidence of earlier heights: every validator refuses a block carrying evidence of its own
  // height (below). Including it (as before) made each honest proposer's block invalid for the rest
  // of a height in which anyone equivocated, so one double vote halted the chain (found by
  // test/scenarios/fault-byzantine-messages.test.ts).
  const evidence = [...pendingEvidence].filter((ev) => ev.a.height < tip.height + 1);
  const block = buildBlock(store, { ...draft, txs: mempool.reap(Math.min(maxTxs, ctx.limits.maxBlockTxs), ctx.limits.maxBlockBytes, tip.height + 1), evidence });
  try {
    await memo.run(ctx, store.state, block);
    return block;
  } catch (e) {
    if (!isChainError(e)) throw e;
    d.logger.warn('own block did not execute; proposing an empty one', { code: e.code });
    return buildBlock(store, { ...draft, txs: [], evidence: [] });
  }
}

/**
 * Everything a validator checks before it prevotes a block: it follows the tip, its proposer is a
 * validator, its time is not too far ahead, its last commit carries +2/3 valid precommits, its
 * evidence is signed and new, and it executes (through the process's execution memo).
 */
export async function isValidProposedBlock(d: DriverDeps, block: Block, committedEvidence: ReadonlySet<string>): Promise<boolean> {
  const { store, ctx, params, clock, memo } = d;
  try {
    checkSuccessor(store, ctx, block);
    if (!params.validators.some((v) => bytesEqual(v.publicKey, block.header.proposer))) return false;
    if (block.header.time > clock.now() + MAX_CLOCK_DRIFT_MS) return false;
    const lastCommit = block.lastCommit;
    if (lastCommit !== null) {
      // Once per process for a frozen commit (decoded ones are, signatures and all).
      const check = () => verifyCommit(lastCommit, params.validators, ctx.chainId, ctx.verifier);
      await (Object.isFrozen(lastCommit.signatures) ? checkOnce(lastCommit, `${ctx.chainId}/${toHex(ctx.validatorsHash)}`, check) : check());
    }
    for (const ev of block.evidence) {
      if (committedEvidence.has(toHex(encodeEvidence(ev))) || ev.a.height >= block.header.height) return false;
      await verifyEvidence(ev, params.validators, ctx.chainId, ctx.verifier);
    }
    await memo.run(ctx, store.state, block);
    return true;
  } catch (e) {
    if (!isChainError(e)) throw e;
    d.logger.info('a proposed block is invalid', { height: block.header.height, code: e.code, message: e.message });
    return false;
  }
}
