/** Duplicate votes and evidence, out-of-range senders, memory bounds, full nodes, purity, 99 validators. */
import { expect } from 'chai';
import { step } from '../../chain/consensus/step.ts';
import type { ConsensusState } from '../../chain/consensus/consensus-state.ts';
import type { ConsensusEffect, ConsensusInput } from '../../chain/consensus/step-types.ts';
import { checked, equalValidators, hashOf, kindsOf, makeBlock, ofKind, proposalInput, run, signedVote, signedVotesIn, startedNode, timeout, voteInput, votes } from './fixtures.ts';

const V4 = equalValidators(4);
const V99 = equalValidators(99);
const B = makeBlock(1);
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe('consensus/step: faults, bounds and full nodes', () => {
  it('a repeated vote is ignored; a conflicting vote yields one evidence effect and counts for its value only', () => {
    const s = step(startedNode(4, 1).state, timeout(1, 0, 'propose')).state;
    const first = voteInput('prevote', 1, 0, hashOf(B), 0);
    const a = run(s, [first, first]);
    expect(a.effects).to.deep.equal([]);
    const conflict = step(a.state, voteInput('prevote', 1, 0, null, 0));
    expect(conflict.effects).to.deep.equal([{ kind: 'evidence', evidence: { a: signedVote('prevote', 1, 0, null, 0), b: signedVote('prevote', 1, 0, hashOf(B), 0) } }]);
    // Reported once. Validator 0's nil vote counts for nil (chain/consensus/vote-set.ts says why) but
    // not again in the total, and its third value not at all: after validator 1's nil, nil has 2 of
    // the 3 needed and the round 2 voters.
    const more = run(conflict.state, [voteInput('prevote', 1, 0, null, 0), voteInput('prevote', 1, 0, hashOf(makeBlock(1, 5)), 0), ...votes('prevote', 1, 0, null, [1])]);
    expect(ofKind(more.effects, 'evidence')).to.deep.equal([]);
    expect(ofKind(more.effects, 'sign-vote')).to.deep.equal([]);
    expect(more.state.step).to.equal('prevote');
    expect(more.state.rounds.get(0)!.prevotes.power).to.equal(2);
    const last = step(more.state, voteInput('prevote', 1, 0, null, 2));
    expect(signedVotesIn(last.effects)).to.deep.equal([{ type: 'precommit', height: 1, round: 0, blockHash: null, validator: 1 }]);
  });

  it('ignores votes from an index outside the validator set, a bad round, or another height', () => {
    const s = startedNode(4, 1).state;
    for (const input of [voteInput('prevote', 1, 0, null, 4), voteInput('prevote', 1, 0, null, -1), voteInput('prevote', 1, 0, null, 1.5), voteInput('prevote', 1, -1, null, 0), voteInput('prevote', 0, 0, null, 0), voteInput('prevote', 3, 0, null, 0)]) {
      expect(step(s, input).state).to.equal(s);
    }
  });

  it('a sender gets at most 2 rounds above round + 1 (bounded memory); rounds up to round + 1 are always open', () => {
    const r = run(startedNode(4, 1).state, [10, 11, 12, 1].map((round) => voteInput('prevote', 1, round, null, 2)));
    expect([...r.state.rounds.keys()].sort((x, y) => x - y)).to.deep.equal([1, 10, 11]);
    // Another vote in a round it already occupies is still taken.
    const same = step(r.state, voteInput('precommit', 1, 11, null, 2));
    expect(same.state.rounds.get(11)!.precommits.power).to.equal(1);
  });

  it('a full node (no own index) runs the same rules and decides, but never signs or builds', () => {
    const inputs: ConsensusInput[] = [
      proposalInput(V4, 1, 0, B),
      checked(1, B),
      ...votes('prevote', 1, 0, hashOf(B), [0, 1, 2]),
      timeout(1, 0, 'precommit'),
      ...votes('precommit', 1, 0, hashOf(B), [0, 2, 3]),
    ];
    const full = run(startedNode(4, null).state, inputs);
    expect(kindsOf(full.effects).filter((k) => k.startsWith('sign') || k === 'build-block')).to.deep.equal([]);
    expect(ofKind(full.effects, 'decide')).to.have.length(1);
    const v = run(startedNode(4, 3).state, inputs);
    expect(ofKind(v.effects, 'decide')).to.deep.equal(ofKind(full.effects, 'decide'));
    // The full node moved through the same steps (locked in round 0, then round 1 via the precommit timeout).
    expect([full.state.lockedRound, full.state.round]).to.deep.equal([v.state.lockedRound, v.state.round]);
  });

  it('is pure: re-running any step from the state it started in gives the same state and effects', () => {
    const inputs: ConsensusInput[] = [
      proposalInput(V4, 1, 0, B),
      checked(1, B),
      ...votes('prevote', 1, 0, hashOf(B), [0, 2]),
      voteInput('prevote', 1, 0, null, 0),
      voteInput('prevote', 1, 0, hashOf(B), 3),
      ...votes('precommit', 1, 0, hashOf(B), [0, 3, 2]),
      { kind: 'start-height', height: 2 },
    ];
    const trace: [ConsensusState, ConsensusInput, ConsensusState, readonly ConsensusEffect[]][] = [];
    let s = startedNode(4, 1).state;
    for (const input of inputs) {
      const snapshot = structuredClone(s);
      const r = step(s, input);
      expect(s, 'the input state is left as it was').to.deep.equal(snapshot);
      trace.push([s, input, r.state, r.effects]);
      s = r.state;
    }
    for (const [before, input, after, effects] of trace) {
      const again = step(before, input);
      expect(again.state).to.deep.equal(after);
      expect(again.effects).to.deep.equal(effects);
    }
  });

  it('99 validators: 66 prevotes are no polka, the 67th is; 33 votes of a higher round do not skip, the 34th does', () => {
    const s = run(startedNode(99, 5).state, [proposalInput(V99, 1, 0, B), checked(1, B)]).state;
    const pre = run(s, range(0, 66).map((i) => voteInput('prevote', 1, 0, hashOf(B), i)));
    expect(pre.state.step).to.equal('prevote');
    const polka = step(pre.state, voteInput('prevote', 1, 0, hashOf(B), 66));
    expect(signedVotesIn(polka.effects)).to.deep.equal([{ type: 'precommit', height: 1, round: 0, blockHash: hashOf(B), validator: 5 }]);
    const skip = run(polka.state, range(10, 43).map((i) => voteInput('prevote', 1, 4, null, i)));
    expect(skip.state.round).to.equal(0);
    expect(step(skip.state, voteInput('precommit', 1, 4, null, 43)).state.round).to.equal(4);
  });

  it('99 validators: decides on 67 precommits, the commit carrying exactly those 67 signers in index order', () => {
    const s = run(startedNode(99, 5).state, [proposalInput(V99, 1, 0, B), checked(1, B)]).state;
    const signers = range(32, 99).reverse();
    const r = run(s, signers.map((i) => voteInput('precommit', 1, 0, hashOf(B), i)));
    const [d] = ofKind(r.effects, 'decide');
    expect(d?.commit.signatures.map((x) => x.validator)).to.deep.equal(range(32, 99));
  });
});
