/** Timeouts (lines 57-67), their growth per round, and the round skip (lines 55-56). */
import { expect } from 'chai';
import { step } from '../../chain/consensus/step.ts';
import { checked, equalValidators, hashOf, makeBlock, ofKind, proposalInput, run, startedNode, timeout, voteInput } from './fixtures.ts';

const V4 = equalValidators(4);
const B = makeBlock(1);

describe('consensus/step: timeouts and round skip (lines 55-67)', () => {
  it('lines 57-60: propose timeout in the propose step: prevote nil', () => {
    const r = step(startedNode(4, 1).state, timeout(1, 0, 'propose'));
    expect(r.effects).to.deep.equal([{ kind: 'sign-vote', vote: { type: 'prevote', height: 1, round: 0, blockHash: null, validator: 1 } }]);
    expect(r.state.step).to.equal('prevote');
    // Fired again, or for another height or round: stale, ignored.
    for (const t of [timeout(1, 0, 'propose'), timeout(2, 0, 'prevote'), timeout(1, 1, 'prevote')]) {
      expect(step(r.state, t).state).to.equal(r.state);
    }
  });

  it('lines 61-64: prevote timeout in the prevote step: precommit nil; not in another step', () => {
    const s = startedNode(4, 1).state;
    expect(step(s, timeout(1, 0, 'prevote')).state).to.equal(s);
    const r = run(s, [timeout(1, 0, 'propose'), timeout(1, 0, 'prevote')]);
    expect(r.effects.at(-1)).to.deep.equal({ kind: 'sign-vote', vote: { type: 'precommit', height: 1, round: 0, blockHash: null, validator: 1 } });
    expect(r.state.step).to.equal('precommit');
  });

  it('lines 65-67: precommit timeout in any step: next round, whose timeouts are longer', () => {
    const r = step(startedNode(4, 2).state, timeout(1, 0, 'precommit'));
    expect(r.state.round).to.equal(1);
    expect(r.effects).to.deep.equal([{ kind: 'schedule-timeout', height: 1, round: 1, step: 'propose', durationMs: 40 }]);
    // Round 1's proposer is validator 1: it is asked for a block.
    const p = step(startedNode(4, 1).state, timeout(1, 0, 'precommit'));
    expect(p.effects[0]).to.deep.equal({ kind: 'build-block', height: 1, round: 1 });
  });

  it('timeouts grow per round: the durations scheduled in round 3 are base + 3 deltas', () => {
    let s = startedNode(4, 1).state;
    for (const r of [0, 1, 2]) s = step(s, timeout(1, r, 'precommit')).state;
    const r = run(s, [proposalInput(V4, 1, 3, B), checked(1, B), voteInput('prevote', 1, 3, null, 0), voteInput('prevote', 1, 3, hashOf(makeBlock(1, 9)), 2), voteInput('prevote', 1, 3, hashOf(B), 1)]);
    const sched = ofKind(r.effects, 'schedule-timeout').map((e) => [e.step, e.durationMs]);
    expect(sched).to.deep.equal([['prevote', 20 + 3 * 5]]);
    const pc = run(r.state, [voteInput('precommit', 1, 3, null, 0), voteInput('precommit', 1, 3, null, 2), voteInput('precommit', 1, 3, null, 3)]);
    expect(ofKind(pc.effects, 'schedule-timeout').map((e) => [e.step, e.durationMs])).to.deep.equal([['precommit', 25 + 3 * 7]]);
  });

  it('lines 55-56: f + 1 votes of a higher round skip to it; one vote, or two votes of one validator, do not', () => {
    const s = startedNode(4, 1).state;
    const one = run(s, [voteInput('prevote', 1, 5, null, 2), voteInput('precommit', 1, 5, null, 2)]);
    expect([one.state.round, one.effects]).to.deep.equal([0, []]);
    const two = step(one.state, voteInput('precommit', 1, 5, null, 3));
    expect(two.state.round).to.equal(5);
    expect(two.state.step).to.equal('propose');
    // Round 5's proposer is validator 1 (5 mod 4): StartRound(5) asks it for a block.
    expect(two.effects).to.deep.equal([
      { kind: 'build-block', height: 1, round: 5 },
      { kind: 'schedule-timeout', height: 1, round: 5, step: 'propose', durationMs: 30 + 5 * 10 },
    ]);
  });

  it('lines 55-56: votes of a lower or the current round never skip', () => {
    const s = step(startedNode(4, 1).state, timeout(1, 0, 'precommit')).state;
    const r = run(s, [voteInput('prevote', 1, 0, null, 2), voteInput('prevote', 1, 0, null, 3), voteInput('prevote', 1, 1, null, 2), voteInput('prevote', 1, 1, null, 3)]);
    expect(r.state.round).to.equal(1);
  });
});
