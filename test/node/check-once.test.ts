import { expect } from 'chai';
import { checkOnce } from '../../chain/node/check-once.ts';

describe('checkOnce (checks of frozen messages shared by the validators of a process)', () => {
  it('runs the check of a frozen message once for every caller, even concurrently, per key', async () => {
    let runs = 0;
    const check = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 5));
      return true;
    };
    const vote = Object.freeze({ height: 1 });
    const answers = await Promise.all(Array.from({ length: 98 }, () => checkOnce(vote, 'chain/set', check)));
    expect(answers.every((a) => a)).to.equal(true);
    expect(runs).to.equal(1);
    await checkOnce(vote, 'other-chain/set', check);
    expect(runs).to.equal(2);
  });

  it('checks a message that is not frozen every time', async () => {
    let runs = 0;
    const vote = { height: 1 };
    for (let i = 0; i < 3; i++) await checkOnce(vote, 'k', async () => ++runs > 0);
    expect(runs).to.equal(3);
  });

  it('shares a failed check too', async () => {
    let runs = 0;
    const commit = Object.freeze({ height: 2 });
    const check = () => {
      runs++;
      return Promise.reject(new Error('bad commit'));
    };
    const outcomes = await Promise.allSettled([checkOnce(commit, 'k', check), checkOnce(commit, 'k', check)]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['rejected', 'rejected']);
    expect(runs).to.equal(1);
  });
});
