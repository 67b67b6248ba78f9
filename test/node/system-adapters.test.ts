import { expect } from 'chai';
import { systemClock } from '../../chain/node/adapters/system-clock.ts';
import { systemTimers } from '../../chain/node/adapters/system-timers.ts';

describe('system clock and timers', () => {
  it('the clock reads wall time in ms', () => {
    const before = Date.now();
    const now = systemClock().now();
    expect(now).to.be.within(before, Date.now());
  });

  it('timers fire after their delay, and a cancelled one never does', async () => {
    const timers = systemTimers();
    const fired: string[] = [];
    const start = performance.now();
    let firedAt = 0;
    timers.schedule(15, () => {
      fired.push('kept');
      firedAt = performance.now();
    });
    const cancel = timers.schedule(5, () => fired.push('cancelled'));
    cancel();
    cancel();
    await new Promise((r) => setTimeout(r, 40));
    expect(fired).to.deep.equal(['kept']);
    expect(firedAt - start).to.be.at.least(14);
    expect(() => timers.schedule(-1, () => {})).to.throw(RangeError);
  });
});
