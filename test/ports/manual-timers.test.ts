import { expect } from 'chai';
import { ManualClock } from '../../chain/ports/manual-clock.ts';
import { ManualTimers } from '../../chain/ports/manual-timers.ts';

describe('ManualClock', () => {
  it('moves only when told, and never backwards', () => {
    const c = new ManualClock(1000);
    expect(c.now()).to.equal(1000);
    c.advance(5);
    c.set(2000);
    expect(c.now()).to.equal(2000);
    expect(() => c.set(1999)).to.throw(RangeError);
    expect(() => c.advance(-1)).to.throw(RangeError);
    expect(() => c.advance(Number.NaN)).to.throw(RangeError);
    expect(c.now()).to.equal(2000);
  });
});

describe('ManualTimers', () => {
  it('runs due callbacks in time order, ties in scheduling order, each at its own time', () => {
    const t = new ManualTimers(new ManualClock(0));
    const log: string[] = [];
    const at = (name: string) => () => log.push(`${name}@${t.clock.now()}`);
    t.schedule(30, at('c'));
    t.schedule(10, at('a1'));
    t.schedule(20, at('b'));
    t.schedule(10, at('a2'));
    t.schedule(10, at('a3'));
    expect(t.advance(25)).to.equal(4);
    expect(log).to.deep.equal(['a1@10', 'a2@10', 'a3@10', 'b@20']);
    expect(t.clock.now()).to.equal(25);
    expect(t.pending).to.equal(1);
    t.advance(5);
    expect(log.at(-1)).to.equal('c@30');
  });

  it('keeps a heap order over many random timers', () => {
    const t = new ManualTimers(new ManualClock(0));
    const fired: number[] = [];
    let x = 12345;
    for (let i = 0; i < 2000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const delay = x % 500;
      t.schedule(delay, () => fired.push(t.clock.now()));
    }
    t.advance(1000);
    expect(fired).to.have.length(2000);
    for (let i = 1; i < fired.length; i++) expect(fired[i]!).to.be.at.least(fired[i - 1]!);
  });

  it('cancel stops a callback, is idempotent, and is harmless after it fired', () => {
    const t = new ManualTimers(new ManualClock(0));
    const log: string[] = [];
    const cancelA = t.schedule(10, () => log.push('a'));
    const cancelB = t.schedule(10, () => log.push('b'));
    t.schedule(5, () => log.push('c'));
    cancelA();
    cancelA();
    expect(t.pending).to.equal(2);
    t.advance(10);
    cancelB();
    expect(log).to.deep.equal(['c', 'b']);
    expect(t.pending).to.equal(0);
    expect(t.nextDueAt()).to.equal(undefined);
  });

  it('callbacks scheduled while advancing run in the same advance when due before its end', () => {
    const t = new ManualTimers(new ManualClock(0));
    const log: string[] = [];
    t.schedule(10, () => {
      log.push(`outer@${t.clock.now()}`);
      t.schedule(0, () => log.push(`zero@${t.clock.now()}`));
      t.schedule(5, () => log.push(`inner@${t.clock.now()}`));
      t.schedule(50, () => log.push('late'));
    });
    t.advance(20);
    expect(log).to.deep.equal(['outer@10', 'zero@10', 'inner@15']);
    expect(t.nextDueAt()).to.equal(60);
  });

  it('runNext runs exactly one event and respects its limit; moving the clock directly fires nothing', () => {
    const t = new ManualTimers(new ManualClock(0));
    let n = 0;
    t.schedule(10, () => n++);
    t.schedule(20, () => n++);
    expect(t.runNext(5)).to.equal(false);
    expect(t.runNext()).to.equal(true);
    expect([n, t.clock.now()]).to.deep.equal([1, 10]);
    t.clock.advance(100);
    expect(n).to.equal(1);
    expect(t.advance(0)).to.equal(1);
    expect(n).to.equal(2);
    expect(t.clock.now()).to.equal(110); // a late callback runs at the current time, not in the past
  });

  it('a throwing callback surfaces, and the rest stay queued', () => {
    const t = new ManualTimers(new ManualClock(0));
    const log: string[] = [];
    t.schedule(1, () => {
      throw new Error('boom');
    });
    t.schedule(2, () => log.push('after'));
    expect(() => t.advance(10)).to.throw('boom');
    expect(t.clock.now()).to.equal(1);
    t.advance(10);
    expect(log).to.deep.equal(['after']);
  });

  it('rejects negative or non-finite delays', () => {
    const t = new ManualTimers(new ManualClock(0));
    expect(() => t.schedule(-1, () => {})).to.throw(RangeError);
    expect(() => t.schedule(Number.POSITIVE_INFINITY, () => {})).to.throw(RangeError);
    expect(t.pending).to.equal(0);
  });
});
