import { expect } from 'chai';
import { ManualClock } from '../../chain/ports/manual-clock.ts';
import { ManualTimers } from '../../chain/ports/manual-timers.ts';
import { SimNetwork, type SimNetworkOptions } from '../../chain/node/sim/sim-network.ts';
import type { SimLinkConfig } from '../../chain/node/sim/sim-link.ts';

interface Msg {
  readonly id: string;
}

function makeNet(nodes: number, seed: number | string, link: Partial<SimLinkConfig> = {}): { net: SimNetwork<Msg>; log: string[] } {
  const timers = new ManualTimers(new ManualClock(0));
  const options: SimNetworkOptions = { nodes, timers, seed, link };
  const net = new SimNetwork<Msg>(options);
  const log: string[] = [];
  for (let i = 0; i < nodes; i++) net.onMessage(i, (m, from) => log.push(`${timers.clock.now().toFixed(6)} ${from}->${i} ${m.id}`));
  return { net, log };
}

/** Every node broadcasts `rounds` messages, some answered by sends, under lossy, jittery links. */
function scenario(seed: number | string): string[] {
  const { net, log } = makeNet(7, seed, { baseDelayMs: 3, jitterMs: 20, dropRate: 0.1, duplicateRate: 0.1 });
  for (let i = 0; i < 7; i++) {
    net.onMessage(i, (m, from) => {
      log.push(`${net.timers.clock.now().toFixed(6)} ${from}->${i} ${m.id}`);
      if (m.id.startsWith('b')) net.send(i, from, { id: `ack:${m.id}` });
    });
  }
  for (let r = 0; r < 5; r++) for (let i = 0; i < 7; i++) net.broadcast(i, { id: `b${r}.${i}` });
  net.timers.advance(1000);
  return log;
}

describe('SimNetwork', () => {
  it('replays exactly from a seed: same deliveries, same order, same times; another seed differs', () => {
    const a = scenario(42);
    expect(a.length).to.be.greaterThan(300);
    expect(scenario(42)).to.deep.equal(a);
    expect(scenario('42')).to.deep.equal(a);
    expect(scenario(43)).to.not.deep.equal(a);
  });

  it('delays each copy by base + [0, jitter), which reorders a link; without jitter a link is FIFO', () => {
    const { net, log } = makeNet(2, 1, { baseDelayMs: 5, jitterMs: 10 });
    for (let k = 0; k < 200; k++) net.send(0, 1, { id: String(k) });
    net.timers.advance(100);
    const times = log.map((l) => Number(l.split(' ')[0]));
    for (const t of times) expect(t >= 5 && t < 15).to.equal(true);
    const order = log.map((l) => Number(l.split(' ')[2]));
    expect(order).to.not.deep.equal([...order].sort((x, y) => x - y));

    const fifo = makeNet(2, 1, { baseDelayMs: 5, jitterMs: 0 });
    for (let k = 0; k < 50; k++) fifo.net.send(0, 1, { id: String(k) });
    fifo.net.timers.advance(5);
    expect(fifo.log.map((l) => l.split(' ')[2])).to.deep.equal(Array.from({ length: 50 }, (_, k) => String(k)));
  });

  it('drops and duplicates at the configured rates', () => {
    const { net, log } = makeNet(2, 3, { dropRate: 0.25 });
    for (let k = 0; k < 4000; k++) net.send(0, 1, { id: String(k) });
    net.timers.advance(100);
    expect(log.length).to.be.within(2800, 3200);
    expect(net.stats.dropped + net.stats.delivered).to.equal(4000);

    const dup = makeNet(2, 3, { duplicateRate: 1 });
    dup.net.send(0, 1, { id: 'x' });
    dup.net.timers.advance(100);
    expect(dup.log.map((l) => l.split(' ').slice(1).join(' '))).to.deep.equal(['0->1 x', '0->1 x']);
    expect(dup.net.stats.duplicated).to.equal(1);

    const lost = makeNet(2, 3, { dropRate: 1 });
    lost.net.send(0, 1, { id: 'x' });
    lost.net.timers.advance(100);
    expect(lost.log).to.deep.equal([]);
  });

  it('broadcast reaches every other node once, as the same object; setLink changes one direction only', () => {
    const timers = new ManualTimers(new ManualClock(0));
    const net = new SimNetwork<Msg>({ nodes: 4, timers, seed: 9, link: { baseDelayMs: 10, jitterMs: 0 } });
    const seen: Array<[number, number, Msg]> = [];
    for (let i = 0; i < 4; i++) net.onMessage(i, (m, from) => seen.push([i, from, m]));
    net.setLink(0, 3, { baseDelayMs: 50 });
    const m = { id: 'hello' };
    net.broadcast(0, m);
    timers.advance(10);
    expect(seen.map(([to]) => to)).to.deep.equal([1, 2]);
    for (const [, from, got] of seen) {
      expect(from).to.equal(0);
      expect(got).to.equal(m);
    }
    timers.advance(40);
    expect(seen.map(([to]) => to)).to.deep.equal([1, 2, 3]);
    expect(net.link(3, 0).baseDelayMs).to.equal(10);
    expect(() => net.setLink(0, 1, { dropRate: 2 })).to.throw(RangeError);
    expect(() => net.send(0, 4, m)).to.throw(RangeError);
  });

  it('partition: only same-group nodes talk, unlisted nodes form a group, in-flight copies across the cut are lost; heal restores', () => {
    const { net, log } = makeNet(6, 5, { baseDelayMs: 10, jitterMs: 0 });
    net.broadcast(0, { id: 'before' }); // in flight when the cut happens
    net.partition([
      [0, 1],
      [2, 3],
    ]);
    net.timers.advance(10);
    expect(log.map((l) => l.split(' ')[1])).to.deep.equal(['0->1']);
    log.length = 0;
    net.broadcast(4, { id: 'rest' });
    net.broadcast(2, { id: 'g2' });
    net.timers.advance(10);
    expect(log.map((l) => l.split(' ')[1]).sort()).to.deep.equal(['2->3', '4->5']);
    expect(net.connected(0, 2)).to.equal(false);
    net.heal();
    log.length = 0;
    net.broadcast(0, { id: 'after' });
    net.timers.advance(10);
    expect(log).to.have.length(5);
    expect(() => net.partition([[0], [0, 1]])).to.throw(RangeError);
  });

  it('isolate cuts one node off in both directions, on top of a partition, until heal', () => {
    const { net, log } = makeNet(4, 5, { baseDelayMs: 1, jitterMs: 0 });
    net.partition([[0, 1, 2], [3]]);
    net.isolate(1);
    net.broadcast(0, { id: 'a' });
    net.send(1, 2, { id: 'b' });
    net.timers.advance(5);
    expect(log.map((l) => l.split(' ')[1])).to.deep.equal(['0->2']);
    net.heal();
    net.send(1, 2, { id: 'c' });
    net.send(3, 1, { id: 'd' });
    net.timers.advance(5);
    expect(log.slice(1).map((l) => l.split(' ').slice(1).join(' '))).to.deep.equal(['1->2 c', '3->1 d']);
  });

  it('crash: nothing reaches the node or leaves it until restart; copies in flight to it are lost even past the restart', () => {
    const { net, log } = makeNet(3, 5, { baseDelayMs: 10, jitterMs: 0 });
    net.send(0, 1, { id: 'in-flight' });
    net.send(1, 2, { id: 'sent-before' });
    net.timers.advance(5);
    net.crash(1);
    net.send(0, 1, { id: 'while-down' });
    net.send(1, 0, { id: 'from-down' });
    expect(net.isUp(1)).to.equal(false);
    net.timers.advance(2);
    net.restart(1);
    net.timers.advance(20);
    expect(log).to.deep.equal([]);
    net.send(0, 1, { id: 'after' });
    net.send(1, 0, { id: 'back' });
    net.timers.advance(10);
    expect(log.map((l) => l.split(' ').slice(1).join(' '))).to.deep.equal(['0->1 after', '1->0 back']);
  });

  it('crash with deliverSent: what the node sent before dying still arrives', () => {
    const { net, log } = makeNet(2, 5, { baseDelayMs: 10, jitterMs: 0 });
    net.send(0, 1, { id: 'vote' });
    net.crash(0, { deliverSent: true });
    net.timers.advance(10);
    expect(log.map((l) => l.split(' ').slice(1).join(' '))).to.deep.equal(['0->1 vote']);
  });

  it('endpoint is the Network port of one node', () => {
    const timers = new ManualTimers(new ManualClock(0));
    const net = new SimNetwork<Msg>({ nodes: 3, timers, seed: 1 });
    const ports = [0, 1, 2].map((i) => net.endpoint(i));
    const got: string[] = [];
    ports.forEach((p, i) => p.onMessage((m, from) => got.push(`${from}->${i}:${m.id}`)));
    ports[2]!.broadcast({ id: 'x' });
    ports[0]!.send(1, { id: 'y' });
    timers.advance(100);
    expect(got.sort()).to.deep.equal(['0->1:y', '2->0:x', '2->1:x']);
  });
});
