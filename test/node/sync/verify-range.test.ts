/**
 * verifyRange, the security core of block sync: a good range passes with one commit checked; every
 * way a peer could bend a range (heights, parents, bodies, other chains, last commits, the range
 * commit) is refused with its code before anything is applied.
 */
import { expect } from 'chai';
import type { Block, BlockHeader } from '../../../chain/block/block.ts';
import { blockHash } from '../../../chain/block/block-codec.ts';
import type { ChainStore } from '../../../chain/block/chain-store.ts';
import type { Commit } from '../../../chain/consensus/messages.ts';
import type { BlockRange } from '../../../chain/node/sync/block-source.ts';
import { serveRange } from '../../../chain/node/sync/serve-range.ts';
import { verifyRange, type RangeContext, type SyncTip } from '../../../chain/node/sync/verify-range.ts';
import { mainThreadVerifier, type SignatureCheck, type SignatureVerifier } from '../../../chain/tx/signature-verifier.ts';
import { expectCode } from '../../fixtures/expect-code.ts';
import { buildSyncChain, commitOfBlock, signCommit, syncChainContext, syncGenesis } from '../../fixtures/synced-chain.ts';

const chain = syncChainContext();
const rangeCtx = (verifier: SignatureVerifier = mainThreadVerifier()): RangeContext => ({ chainId: chain.ctx.chainId, validators: chain.validators, verifier });

function withHeader(b: Block, patch: Partial<BlockHeader>): Block {
  return { ...b, header: { ...b.header, ...patch } };
}

function replace(range: BlockRange, i: number, block: Block): BlockRange {
  return { blocks: range.blocks.map((b, j) => (j === i ? block : b)), commit: range.commit };
}

function tipOf(b: Block): SyncTip {
  return { height: b.header.height, hash: blockHash(b.header) };
}

describe('sync: verifyRange', () => {
  let source: ChainStore;
  /** Our tip: block 5 of the source chain. */
  let tip: SyncTip;
  /** Blocks 6..15 with the commit of 15. */
  let range: BlockRange;

  before(async () => {
    source = await buildSyncChain({ blocks: 20, transfersEvery: 2, chain });
    tip = tipOf((await source.blocks.block(5))!);
    range = await serveRange(source, 6, 10);
    expect(range.blocks.map((b) => b.header.height)).to.deep.equal([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });

  it('accepts a range that continues our tip, and returns the commit to store with each block', async () => {
    const commits = await verifyRange(tip, range, rangeCtx());
    expect(commits).to.have.length(10);
    commits.forEach((c, i) => {
      expect(c.height).to.equal(6 + i);
      expect(c.blockHash).to.deep.equal(blockHash(range.blocks[i]!.header));
    });
    expect(commits[9]).to.equal(range.commit);
    expect(commits[3]).to.equal(range.blocks[4]!.lastCommit);
  });

  it('accepts a range from genesis (block 1 carries no last commit)', async () => {
    const first = await serveRange(source, 1, 3);
    const commits = await verifyRange({ height: 0, hash: syncGenesis().hash }, first, rangeCtx());
    expect(commits.map((c) => c.height)).to.deep.equal([1, 2, 3]);
  });

  it('checks one commit per range, not one per block: signatures of a single commit', async () => {
    const calls: number[] = [];
    const inner = mainThreadVerifier();
    const counting: SignatureVerifier = {
      verifyAll(checks: readonly SignatureCheck[]) {
        calls.push(checks.length);
        return inner.verifyAll(checks);
      },
    };
    await verifyRange(tip, range, rangeCtx(counting));
    expect(calls).to.deep.equal([range.commit!.signatures.length]);
    expect(calls[0]).to.equal(3);
  });

  describe('refuses a bad range (SYNC_BAD_RANGE)', () => {
    it('an empty range', async () => {
      await expectCode(verifyRange(tip, { blocks: [], commit: null }, rangeCtx()), 'SYNC_BAD_RANGE');
    });

    it('a gap in the heights', async () => {
      const gap = { blocks: range.blocks.filter((_, i) => i !== 4), commit: range.commit };
      const e = await expectCode(verifyRange(tip, gap, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ height: 10, field: 'height' });
    });

    it('a range that does not start right after our tip', async () => {
      const e = await expectCode(verifyRange({ ...tip, height: 4 }, range, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ field: 'height' });
    });

    it('a first block whose parent is not our tip', async () => {
      const other = { height: 5, hash: new Uint8Array(32).fill(7) };
      const e = await expectCode(verifyRange(other, range, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ height: 6, field: 'parentHash' });
    });

    it('a broken parent hash in the middle (block 9 changed: block 10 no longer links to it)', async () => {
      const b9 = range.blocks[3]!;
      const forged = replace(range, 3, withHeader(b9, { time: b9.header.time + 1 }));
      const e = await expectCode(verifyRange(tip, forged, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ height: 10, field: 'parentHash' });
    });

    it('a middle block naming another parent', async () => {
      const forged = replace(range, 5, withHeader(range.blocks[5]!, { parentHash: new Uint8Array(32) }));
      const e = await expectCode(verifyRange(tip, forged, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ height: 11, field: 'parentHash' });
    });

    it('a block of another chain', async () => {
      const forged = replace(range, 2, withHeader(range.blocks[2]!, { chainId: 'tfr-other-1' }));
      const e = await expectCode(verifyRange(tip, forged, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ height: 8, field: 'chainId' });
    });

    it('a block whose txs were changed (the header, hence the hash chain, untouched)', async () => {
      const i = range.blocks.findIndex((b) => b.txs.length > 1);
      const b = range.blocks[i]!;
      const forged = replace(range, i, { ...b, txs: [...b.txs].reverse() });
      const e = await expectCode(verifyRange(tip, forged, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ height: b.header.height, field: 'txsHash' });
    });

    it('a block whose txs were dropped', async () => {
      const i = range.blocks.findIndex((b) => b.txs.length > 0);
      const forged = replace(range, i, { ...range.blocks[i]!, txs: [] });
      const e = await expectCode(verifyRange(tip, forged, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ field: 'txsHash' });
    });

    it('a last commit for a different block', async () => {
      const b7 = range.blocks[1]!;
      const otherBlock = withHeader(range.blocks[0]!, { time: range.blocks[0]!.header.time + 1 });
      const forged = replace(range, 1, { ...b7, lastCommit: commitOfBlock(otherBlock) });
      const e = await expectCode(verifyRange(tip, forged, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ height: 7, field: 'lastCommit' });
    });

    it('a last commit of the right block that is not the one the header names', async () => {
      const b8 = range.blocks[2]!;
      const forged = replace(range, 2, { ...b8, lastCommit: commitOfBlock(range.blocks[1]!, [1, 2, 3]) });
      const e = await expectCode(verifyRange(tip, forged, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ height: 8, field: 'lastCommitHash' });
    });

    it('evidence added to a block', async () => {
      const b = range.blocks[4]!;
      const lc = b.lastCommit!;
      const vote = { type: 'precommit' as const, height: lc.height, round: 0, blockHash: lc.blockHash, validator: 0, signature: lc.signatures[0]!.signature };
      const forged = replace(range, 4, { ...b, evidence: [{ a: vote, b: { ...vote, blockHash: null } }] });
      const e = await expectCode(verifyRange(tip, forged, rangeCtx()), 'SYNC_BAD_RANGE');
      expect(e.details).to.include({ field: 'evidenceHash' });
    });
  });

  describe('refuses a bad range commit (SYNC_BAD_COMMIT)', () => {
    const withCommit = (commit: Commit | null): BlockRange => ({ blocks: range.blocks, commit });

    it('no commit', async () => {
      await expectCode(verifyRange(tip, withCommit(null), rangeCtx()), 'SYNC_BAD_COMMIT');
    });

    it('a commit of an earlier block than the last', async () => {
      const e = await expectCode(verifyRange(tip, withCommit(range.blocks[9]!.lastCommit), rangeCtx()), 'SYNC_BAD_COMMIT');
      expect(e.details).to.include({ height: 15 });
    });

    it('a commit of another block at the last height', async () => {
      const last = range.blocks[9]!;
      const commit = commitOfBlock(withHeader(last, { time: last.header.time + 1 }));
      await expectCode(verifyRange(tip, withCommit(commit), rangeCtx()), 'SYNC_BAD_COMMIT');
    });

    it('a commit with 2/3 of the power or less (2 of 4 signers)', async () => {
      const commit = commitOfBlock(range.blocks[9]!, [0, 3]);
      const e = await expectCode(verifyRange(tip, withCommit(commit), rangeCtx()), 'SYNC_BAD_COMMIT');
      expect(e.details).to.include({ reason: 'CONS_BAD_COMMIT' });
    });

    it('a commit with a forged signature', async () => {
      const good = range.commit!;
      const forgedSig = good.signatures[1]!.signature.slice();
      forgedSig[10] = forgedSig[10]! ^ 1;
      const commit = { ...good, signatures: good.signatures.map((s, i) => (i === 1 ? { ...s, signature: forgedSig } : s)) };
      const e = await expectCode(verifyRange(tip, withCommit(commit), rangeCtx()), 'SYNC_BAD_COMMIT');
      expect(e.details).to.include({ reason: 'CONS_BAD_COMMIT' });
    });

    it('signatures swapped between signers (each valid for another validator)', async () => {
      const last = range.blocks[9]!;
      const good = signCommit(last.header.height, blockHash(last.header));
      // Same signers, but each signature moved to the next signer: every one is valid for someone else.
      const shuffled = { ...good, signatures: good.signatures.map((s, i) => ({ validator: s.validator, signature: good.signatures[(i + 1) % 3]!.signature })) };
      await expectCode(verifyRange(tip, withCommit(shuffled), rangeCtx()), 'SYNC_BAD_COMMIT');
    });

    it('one valid signature repeated to look like a quorum', async () => {
      const one = range.commit!.signatures[0]!;
      const commit = { ...range.commit!, signatures: [one, one, one] };
      const e = await expectCode(verifyRange(tip, withCommit(commit), rangeCtx()), 'SYNC_BAD_COMMIT');
      expect(e.message).to.match(/ascending/);
    });

    it('a signer outside the validator set', async () => {
      const good = range.commit!;
      const commit = { ...good, signatures: [...good.signatures, { validator: 9, signature: good.signatures[0]!.signature }] };
      await expectCode(verifyRange(tip, withCommit(commit), rangeCtx()), 'SYNC_BAD_COMMIT');
    });
  });
});
