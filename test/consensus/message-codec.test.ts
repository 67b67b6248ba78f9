import { expect } from 'chai';
import { encodeCbor } from '../../chain/codec/cbor.ts';
import { signingBytes, SIGNING_PURPOSE } from '../../chain/crypto/domain.ts';
import { encodeBlock } from '../../chain/block/block-codec.ts';
import {
  decodeCommit,
  decodeEvidence,
  decodeSignedProposal,
  decodeSignedVote,
  encodeCommit,
  encodeEvidence,
  encodeSignedProposal,
  encodeSignedVote,
  proposalSignBytes,
  voteSignBytes,
} from '../../chain/consensus/message-codec.ts';
import { duplicateVoteEvidence } from '../../chain/consensus/duplicate-vote-evidence.ts';
import type { Commit, SignedProposal, SignedVote } from '../../chain/consensus/messages.ts';
import { codeOf } from '../fixtures/expect-code.ts';
import { equalValidators, hashOf, makeBlock, signedProposal, signedVote } from './fixtures.ts';

const H = new Uint8Array(32).fill(0x11);
const H2 = new Uint8Array(32).fill(0x22);
const S = new Uint8Array(64).fill(0x33);
const block = { ...makeBlock(9, 1), txs: [new Uint8Array([1, 2, 3]), new Uint8Array(0)] };
const proposal: SignedProposal = { ...signedProposal(equalValidators(4), 9, 3, block, 1), signature: S };
const commit: Commit = { height: 9, round: 3, blockHash: H, signatures: [{ validator: 0, signature: S }, { validator: 2, signature: S }, { validator: 3, signature: S }] };

describe('consensus/message-codec', () => {
  it('round-trips votes (for a block and for nil), proposals, commits and evidence, byte for byte', () => {
    for (const v of [signedVote('prevote', 1, 0, H, 3), signedVote('precommit', 2 ** 40, 7, null, 98)]) {
      const bytes = encodeSignedVote(v);
      expect(decodeSignedVote(bytes)).to.deep.equal(v);
      expect(encodeSignedVote(decodeSignedVote(bytes))).to.deep.equal(bytes);
    }
    const pb = encodeSignedProposal(proposal);
    const back = decodeSignedProposal(pb);
    expect(back).to.deep.equal(proposal);
    expect(back.blockHash).to.deep.equal(hashOf(block));
    expect(decodeSignedProposal(encodeSignedProposal({ ...proposal, round: 0, validRound: -1 })).validRound).to.equal(-1);
    expect(decodeCommit(encodeCommit(commit))).to.deep.equal(commit);
    const ev = duplicateVoteEvidence(signedVote('prevote', 4, 1, H2, 5), signedVote('prevote', 4, 1, H, 5));
    expect(ev.a.blockHash).to.deep.equal(H);
    expect(decodeEvidence(encodeEvidence(ev))).to.deep.equal(ev);
  });

  it('sign bytes are the domain-separated canonical arrays of the specification', () => {
    const v = signedVote('precommit', 5, 2, null, 7);
    expect(voteSignBytes('tfr-test', v)).to.deep.equal(signingBytes(SIGNING_PURPOSE.vote, 'tfr-test', encodeCbor(['precommit', 5, 2, null, 7])));
    expect(proposalSignBytes('tfr-test', proposal)).to.deep.equal(signingBytes(SIGNING_PURPOSE.proposal, 'tfr-test', encodeCbor([9, 3, 1, hashOf(block), proposal.proposer])));
    // The signature does not cover itself, and another chain or purpose gives other bytes.
    const resigned: SignedVote = { ...v, signature: new Uint8Array(64) };
    expect(voteSignBytes('tfr-test', resigned)).to.deep.equal(voteSignBytes('tfr-test', v));
    expect(voteSignBytes('tfr-other', v)).to.not.deep.equal(voteSignBytes('tfr-test', v));
    const asVote = signingBytes(SIGNING_PURPOSE.vote, 'tfr-test', encodeCbor([9, 3, 1, hashOf(block), proposal.proposer]));
    expect(proposalSignBytes('tfr-test', proposal)).to.not.deep.equal(asVote);
  });

  it('rejects malformed votes', () => {
    const good = ['prevote', 1, 0, H, 3, S];
    const bad = (i: number, x: unknown): Uint8Array => encodeCbor(good.map((g, j) => (j === i ? x : g)) as never);
    expect(codeOf(() => decodeSignedVote(bad(0, 'prepare')))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeSignedVote(bad(0, 1)))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeSignedVote(bad(1, -1)))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeSignedVote(bad(3, new Uint8Array(31))))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeSignedVote(bad(3, false)))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeSignedVote(bad(5, new Uint8Array(63))))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeSignedVote(encodeCbor(good.slice(0, 5) as never)))).to.equal('CODEC_WRONG_TYPE');
    const bytes = encodeSignedVote(signedVote('prevote', 1, 0, H, 3));
    expect(codeOf(() => decodeSignedVote(new Uint8Array([...bytes, 0])))).to.match(/^CODEC_/);
    expect(codeOf(() => decodeSignedVote(bytes.subarray(0, bytes.length - 1)))).to.equal('CODEC_MALFORMED');
    // 1 written as a two-byte integer: decodes, but is not canonical.
    const nonMinimal = new Uint8Array([0x86, 0x67, ...new TextEncoder().encode('prevote'), 0x18, 0x01, 0x00, 0x58, 0x20, ...H, 0x03, 0x58, 0x40, ...S]);
    expect(codeOf(() => decodeSignedVote(nonMinimal))).to.equal('CODEC_NON_CANONICAL');
  });

  it('rejects malformed proposals', () => {
    const items = (over: Record<number, unknown>): Uint8Array =>
      encodeCbor([9, 3, 1, encodeBlock(block), 2, S].map((g, j) => (j in over ? over[j] : g)) as never);
    expect(codeOf(() => decodeSignedProposal(items({})))).to.equal('no error');
    expect(codeOf(() => decodeSignedProposal(items({ 2: 3 })))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeSignedProposal(items({ 2: -2 })))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeSignedProposal(items({ 3: new Uint8Array([0x80]) })))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeSignedProposal(items({ 3: new Uint8Array([0xff]) })))).to.equal('CODEC_MALFORMED');
    expect(codeOf(() => decodeSignedProposal(items({ 3: encodeCbor([1, 2]) })))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeSignedProposal(items({ 5: new Uint8Array(64 + 1) })))).to.equal('CODEC_WRONG_TYPE');
  });

  it('rejects commits that are empty, unsorted or repeat a signer', () => {
    const enc = (sigs: readonly (readonly [number, Uint8Array])[]): Uint8Array => encodeCbor([9, 3, H, sigs.map((x) => [...x])]);
    expect(codeOf(() => decodeCommit(enc([[0, S], [4, S]])))).to.equal('no error');
    expect(codeOf(() => decodeCommit(enc([])))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeCommit(enc([[4, S], [0, S]])))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeCommit(enc([[1, S], [1, S]])))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeCommit(enc([[1, new Uint8Array(3)]])))).to.equal('CODEC_WRONG_TYPE');
    expect(codeOf(() => decodeCommit(encodeCbor([9, 3, null, [[0, S]]])))).to.equal('CODEC_WRONG_TYPE');
  });

  it('rejects evidence whose votes do not conflict or are out of canonical order', () => {
    const vote = (h: Uint8Array | null, over: Partial<Record<'type' | 'height' | 'round' | 'validator', unknown>> = {}): unknown[] =>
      [over.type ?? 'prevote', over.height ?? 4, over.round ?? 1, h, over.validator ?? 5, S];
    const enc = (a: unknown[], b: unknown[]): Uint8Array => encodeCbor([a, b] as never);
    expect(codeOf(() => decodeEvidence(enc(vote(null), vote(H))))).to.equal('no error');
    expect(codeOf(() => decodeEvidence(enc(vote(H), vote(null))))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeEvidence(enc(vote(H2), vote(H))))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeEvidence(enc(vote(H), vote(H))))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeEvidence(enc(vote(null), vote(H, { validator: 6 }))))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeEvidence(enc(vote(null), vote(H, { round: 2 }))))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeEvidence(enc(vote(null), vote(H, { type: 'precommit' }))))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeEvidence(enc(vote(null), vote(H, { height: 5 }))))).to.equal('CONS_MALFORMED');
    expect(codeOf(() => decodeEvidence(encodeCbor([vote(null) as never])))).to.equal('CODEC_WRONG_TYPE');
    expect(() => duplicateVoteEvidence(signedVote('prevote', 1, 0, H, 1), signedVote('prevote', 1, 0, H, 1))).to.throw(RangeError);
  });
});
