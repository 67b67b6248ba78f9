import { expect } from 'chai';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { PrefixedKvStore, prefixEnd } from '../../chain/state/prefixed-kv-store.ts';
import { b, collect } from './kv-test-helpers.ts';

describe('state/prefixed-kv-store', () => {
  it('stores under prefix || key and sees nothing outside its prefix', async () => {
    const inner = new MemoryKvStore();
    const v1 = new PrefixedKvStore(inner, b(0x10));
    const v2 = new PrefixedKvStore(inner, b(0x10, 0x00)); // a longer prefix is a different view
    await inner.write([{ type: 'put', key: b(0x11), value: b(1) }, { type: 'put', key: b(0x0f, 0xff), value: b(1) }]);
    await v1.write([{ type: 'put', key: b(0x01), value: b(7) }]);
    await v2.write([{ type: 'put', key: b(0x02), value: b(8) }]);
    expect(await collect(inner)).to.deep.equal([
      ['0fff', '01'],
      ['100002', '08'],
      ['1001', '07'],
      ['11', '01'],
    ]);
    expect(await collect(v1)).to.deep.equal([
      ['0002', '08'],
      ['01', '07'],
    ]);
    expect(await collect(v2)).to.deep.equal([['02', '08']]);
    expect(await v1.get(b(0x00, 0x02))).to.deep.equal(b(8));
    expect(v1.innerOps([{ type: 'del', key: b(5) }])).to.deep.equal([{ type: 'del', key: b(0x10, 5) }]);
  });

  it('closing a view does not close the shared store', async () => {
    const inner = new MemoryKvStore();
    const view = new PrefixedKvStore(inner, b(1));
    await view.close();
    await inner.write([{ type: 'put', key: b(1), value: b(1) }]);
    expect(await inner.get(b(1))).to.deep.equal(b(1));
  });

  it('prefixEnd is the first key past the prefix range', () => {
    expect(prefixEnd(b(0x10))).to.deep.equal(b(0x11));
    expect(prefixEnd(b(0x10, 0xff))).to.deep.equal(b(0x11));
    expect(prefixEnd(b(0xff, 0xff))).to.equal(undefined);
    expect(prefixEnd(b())).to.equal(undefined);
  });
});
