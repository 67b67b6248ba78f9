import { expect } from 'chai';
import { fullCommit } from '../../chain/consensus/full-commit.ts';
import { checked, hashOf, makeBlock, proposalInput, run, startedNode, voteInput } from './fixtures.ts';
import { equalValidators } from './fixtures.ts';

const V4 = equalValidators(4);
const D = makeBlock(1, 4);

describe('consensus: late precommits after the decision', () => {
  it('are recorded without running any rule, and the full commit lists every signer', () => {
    const s = run(startedNode(4, 1).state, [proposalInput(V4, 1, 0, D), checked(1, D)]).state;
    const decided = run(s, [0, 2, 3].map((i) => voteInput('precommit', 1, 0, hashOf(D), i)));
    expect(decided.state.decision?.commit.signatures.map((x) => x.validator)).to.deep.equal([0, 2, 3]);
    const late = run(decided.state, [voteInput('precommit', 1, 0, hashOf(D), 1), voteInput('prevote', 1, 0, hashOf(D), 1), voteInput('precommit', 1, 1, hashOf(D), 1)]);
    expect(late.effects).to.deep.equal([]);
    expect(fullCommit(late.state)?.signatures.map((x) => x.validator)).to.deep.equal([0, 1, 2, 3]);
    expect(late.state.decision?.commit.signatures).to.have.length(3); // the decision itself is unchanged
  });

  it('is null before a decision', () => {
    expect(fullCommit(startedNode(4, 1).state)).to.equal(null);
  });
});
