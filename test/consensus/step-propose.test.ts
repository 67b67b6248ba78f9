/** StartRound (lines 11-21) and the first prevote upon a proposal (lines 22-27), with admission. */
import { expect } from 'chai';
import { step } from '../../chain/consensus/step.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { checked, equalValidators, hashOf, kindsOf, makeBlock, ofKind, proposalInput, run, signedVotesIn, startedNode } from './fixtures.ts';

const V4 = equalValidators(4);
const B = makeBlock(1);
const C = makeBlock(1, 1);

describe('consensus/step: propose (lines 11-27)', () => {
  it('lines 14-19: the proposer asks for a block, proposes it with validRound -1, and prevotes its own proposal without a check', () => {
    const start = startedNode(4, 0);
    expect(start.effects).to.deep.equal([
      { kind: 'build-block', height: 1, round: 0 },
      { kind: 'schedule-timeout', height: 1, round: 0, step: 'propose', durationMs: 30 },
    ]);
    const built = step(start.state, { kind: 'own-block', height: 1, round: 0, block: B });
    expect(built.effects).to.deep.equal([{ kind: 'sign-proposal', proposal: { height: 1, round: 0, validRound: -1, block: B, blockHash: hashOf(B), proposer: 0 } }]);
    // A second answer, or one for another round, is ignored.
    expect(step(built.state, { kind: 'own-block', height: 1, round: 0, block: C }).effects).to.deep.equal([]);
    expect(step(start.state, { kind: 'own-block', height: 1, round: 1, block: C }).effects).to.deep.equal([]);
    // The driver feeds the signed proposal back: no check-block for its own block, a prevote for it.
    const back = step(built.state, proposalInput(V4, 1, 0, B));
    expect(back.effects).to.deep.equal([{ kind: 'sign-vote', vote: { type: 'prevote', height: 1, round: 0, blockHash: hashOf(B), validator: 0 } }]);
    expect(back.state.step).to.equal('prevote');
  });

  it('line 21: a non-proposer only schedules the propose timeout', () => {
    expect(startedNode(4, 1).effects).to.deep.equal([{ kind: 'schedule-timeout', height: 1, round: 0, step: 'propose', durationMs: 30 }]);
  });

  it('lines 22-24: a non-proposer asks to check the block, waits for the verdict, then prevotes it', () => {
    const n = startedNode(4, 1);
    const got = step(n.state, proposalInput(V4, 1, 0, B));
    expect(got.effects).to.deep.equal([{ kind: 'check-block', height: 1, block: B, blockHash: hashOf(B) }]);
    expect(got.state.step).to.equal('propose');
    const ok = step(got.state, checked(1, B));
    expect(ok.effects).to.deep.equal([{ kind: 'sign-vote', vote: { type: 'prevote', height: 1, round: 0, blockHash: hashOf(B), validator: 1 } }]);
    expect(ok.state.step).to.equal('prevote');
  });

  it('lines 25-26: prevotes nil for an invalid block', () => {
    const r = run(startedNode(4, 2).state, [proposalInput(V4, 1, 0, B), checked(1, B, false)]);
    expect(signedVotesIn(r.effects)).to.deep.equal([{ type: 'prevote', height: 1, round: 0, blockHash: null, validator: 2 }]);
    expect(r.state.verdicts.get(toHex(hashOf(B)))).to.equal('invalid');
  });

  it('checks each block hash once: a repeated proposal and unasked verdicts change nothing', () => {
    const first = run(startedNode(4, 1).state, [proposalInput(V4, 1, 0, B)]);
    const again = step(first.state, proposalInput(V4, 1, 0, B));
    expect(again.effects).to.deep.equal([]);
    expect(again.state).to.equal(first.state);
    expect(step(first.state, checked(1, C)).state).to.equal(first.state);
    expect(step(first.state, checked(2, B)).state).to.equal(first.state);
  });

  it('ignores a proposal from anyone but proposer(h, r), with validRound >= round or < -1, or whose hash is not its block', () => {
    const n = startedNode(4, 1).state;
    const ignored = [
      proposalInput(V4, 1, 0, B, -1, 2),
      proposalInput(V4, 1, 0, B, -1, 9),
      proposalInput(V4, 1, 1, B, 1),
      proposalInput(V4, 1, 1, B, 3),
      proposalInput(V4, 1, 1, B, -2),
      { kind: 'proposal' as const, proposal: { height: 1, round: 0, validRound: -1, block: B, blockHash: hashOf(C), proposer: 0, signature: new Uint8Array(64) } },
    ];
    for (const [i, input] of ignored.entries()) {
      const r = step(n, input);
      expect(r.effects, `case ${i}`).to.deep.equal([]);
      expect(r.state).to.equal(n);
    }
  });

  it('keeps at most 4 distinct proposals of one round (a Byzantine proposer cannot fill memory)', () => {
    const blocks = [0, 1, 2, 3, 4, 5].map((t) => makeBlock(1, t));
    const r = run(startedNode(4, 1).state, blocks.map((b) => proposalInput(V4, 1, 0, b)));
    expect(ofKind(r.effects, 'check-block')).to.have.length(4);
    expect(r.state.rounds.get(0)!.proposals).to.have.length(4);
  });

  it('before start-height, messages are stored and blocks checked, but no rule runs', () => {
    const n = startedNode(4, 1);
    const early = run({ ...n.state, started: false }, [proposalInput(V4, 1, 0, B), checked(1, B)]);
    expect(kindsOf(early.effects)).to.deep.equal(['check-block']);
    const started = step(early.state, { kind: 'start-height', height: 1 });
    expect(kindsOf(started.effects)).to.deep.equal(['schedule-timeout', 'sign-vote']);
    // Starting the same height twice, or an older one, does nothing.
    expect(step(started.state, { kind: 'start-height', height: 1 }).state).to.equal(started.state);
    expect(step(started.state, { kind: 'start-height', height: 0 }).state).to.equal(started.state);
  });
});
