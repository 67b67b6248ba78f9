/** Prevote and precommit rules: polka and lock (36-43), proposals with validRound (28-33), nil polka (44-46), "2f+1 any" (34-35, 47-48). */
import { expect } from 'chai';
import { toHex } from '../../chain/codec/bytes.ts';
import { step } from '../../chain/consensus/step.ts';
import type { ConsensusState } from '../../chain/consensus/consensus-state.ts';
import { checked, equalValidators, hashOf, makeBlock, proposalInput, run, signedVotesIn, startedNode, timeout, voteInput, votes } from './fixtures.ts';

const V4 = equalValidators(4);
const B = makeBlock(1);
const C = makeBlock(1, 1);

/** Node `own` prevoted B in round 0 of height 1 (proposer 0). */
function prevotedB(own: number): ConsensusState {
  return run(startedNode(4, own).state, [proposalInput(V4, 1, 0, B), checked(1, B)]).state;
}

/** Node 3 locked on B in round 0, then skipped to round 2 on f + 1 precommits nil of round 2. */
function lockedOnBInRound2(): ConsensusState {
  const r = run(prevotedB(3), [...votes('prevote', 1, 0, hashOf(B), [0, 1, 3]), ...votes('precommit', 1, 2, null, [0, 1])]);
  expect([r.state.round, r.state.lockedRound, r.state.step]).to.deep.equal([2, 0, 'propose']);
  return r.state;
}

describe('consensus/step: locking and the prevote/precommit rules', () => {
  it('lines 36-43: on a polka for the valid proposal while in prevote: lock, precommit it, set the valid value', () => {
    const s = prevotedB(1);
    const two = run(s, votes('prevote', 1, 0, hashOf(B), [0, 1]));
    expect(two.effects).to.deep.equal([]);
    const three = step(two.state, voteInput('prevote', 1, 0, hashOf(B), 2));
    expect(three.effects).to.deep.equal([{ kind: 'sign-vote', vote: { type: 'precommit', height: 1, round: 0, blockHash: hashOf(B), validator: 1 } }]);
    const st = three.state;
    expect([st.step, st.lockedRound, st.lockedValue?.key, st.validRound, st.validValue?.key]).to.deep.equal(['precommit', 0, toHex(hashOf(B)), 0, toHex(hashOf(B))]);
    // "For the first time": the fourth prevote changes nothing.
    expect(step(st, voteInput('prevote', 1, 0, hashOf(B), 3)).effects).to.deep.equal([]);
  });

  it('lines 36-43: a polka seen only once in the precommit step sets the valid value but does not lock', () => {
    const nil = step(prevotedB(1), timeout(1, 0, 'prevote'));
    expect(signedVotesIn(nil.effects)).to.deep.equal([{ type: 'precommit', height: 1, round: 0, blockHash: null, validator: 1 }]);
    const r = run(nil.state, votes('prevote', 1, 0, hashOf(B), [0, 2, 3]));
    expect(r.effects).to.deep.equal([]);
    expect([r.state.lockedRound, r.state.lockedValue, r.state.validRound, r.state.validValue?.key]).to.deep.equal([-1, null, 0, toHex(hashOf(B))]);
  });

  it('lines 36-43 wait for block-checked: a polka for a block not yet known valid does not lock', () => {
    const s = run(startedNode(4, 1).state, [proposalInput(V4, 1, 0, B), timeout(1, 0, 'propose'), ...votes('prevote', 1, 0, hashOf(B), [0, 2, 3])]);
    expect(s.state.lockedRound).to.equal(-1);
    const r = step(s.state, checked(1, B));
    expect(signedVotesIn(r.effects)).to.deep.equal([{ type: 'precommit', height: 1, round: 0, blockHash: hashOf(B), validator: 1 }]);
    expect(r.state.lockedRound).to.equal(0);
  });

  it('lines 15-19: after a round ends, the proposer of the next round re-proposes its valid value with validRound', () => {
    const locked = run(prevotedB(1), votes('prevote', 1, 0, hashOf(B), [0, 1, 2]));
    const r = run(locked.state, [...votes('precommit', 1, 0, null, [0, 2]), voteInput('precommit', 1, 0, hashOf(B), 1), timeout(1, 0, 'precommit')]);
    expect(r.effects.slice(-2)).to.deep.equal([
      { kind: 'sign-proposal', proposal: { height: 1, round: 1, validRound: 0, block: B, blockHash: hashOf(B), proposer: 1 } },
      { kind: 'schedule-timeout', height: 1, round: 1, step: 'propose', durationMs: 40 },
    ]);
  });

  it('keeps the lock: a different value proposed with validRound -1 gets a nil prevote, without waiting for its check', () => {
    const s = lockedOnBInRound2();
    const r = step(s, proposalInput(V4, 1, 2, C));
    expect(r.effects).to.deep.equal([
      { kind: 'check-block', height: 1, block: C, blockHash: hashOf(C) },
      { kind: 'sign-vote', vote: { type: 'prevote', height: 1, round: 2, blockHash: null, validator: 3 } },
    ]);
  });

  it('keeps the lock but prevotes the locked value itself when it is proposed again', () => {
    const r = step(lockedOnBInRound2(), proposalInput(V4, 1, 2, B));
    expect(signedVotesIn(r.effects)).to.deep.equal([{ type: 'prevote', height: 1, round: 2, blockHash: hashOf(B), validator: 3 }]);
  });

  it('lines 28-33: unlocks for a value with a newer polka (validRound >= lockedRound)', () => {
    const s = lockedOnBInRound2();
    // The polka for C in round 1 (above the lock's round 0); then C re-proposed in round 2 with validRound 1.
    const r = run(s, [...votes('prevote', 1, 1, hashOf(C), [0, 1, 2]), proposalInput(V4, 1, 2, C, 1)]);
    expect(signedVotesIn(r.effects)).to.deep.equal([]);
    const ok = step(r.state, checked(1, C));
    expect(signedVotesIn(ok.effects)).to.deep.equal([{ type: 'prevote', height: 1, round: 2, blockHash: hashOf(C), validator: 3 }]);
  });

  it('lines 28-33: without the polka of validRound, waits (then the propose timeout prevotes nil)', () => {
    const s = lockedOnBInRound2();
    const r = run(s, [proposalInput(V4, 1, 2, C, 1), checked(1, C), ...votes('prevote', 1, 1, hashOf(C), [0, 1])]);
    expect(signedVotesIn(r.effects)).to.deep.equal([]);
    const late = step(r.state, voteInput('prevote', 1, 1, hashOf(C), 2));
    expect(signedVotesIn(late.effects)).to.deep.equal([{ type: 'prevote', height: 1, round: 2, blockHash: hashOf(C), validator: 3 }]);
    const timedOut = step(r.state, timeout(1, 2, 'propose'));
    expect(signedVotesIn(timedOut.effects)).to.deep.equal([{ type: 'prevote', height: 1, round: 2, blockHash: null, validator: 3 }]);
  });

  it('lines 28-32: a polka older than the lock does not unlock (lockedRound > validRound): prevote nil', () => {
    // Node 3 sits out round 0 (nil prevote and precommit), skips to round 1 and locks on B there.
    const r0 = run(startedNode(4, 3).state, [timeout(1, 0, 'propose'), timeout(1, 0, 'prevote'), ...votes('precommit', 1, 1, null, [0, 1])]);
    expect(r0.state.round).to.equal(1);
    const locked = run(r0.state, [proposalInput(V4, 1, 1, B), checked(1, B), ...votes('prevote', 1, 1, hashOf(B), [0, 1, 3])]);
    expect([locked.state.lockedRound, locked.state.lockedValue?.key]).to.deep.equal([1, toHex(hashOf(B))]);
    // A polka for C in round 0 arrives late; in round 2, C is proposed with validRound 0.
    const r2 = run(locked.state, [...votes('prevote', 1, 0, hashOf(C), [0, 1, 2]), ...votes('precommit', 1, 2, null, [0, 1])]);
    expect(r2.state.round).to.equal(2);
    const r = step(r2.state, proposalInput(V4, 1, 2, C, 0));
    expect(signedVotesIn(r.effects)).to.deep.equal([{ type: 'prevote', height: 1, round: 2, blockHash: null, validator: 3 }]);
  });

  it('lines 44-46: +2/3 prevotes nil while in prevote: precommit nil (and no prevote timeout)', () => {
    const s = step(startedNode(4, 1).state, timeout(1, 0, 'propose')).state;
    const r = run(s, votes('prevote', 1, 0, null, [0, 1, 2]));
    expect(r.effects).to.deep.equal([{ kind: 'sign-vote', vote: { type: 'precommit', height: 1, round: 0, blockHash: null, validator: 1 } }]);
    expect(r.state.step).to.equal('precommit');
  });

  it('lines 34-35: +2/3 prevotes of mixed values while in prevote: schedule the prevote timeout, once', () => {
    const r = run(prevotedB(1), [voteInput('prevote', 1, 0, hashOf(B), 1), voteInput('prevote', 1, 0, null, 2), voteInput('prevote', 1, 0, hashOf(C), 0)]);
    expect(r.effects).to.deep.equal([{ kind: 'schedule-timeout', height: 1, round: 0, step: 'prevote', durationMs: 20 }]);
    expect(step(r.state, voteInput('prevote', 1, 0, null, 3)).effects).to.deep.equal([]);
  });

  it('lines 47-48: +2/3 precommits of mixed values in any step: schedule the precommit timeout, once', () => {
    const s = startedNode(4, 2).state;
    const r = run(s, [voteInput('precommit', 1, 0, hashOf(B), 0), voteInput('precommit', 1, 0, null, 1), voteInput('precommit', 1, 0, hashOf(C), 3)]);
    expect(r.state.step).to.equal('propose');
    expect(r.effects).to.deep.equal([{ kind: 'schedule-timeout', height: 1, round: 0, step: 'precommit', durationMs: 25 }]);
    expect(step(r.state, voteInput('precommit', 1, 0, null, 2)).effects).to.deep.equal([]);
  });
});
