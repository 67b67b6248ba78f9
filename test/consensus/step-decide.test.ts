/** The decision (lines 49-54): in any round, with a late proposal, once per height; then the next height. */
import { expect } from 'chai';
import { step } from '../../chain/consensus/step.ts';
import { checked, equalValidators, hashOf, kindsOf, makeBlock, ofKind, proposalInput, run, SIG, startedNode, timeout, voteInput, votes } from './fixtures.ts';

const V4 = equalValidators(4);
const B = makeBlock(1);
const D = makeBlock(1, 2);

describe('consensus/step: decide (lines 49-54)', () => {
  it('decides on +2/3 precommits of a LATER round than its own, with the commit sorted by validator', () => {
    const s = run(startedNode(4, 1).state, [proposalInput(V4, 1, 2, D), checked(1, D)]).state;
    expect(s.round).to.equal(0);
    const r = run(s, [3, 0, 2].map((i) => voteInput('precommit', 1, 2, hashOf(D), i)));
    const decided = ofKind(r.effects, 'decide');
    expect(decided).to.deep.equal([
      {
        kind: 'decide',
        height: 1,
        round: 2,
        block: D,
        commit: { height: 1, round: 2, blockHash: hashOf(D), signatures: [0, 2, 3].map((validator) => ({ validator, signature: SIG })) },
      },
    ]);
    expect(r.state.decision?.round).to.equal(2);
  });

  it('decides on +2/3 precommits of an EARLIER round whose proposal arrives late, after its check', () => {
    const s = run(startedNode(4, 1).state, [...votes('precommit', 1, 0, hashOf(B), [0, 2, 3]), timeout(1, 0, 'precommit')]).state;
    expect(s.round).to.equal(1);
    const late = step(s, proposalInput(V4, 1, 0, B));
    expect(kindsOf(late.effects)).to.deep.equal(['check-block']);
    const r = step(late.state, checked(1, B));
    expect(ofKind(r.effects, 'decide').map((e) => [e.round, e.commit.signatures.map((x) => x.validator)])).to.deep.equal([[0, [0, 2, 3]]]);
  });

  it('does not decide a block its check found invalid, nor on +2/3 precommits for nil', () => {
    const s = run(startedNode(4, 1).state, [proposalInput(V4, 1, 0, B), checked(1, B, false), ...votes('precommit', 1, 0, hashOf(B), [0, 2, 3])]);
    expect(ofKind(s.effects, 'decide')).to.deep.equal([]);
    const nil = run(startedNode(4, 1).state, votes('precommit', 1, 0, null, [0, 2, 3]));
    expect(ofKind(nil.effects, 'decide')).to.deep.equal([]);
  });

  it('decides once per height: afterwards messages and timeouts of the height are ignored (late precommits of the deciding round are only recorded)', () => {
    const d = run(startedNode(4, 1).state, [proposalInput(V4, 1, 0, B), checked(1, B), ...votes('precommit', 1, 0, hashOf(B), [0, 2, 3])]);
    expect(ofKind(d.effects, 'decide')).to.have.length(1);
    for (const input of [timeout(1, 0, 'precommit'), proposalInput(V4, 1, 1, D), voteInput('precommit', 1, 1, hashOf(D), 0), voteInput('prevote', 1, 0, hashOf(B), 1)]) {
      const r = step(d.state, input);
      expect(r.effects).to.deep.equal([]);
      expect(r.state).to.equal(d.state);
    }
    const late = step(d.state, voteInput('precommit', 1, 0, hashOf(B), 1));
    expect(late.effects).to.deep.equal([]);
    expect(late.state.decision).to.equal(d.state.decision);
  });

  it('start-height: the next height starts at round 0 with lock and valid value reset (lines 52-54)', () => {
    const locked = run(startedNode(4, 1).state, [proposalInput(V4, 1, 0, B), checked(1, B), ...votes('prevote', 1, 0, hashOf(B), [0, 2, 3]), ...votes('precommit', 1, 0, hashOf(B), [0, 2, 3])]);
    expect(locked.state.lockedRound).to.equal(0);
    const next = step(locked.state, { kind: 'start-height', height: 2 });
    // proposer(2, 0) = validator 1.
    expect(next.effects).to.deep.equal([
      { kind: 'build-block', height: 2, round: 0 },
      { kind: 'schedule-timeout', height: 2, round: 0, step: 'propose', durationMs: 30 },
    ]);
    const st = next.state;
    expect([st.height, st.round, st.step, st.lockedRound, st.lockedValue, st.validRound, st.validValue, st.decision, st.rounds.size]).to.deep.equal([2, 0, 'propose', -1, null, -1, null, null, 0]);
  });

  it('keeps proposals and votes of height + 1 received early and replays them on start-height; ignores height + 2', () => {
    const B2 = makeBlock(2);
    const early = run(startedNode(4, 2).state, [
      proposalInput(V4, 2, 0, B2),
      ...votes('prevote', 2, 0, hashOf(B2), [0, 1]),
      voteInput('prevote', 3, 0, null, 0),
      proposalInput(V4, 1, 0, B),
      checked(1, B),
      ...votes('precommit', 1, 0, hashOf(B), [0, 1, 3]),
    ]);
    expect(kindsOf(early.effects)).to.deep.equal(['check-block', 'sign-vote', 'decide']);
    expect(early.state.nextHeight).to.have.length(3);
    const next = step(early.state, { kind: 'start-height', height: 2 });
    expect(kindsOf(next.effects)).to.deep.equal(['schedule-timeout', 'check-block']);
    expect(next.state.rounds.get(0)!.prevotes.power).to.equal(2);
    const pv = step(next.state, checked(2, B2));
    expect(ofKind(pv.effects, 'sign-vote').map((e) => [e.vote.height, e.vote.type])).to.deep.equal([[2, 'prevote']]);
  });

  it('a start-height above the current one is accepted without a decision (the block came from sync)', () => {
    const r = step(startedNode(4, 1).state, { kind: 'start-height', height: 7 });
    expect([r.state.height, r.state.round, r.state.nextHeight.length]).to.deep.equal([7, 0, 0]);
    expect(ofKind(r.effects, 'schedule-timeout')).to.have.length(1);
  });
});
