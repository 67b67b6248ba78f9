import { expect } from 'chai';
import { BoundedCache } from '../../chain/bounded-cache.ts';

describe('bounded cache', () => {
  it('holds at most its capacity, forgetting the oldest insertions first', () => {
    const c = new BoundedCache<string, number>(3);
    for (const k of ['a', 'b', 'c']) c.set(k, k.charCodeAt(0));
    c.set('b', 42); // an update keeps its place and evicts nothing
    expect([c.get('a'), c.get('b'), c.size]).to.deep.equal([97, 42, 3]);
    c.set('d', 1);
    expect(c.get('a')).to.equal(undefined);
    expect(c.size).to.equal(3);
    c.delete('c');
    c.set('e', 2);
    c.set('f', 3);
    expect([c.get('b'), c.get('d'), c.get('e'), c.get('f')]).to.deep.equal([undefined, 1, 2, 3]);
  });

  it('keeps evicting correctly over many generations', () => {
    const c = new BoundedCache<string, number>(100);
    for (let i = 0; i < 50_000; i++) c.set(`k${i}`, i);
    expect(c.size).to.equal(100);
    expect(c.get('k49899')).to.equal(undefined);
    expect(c.get('k49900')).to.equal(49_900);
    c.clear();
    c.set('x', 1);
    expect(c.size).to.equal(1);
  });

  it('rejects a capacity below 1', () => {
    expect(() => new BoundedCache(0)).to.throw(RangeError);
  });
});
