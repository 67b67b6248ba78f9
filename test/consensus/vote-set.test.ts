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

  it('the same vote twice is ignored; a conflicting vote gives evidence once and is not counted', () => {
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
    expect([powerFor(s, A), powerFor(s, null), s.power]).to.deep.equal([1, 0, 1]);
    expect(addVote(s, signedVote('precommit', 1, 2, B, 1), POWERS).outcome).to.equal('ignored');
    expect(addVote(s, signedVote('precommit', 1, 2, null, 1), POWERS).outcome).to.equal('ignored');
    expect(s.votes[1]).to.equal(first);
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
