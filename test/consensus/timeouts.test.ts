import { expect } from 'chai';
import { timeoutDuration } from '../../chain/consensus/timeouts.ts';
import { TIMEOUTS } from './fixtures.ts';

describe('consensus/timeouts', () => {
  it('each step starts at its base and grows by its delta per round', () => {
    expect([0, 1, 5].map((r) => timeoutDuration(TIMEOUTS, 'propose', r))).to.deep.equal([30, 40, 80]);
    expect([0, 1, 5].map((r) => timeoutDuration(TIMEOUTS, 'prevote', r))).to.deep.equal([20, 25, 45]);
    expect([0, 1, 5].map((r) => timeoutDuration(TIMEOUTS, 'precommit', r))).to.deep.equal([25, 32, 60]);
  });
});
