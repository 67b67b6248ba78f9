/**
 * GossipValidator's verdicts per kind, with real signatures of the 4-validator test genesis and the
 * real (caching) verifier, no sockets. Accept: a well-formed message signed by a validator of the
 * set (votes, proposals, evidence), a batch of well-formed txs; a stale vote is accepted too (the
 * validator has no clock or height: deciding what is useless is the driver's, and an honest peer
 * relays stale votes, so they must never be penalized). Reject: undecodable bytes, bytes over the
 * kind's limit, a signer outside the set, a bad signature (forged, by another validator's key, or
 * for another chain id), a proposal of another chain, evidence with one bad vote, a malformed tx in
 * a batch, a batch over maxBlockTxs. No code path answers 'ignore' today.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import BN from 'bn.js';
import { blockHash } from '../../../chain/block/block-codec.ts';
import type { Block } from '../../../chain/block/block.ts';
import { encodeCbor } from '../../../chain/codec/cbor.ts';
import { duplicateVoteEvidence } from '../../../chain/consensus/duplicate-vote-evidence.ts';
import { encodeEvidence, encodeSignedProposal, encodeSignedVote } from '../../../chain/consensus/message-codec.ts';
import type { Proposal, Vote } from '../../../chain/consensus/messages.ts';
import { GossipValidator, maxPayloadBytes, type GossipKind, type Verdict } from '../../../chain/node/p2p/gossip-validator.ts';
import { makeBlock } from '../../consensus/fixtures.ts';
import { forgedVote, gossipContext, p2pGenesis, p2pValidatorSecret, signProposal, signVote } from '../../fixtures/p2p-net.ts';
import { testKey, transferTx } from '../../fixtures/test-chain.ts';

const genesis = p2pGenesis();
const CHAIN = genesis.chainId;
const rnd = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
const hash = rnd(32);
const vote = (o: Partial<Vote> = {}): Vote => ({ type: 'prevote', height: 7, round: 0, blockHash: hash, validator: 1, ...o });
const signed = (o: Partial<Vote> = {}, signer = o.validator ?? 1, chainId = CHAIN) => signVote(chainId, vote(o), p2pValidatorSecret(signer));

function ourBlock(height: number, chainId = CHAIN): Block {
  const b = makeBlock(height);
  return { ...b, header: { ...b.header, chainId } };
}

function proposal(block: Block, proposer = 2): Proposal {
  return { height: block.header.height, round: 1, validRound: -1, block, blockHash: blockHash(block.header), proposer };
}

function txBatch(n: number): Uint8Array {
  const from = testKey('alice');
  return encodeCbor(Array.from({ length: n }, (_, i) => transferTx(from, new Uint8Array(20).fill(1), 'TFT', new BN(1 + i), { nonce: i, chainId: CHAIN })));
}

async function verdict(kind: GossipKind, bytes: Uint8Array): Promise<Verdict> {
  return new GossipValidator(gossipContext(genesis)).validate(kind, bytes);
}

async function expectReject(kind: GossipKind, bytes: Uint8Array, reason: RegExp): Promise<void> {
  const v = await verdict(kind, bytes);
  expect(v.verdict, JSON.stringify(v)).to.equal('reject');
  if (v.verdict !== 'accept') expect(v.reason).to.match(reason);
}

describe('p2p: GossipValidator verdicts', () => {
  describe('accept', () => {
    it('a vote signed by each validator of the set, prevote and precommit, for a block and for nil', async () => {
      for (let i = 0; i < 4; i++) {
        for (const o of [{ type: 'prevote' as const }, { type: 'precommit' as const, blockHash: null }]) {
          const v = signed({ ...o, validator: i });
          const r = await verdict('vote', encodeSignedVote(v));
          expect(r.verdict).to.equal('accept');
          if (r.verdict === 'accept') expect(r.message).to.deep.equal({ kind: 'vote', vote: v });
        }
      }
    });

    it('a stale vote (height 1, round 0) is accepted: only the driver knows it is useless, and relaying it is honest', async () => {
      expect((await verdict('vote', encodeSignedVote(signed({ height: 1, round: 0 })))).verdict).to.equal('accept');
    });

    it('a proposal signed by its proposer', async () => {
      const p = signProposal(CHAIN, proposal(ourBlock(7)), p2pValidatorSecret(2));
      const r = await verdict('proposal', encodeSignedProposal(p));
      expect(r.verdict).to.equal('accept');
      if (r.verdict === 'accept' && r.message.kind === 'proposal') expect(encodeSignedProposal(r.message.proposal)).to.deep.equal(encodeSignedProposal(p));
    });

    it('evidence of two conflicting votes, both signed', async () => {
      const e = duplicateVoteEvidence(signed({ validator: 3 }), signed({ validator: 3, blockHash: null }));
      const r = await verdict('evidence', encodeEvidence(e));
      expect(r.verdict).to.equal('accept');
      if (r.verdict === 'accept') expect(r.message).to.deep.equal({ kind: 'evidence', evidence: e });
    });

    it('a batch of well-formed txs (the driver checks signatures and nonces when it admits them)', async () => {
      const r = await verdict('txs', txBatch(3));
      expect(r.verdict).to.equal('accept');
      if (r.verdict === 'accept' && r.message.kind === 'txs') expect(r.message.txs).to.have.length(3);
    });
  });

  describe('reject', () => {
    it('garbage bytes, and the bytes of another kind, on each topic', async () => {
      for (const kind of ['vote', 'proposal', 'evidence', 'txs'] as const) await expectReject(kind, rnd(40), new RegExp(`^${kind}: .*\\(CODEC_`));
      await expectReject('vote', encodeEvidence(duplicateVoteEvidence(signed(), signed({ blockHash: null }))), /^vote: /);
      await expectReject('proposal', encodeSignedVote(signed()), /^proposal: /);
      await expectReject('txs', encodeSignedVote(signed()), /^txs: /);
    });

    it('bytes over the limit of the kind, before decoding', async () => {
      const c = genesis.consensus;
      expect(maxPayloadBytes('vote', c)).to.equal(512);
      expect(maxPayloadBytes('evidence', c)).to.equal(1024);
      expect(maxPayloadBytes('proposal', c)).to.equal(c.maxBlockBytes + 64 * 1024);
      expect(maxPayloadBytes('txs', c)).to.equal(c.maxBlockBytes + 64 * 1024);
      for (const kind of ['vote', 'evidence', 'proposal', 'txs'] as const) {
        const n = maxPayloadBytes(kind, c) + 1;
        await expectReject(kind, new Uint8Array(n), new RegExp(`^${kind} of ${n} bytes is over the limit$`));
      }
    });

    it('votes: a voter outside the set, a forged signature, another validator key, another chain id', async () => {
      await expectReject('vote', encodeSignedVote(signed({ validator: 4 }, 0)), /^voter 4 is not a validator$/);
      await expectReject('vote', encodeSignedVote(forgedVote(vote())), /^bad vote signature$/);
      await expectReject('vote', encodeSignedVote(signed({ validator: 1 }, 0)), /^bad vote signature$/);
      await expectReject('vote', encodeSignedVote(signed({}, 1, 'tfr-other-1')), /^bad vote signature$/);
    });

    it('proposals: a bad signature, a proposer outside the set, a block of another chain', async () => {
      const p = proposal(ourBlock(7));
      await expectReject('proposal', encodeSignedProposal({ ...p, signature: rnd(64) }), /^bad proposal signature$/);
      await expectReject('proposal', encodeSignedProposal(signProposal(CHAIN, p, p2pValidatorSecret(1))), /^bad proposal signature$/);
      await expectReject('proposal', encodeSignedProposal(signProposal('tfr-other-1', p, p2pValidatorSecret(2))), /^bad proposal signature$/);
      await expectReject('proposal', encodeSignedProposal(signProposal(CHAIN, proposal(ourBlock(7), 4), p2pValidatorSecret(0))), /^proposer 4 is not a validator$/);
      // Correctly signed for our chain id, but the block says another chain.
      await expectReject('proposal', encodeSignedProposal(signProposal(CHAIN, proposal(ourBlock(7, 'tfr-other-1')), p2pValidatorSecret(2))), /^a proposal of another chain$/);
    });

    it('evidence with a forged vote (either one), or of a voter outside the set', async () => {
      const good = signed({ validator: 3 });
      await expectReject('evidence', encodeEvidence(duplicateVoteEvidence(good, forgedVote(vote({ validator: 3, blockHash: null })))), /^bad vote signature$/);
      await expectReject('evidence', encodeEvidence(duplicateVoteEvidence(forgedVote(vote({ validator: 3, blockHash: null })), good)), /^bad vote signature$/);
      await expectReject('evidence', encodeEvidence(duplicateVoteEvidence(signed({ validator: 9 }, 0), signed({ validator: 9, blockHash: null }, 0))), /^voter 9 is not a validator$/);
    });

    it('txs: a malformed tx in a batch, a batch over maxBlockTxs', async () => {
      const good = transferTx(testKey('alice'), new Uint8Array(20), 'TFT', new BN(1), { nonce: 0, chainId: CHAIN });
      await expectReject('txs', encodeCbor([good, rnd(30)]), /^a malformed tx in the batch: /);
      const max = genesis.consensus.maxBlockTxs;
      await expectReject('txs', encodeCbor(Array.from({ length: max + 1 }, () => new Uint8Array(0))), new RegExp(`a tx batch of ${max + 1} txs \\(at most ${max}\\)`));
    });
  });
});
