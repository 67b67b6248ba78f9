import { expect } from 'chai';
import { addVote, emptyVoteSet, hasQuorumAny, hasQuorumFor, hasSkipPower, NIL_KEY, powerFor, quorumValueKey, votesFor, type VoteSet } from '../../chain/consensus/vote-set.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import type { SignedVote } from '../../chain/consensus/messages.ts';
import { signedVote } from './fixtures.ts';

const A = new Uint8Array(32).fill(0xaa);
const B = new Uint8Array(32).fill(0xbb);
const POWERS = [1, 1, 1, 1];

function add(set: VoteSet, v: SignedVote): VoteSet {
  const r = addVote(set, v, POWERS);
  return r.outcome === 'ignored' ? set : r.set;
}

describe('consensus/vote-set', () => {
  it('tallies per block hash, for nil and in total; +2/3 for a value and of any', () => {
    let s = emptyVoteSet('prevote', 0, 4);
    s = add(s, signedVote('prevote', 1, 0, A, 0));
    s = add(s, signedVote('prevote', 1, 0, null, 1));
    expect([powerFor(s, A), powerFor(s, null), powerFor(s, B), s.power]).to.deep.equal([1, 1, 0, 2]);
    expect(hasSkipPower(s, 2)).to.equal(true);
    expect(hasQuorumAny(s, 3)).to.equal(false);
    s = add(s, signedVote('prevote', 1, 0, A, 2));
    expect(hasQuorumAny(s, 3)).to.equal(true);
    expect(hasQuorumFor(s, A, 3)).to.equal(false);
    expect(quorumValueKey(s, 3)).to.equal(undefined);
    s = add(s, signedVote('prevote', 1, 0, A, 3));
    expect(hasQuorumFor(s, A, 3)).to.equal(true);
    expect(quorumValueKey(s, 3)).to.equal(toHex(A));
    expect(votesFor(s, A).map((v) => v.validator)).to.deep.equal([0, 2, 3]);
  });

  it('the same vote twice is ignored; a conflicting vote gives evidence once and counts for its value, not in the total', () => {
    let s = emptyVoteSet('precommit', 2, 4);
    const first = signedVote('precommit', 1, 2, A, 1);
    s = add(s, first);
    expect(addVote(s, signedVote('precommit', 1, 2, A, 1, 9), POWERS).outcome).to.equal('ignored');
    const conflict = addVote(s, signedVote('precommit', 1, 2, null, 1), POWERS);
    expect(conflict.outcome).to.equal('conflict');
    if (conflict.outcome !== 'conflict') return;
    // Canonical order: nil first.
    expect(conflict.evidence.a.blockHash).to.equal(null);
    expect(conflict.evidence.b).to.equal(first);
    s = conflict.set;
    expect([powerFor(s, A), powerFor(s, null), s.power]).to.deep.equal([1, 1, 1]);
    expect(addVote(s, signedVote('precommit', 1, 2, B, 1), POWERS).outcome).to.equal('ignored');
    expect(addVote(s, signedVote('precommit', 1, 2, null, 1), POWERS).outcome).to.equal('ignored');
    expect([powerFor(s, B), powerFor(s, null), s.power]).to.deep.equal([0, 1, 1]);
    expect(s.votes[1]).to.equal(first);
  });

  it("an equivocator's second vote completes a quorum for its value, and is among that value's commit signatures", () => {
    // Validators 0 and 2 prevote A; validator 1 was heard first for B, then for A: A has 3 of 4.
    let s = emptyVoteSet('precommit', 0, 4);
    for (const v of [signedVote('precommit', 1, 0, B, 1), signedVote('precommit', 1, 0, A, 0), signedVote('precommit', 1, 0, A, 2)]) s = add(s, v);
    expect(hasQuorumFor(s, A, 3)).to.equal(false);
    const second = signedVote('precommit', 1, 0, A, 1);
    s = add(s, second);
    expect(hasQuorumFor(s, A, 3)).to.equal(true);
    expect(quorumValueKey(s, 3)).to.equal(toHex(A));
    expect(hasQuorumAny(s, 3)).to.equal(true);
    expect(s.power).to.equal(3);
    expect(votesFor(s, A).map((v) => v.validator)).to.deep.equal([0, 1, 2]);
    expect(votesFor(s, A)[1]).to.equal(second);
    expect(votesFor(s, B).map((v) => v.validator)).to.deep.equal([1]);
  });

  it('later conflicting votes are credited only to nil or values that already have power; each value once', () => {
    const G = new Uint8Array(32).fill(0x66);
    let s = emptyVoteSet('prevote', 0, 4);
    s = add(s, signedVote('prevote', 1, 0, G, 1)); // validator 1's first vote: a made-up hash
    const nil = addVote(s, signedVote('prevote', 1, 0, null, 1), POWERS);
    expect(nil.outcome).to.equal('conflict'); // reported once, and nil is credited
    if (nil.outcome !== 'conflict') return;
    s = nil.set;
    // B has no power: not credited (nor reported again).
    expect(addVote(s, signedVote('prevote', 1, 0, B, 1), POWERS).outcome).to.equal('ignored');
    s = add(s, signedVote('prevote', 1, 0, A, 0));
    s = add(s, signedVote('prevote', 1, 0, A, 2));
    // Now A has power: validator 1's vote for A is credited, completing the polka; the total stays 3.
    const a = addVote(s, signedVote('prevote', 1, 0, A, 1), POWERS);
    expect(a.outcome).to.equal('credited');
    if (a.outcome !== 'credited') return;
    s = a.set;
    expect([powerFor(s, A), powerFor(s, null), powerFor(s, G), powerFor(s, B), s.power]).to.deep.equal([3, 1, 1, 0, 3]);
    expect(addVote(s, signedVote('prevote', 1, 0, A, 1, 7), POWERS).outcome).to.equal('ignored');
    expect(votesFor(s, A).map((v) => v.validator)).to.deep.equal([0, 1, 2]);
  });

  it('nil has its own key, and a vote of another round, type or index throws', () => {
    expect(quorumValueKey(add(emptyVoteSet('prevote', 0, 1), signedVote('prevote', 1, 0, null, 0)), 1)).to.equal(NIL_KEY);
    const s = emptyVoteSet('prevote', 0, 4);
    expect(() => addVote(s, signedVote('prevote', 1, 1, A, 0), POWERS)).to.throw(RangeError);
    expect(() => addVote(s, signedVote('precommit', 1, 0, A, 0), POWERS)).to.throw(RangeError);
    expect(() => addVote(s, signedVote('prevote', 1, 0, A, 4), POWERS)).to.throw(RangeError);
  });

  it('does not modify the set it adds to', () => {
    const s = emptyVoteSet('prevote', 0, 4);
    add(s, signedVote('prevote', 1, 0, A, 0));
    expect([s.power, s.votes[0], s.powerByValue.size]).to.deep.equal([0, undefined, 0]);
  });
});
