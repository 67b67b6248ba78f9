/**
 * One contract, four stores: the in-memory twin, LevelDB, and prefixed views over each must behave
 * the same (byte order, ranges, atomic writes, copies, closing).
 */
import { expect } from 'chai';
import { isChainError } from '../../chain/errors.ts';
import type { KvOp, KvStore } from '../../chain/state/kv-store.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { MemoryKvStore } from '../../chain/state/memory-kv-store.ts';
import { PrefixedKvStore } from '../../chain/state/prefixed-kv-store.ts';
import { b, collect, hex, tempDir } from './kv-test-helpers.ts';

interface Harness {
  kv: KvStore;
  /** Makes the next write fail before anything is applied (memory only; elsewhere a malformed op fails it). */
  breakNextWrite: () => void;
  /** Closes the store and removes its files. */
  done: () => Promise<void>;
}

type Factory = () => Promise<Harness>;

const factories: Record<string, Factory> = {
  memory: async () => {
    let fail = false;
    const kv = new MemoryKvStore({
      beforeWrite: () => {
        if (fail) {
          fail = false;
          throw new Error('injected failure');
        }
      },
    });
    return { kv, breakNextWrite: () => (fail = true), done: () => kv.close() };
  },
  level: async () => {
    const t = tempDir();
    const kv = await openLevelKvStore(t.dir);
    return {
      kv,
      breakNextWrite: () => {},
      done: async () => {
        await kv.close();
        t.remove();
      },
    };
  },
  'prefixed(memory)': async () => {
    const inner = new MemoryKvStore();
    await inner.write([{ type: 'put', key: b(0x41, 0x00), value: b(9) }, { type: 'put', key: b(0x43), value: b(9) }]);
    const kv = new PrefixedKvStore(inner, b(0x42));
    return { kv, breakNextWrite: () => {}, done: () => inner.close() };
  },
  'prefixed(level, 0xff prefix)': async () => {
    const t = tempDir();
    const inner = await openLevelKvStore(t.dir);
    await inner.write([{ type: 'put', key: b(0xfe, 0xff), value: b(9) }, { type: 'put', key: b(0x00), value: b(9) }]);
    const kv = new PrefixedKvStore(inner, b(0xff, 0xff));
    return {
      kv,
      breakNextWrite: () => {},
      done: async () => {
        await inner.close();
        t.remove();
      },
    };
  },
};

for (const [name, make] of Object.entries(factories)) {
  describe(`state/kv-store contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await make();
    });
    afterEach(async () => {
      await h.done();
    });

    it('get of an absent key is undefined; put then get returns the value, also an empty one', async () => {
      expect(await h.kv.get(b(1))).to.equal(undefined);
      await h.kv.write([{ type: 'put', key: b(1), value: b(7, 8) }, { type: 'put', key: b(2), value: b() }]);
      expect(await h.kv.get(b(1))).to.deep.equal(b(7, 8));
      const empty = await h.kv.get(b(2));
      expect(empty).to.be.instanceOf(Uint8Array);
      expect(empty!.length).to.equal(0);
    });

    it('returns plain Uint8Arrays and keeps its own copies', async () => {
      const value = b(1, 2, 3);
      await h.kv.write([{ type: 'put', key: b(5), value }]);
      value[0] = 99;
      const got = await h.kv.get(b(5));
      expect(Object.getPrototypeOf(got)).to.equal(Uint8Array.prototype);
      expect(got).to.deep.equal(b(1, 2, 3));
      got![1] = 42;
      expect(await h.kv.get(b(5))).to.deep.equal(b(1, 2, 3));
    });

    it('getMany answers in the order asked, with undefined for absent keys', async () => {
      await h.kv.write([{ type: 'put', key: b(1), value: b(10) }, { type: 'put', key: b(3), value: b(30) }]);
      expect(await h.kv.getMany([b(3), b(2), b(1), b(3)])).to.deep.equal([b(30), undefined, b(10), b(30)]);
      expect(await h.kv.getMany([])).to.deep.equal([]);
    });

    it('applies puts and deletes of one write together; a later op on a key wins', async () => {
      await h.kv.write([{ type: 'put', key: b(1), value: b(1) }, { type: 'put', key: b(2), value: b(2) }]);
      await h.kv.write([
        { type: 'del', key: b(1) },
        { type: 'put', key: b(2), value: b(20) },
        { type: 'put', key: b(3), value: b(3) },
        { type: 'del', key: b(3) },
        { type: 'del', key: b(4) },
        { type: 'put', key: b(4), value: b(4) },
      ]);
      expect(await collect(h.kv)).to.deep.equal([
        ['02', '14'],
        ['04', '04'],
      ]);
    });

    it('a failing write leaves nothing behind', async () => {
      await h.kv.write([{ type: 'put', key: b(1), value: b(1) }]);
      h.breakNextWrite();
      // The memory store fails by its hook; the others get a malformed op in the middle of the batch.
      const bad = { type: 'put', key: b(9), value: null } as unknown as KvOp;
      const ops: KvOp[] = [{ type: 'put', key: b(2), value: b(2) }, { type: 'del', key: b(1) }, ...(name === 'memory' ? [] : [bad])];
      let failed = false;
      try {
        await h.kv.write(ops);
      } catch {
        failed = true;
      }
      expect(failed).to.equal(true);
      expect(await collect(h.kv)).to.deep.equal([['01', '01']]);
    });

    it('iterates in unsigned byte order, shorter prefix first', async () => {
      const keys = [b(0xff), b(0x00, 0x00), b(0x80), b(0x00), b(0x01), b(0x7f, 0xff), b(0x00, 0x01)];
      await h.kv.write(keys.map((key) => ({ type: 'put', key, value: b(1) })));
      const got = (await collect(h.kv)).map(([k]) => k);
      expect(got).to.deep.equal(['00', '0000', '0001', '01', '7fff', '80', 'ff']);
      const rev = (await collect(h.kv, { reverse: true })).map(([k]) => k);
      expect(rev).to.deep.equal([...got].reverse());
    });

    it('honours gte (inclusive), lt (exclusive), reverse and limit', async () => {
      await h.kv.write([1, 2, 3, 4, 5].map((i) => ({ type: 'put', key: b(i), value: b(i * 10) })));
      const keys = async (o: Parameters<KvStore['iterate']>[0]) => (await collect(h.kv, o)).map(([k]) => k);
      expect(await keys({ gte: b(2), lt: b(4) })).to.deep.equal(['02', '03']);
      expect(await keys({ gte: b(2), lt: b(4), reverse: true })).to.deep.equal(['03', '02']);
      expect(await keys({ gte: b(3) })).to.deep.equal(['03', '04', '05']);
      expect(await keys({ lt: b(3) })).to.deep.equal(['01', '02']);
      expect(await keys({ limit: 2 })).to.deep.equal(['01', '02']);
      expect(await keys({ limit: 2, reverse: true })).to.deep.equal(['05', '04']);
      expect(await keys({ limit: 0 })).to.deep.equal([]);
      expect(await keys({ gte: b(4), lt: b(2) })).to.deep.equal([]);
      expect(await collect(h.kv, { gte: b(5) })).to.deep.equal([['05', hex(b(50))]]);
    });

    it('an iteration does not see writes made after it started', async () => {
      await h.kv.write([{ type: 'put', key: b(1), value: b(1) }, { type: 'put', key: b(3), value: b(3) }]);
      const seen: string[] = [];
      for await (const [k] of h.kv.iterate()) {
        if (seen.length === 0) await h.kv.write([{ type: 'put', key: b(2), value: b(2) }, { type: 'del', key: b(3) }]);
        seen.push(hex(k));
      }
      expect(seen).to.deep.equal(['01', '03']);
      expect((await collect(h.kv)).map(([k]) => k)).to.deep.equal(['01', '02']);
    });

    it('refuses use after close with STATE_STORE_CLOSED', async () => {
      await h.kv.close();
      for (const call of [() => h.kv.get(b(1)), () => h.kv.getMany([b(1)]), () => h.kv.write([]), () => collect(h.kv)]) {
        let code: string | undefined;
        try {
          await call();
        } catch (e) {
          code = isChainError(e) ? e.code : String(e);
        }
        expect(code).to.equal('STATE_STORE_CLOSED');
      }
    });
  });
}

describe('state/kv-store: LevelDB persistence', () => {
  it('keeps what was written across close and reopen', async () => {
    const t = tempDir();
    try {
      const kv = await openLevelKvStore(t.dir);
      await kv.write([{ type: 'put', key: b(1, 2), value: b(3) }], { sync: true });
      await kv.close();
      const again = await openLevelKvStore(t.dir);
      expect(await again.get(b(1, 2))).to.deep.equal(b(3));
      await again.close();
    } finally {
      t.remove();
    }
  });
});
