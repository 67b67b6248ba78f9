import { expect } from 'chai';
import { ManualClock } from '../../chain/ports/manual-clock.ts';
import { ManualTimers } from '../../chain/ports/manual-timers.ts';
import { runUntil } from '../../chain/node/sim/run-until.ts';
import { SimNetwork } from '../../chain/node/sim/sim-network.ts';

describe('runUntil', () => {
  it('stops at the very event that makes the predicate true, interleaving timers and deliveries', () => {
    const timers = new ManualTimers(new ManualClock(0));
    const net = new SimNetwork<string>({ nodes: 2, timers, seed: 1, link: { baseDelayMs: 10, jitterMs: 0 } });
    const log: string[] = [];
    net.onMessage(1, (m) => log.push(`msg ${m}@${timers.clock.now()}`));
    timers.schedule(15, () => log.push('timeout@15'));
    net.send(0, 1, 'a');
    timers.schedule(5, () => net.send(0, 1, 'b'));
    expect(net.runUntil(() => log.length === 2, 1000)).to.equal(true);
    expect(log).to.deep.equal(['msg a@10', 'timeout@15']);
    expect(timers.clock.now()).to.equal(15);
    expect(timers.pending).to.equal(1);
  });

  it('is true at once when the predicate already holds, and false at the deadline otherwise', () => {
    const timers = new ManualTimers(new ManualClock(100));
    let fired = 0;
    timers.schedule(50, () => fired++);
    timers.schedule(500, () => fired++);
    expect(runUntil(timers, () => true, 10)).to.equal(true);
    expect(timers.clock.now()).to.equal(100);
    expect(runUntil(timers, () => fired === 2, 200)).to.equal(false);
    expect([fired, timers.clock.now()]).to.deep.equal([1, 300]);
  });

  it('fails loudly on a livelock instead of spinning forever', () => {
    const timers = new ManualTimers(new ManualClock(0));
    const again = (): void => void timers.schedule(0, again);
    again();
    expect(() => runUntil(timers, () => false, 1000, { maxEvents: 1000 })).to.throw(/1000 events/);
  });
});
