/** The rules every Wal adapter keeps, run against the file adapter and the memory twin. */
import { expect } from 'chai';
import { join } from 'node:path';
import { openFileWal } from '../../chain/node/adapters/file-wal.ts';
import { MemoryWal, MemoryWalDisk } from '../../chain/ports/memory-wal.ts';
import { WAL_MAX_RECORD_BYTES, type Wal } from '../../chain/ports/wal.ts';
import { expectCode } from '../fixtures/expect-code.ts';
import { useTempDir } from './temp-dir.ts';

interface Adapter {
  /** Opens the same log again (after close), as a restarted node would. */
  open(): Promise<Wal>;
}

const adapters: Record<string, (dir: () => string) => Adapter> = {
  FileWal: (dir) => ({ open: () => openFileWal(join(dir(), 'wal')) }),
  MemoryWal: () => {
    const disk = new MemoryWalDisk();
    return { open: async () => new MemoryWal(disk) };
  },
};

const b = (...xs: number[]): Uint8Array => new Uint8Array(xs);

for (const [name, make] of Object.entries(adapters)) {
  describe(`Wal contract: ${name}`, () => {
    const dir = useTempDir();

    it('a new log is at height 0 and empty; records come back in order, across a reopen', async () => {
      const a = make(dir);
      const wal = await a.open();
      expect(wal.height).to.equal(0);
      expect(await wal.readAll()).to.deep.equal([]);
      await wal.append(b(1));
      await wal.append(b(), { sync: true });
      await wal.append(b(3, 3, 3));
      expect(await wal.readAll()).to.deep.equal([b(1), b(), b(3, 3, 3)]);
      await wal.close();
      const again = await a.open();
      expect(await again.readAll()).to.deep.equal([b(1), b(), b(3, 3, 3)]);
      await again.close();
    });

    it('appends issued without awaiting land in call order; records are copied in and out', async () => {
      const wal = await make(dir).open();
      const buf = b(0);
      const writes: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        buf[0] = i;
        writes.push(wal.append(buf, { sync: i % 5 === 0 }));
      }
      buf[0] = 99;
      await Promise.all(writes);
      const got = await wal.readAll();
      expect(got.map((r) => r[0])).to.deep.equal(Array.from({ length: 20 }, (_, i) => i));
      got[0]![0] = 42;
      expect((await wal.readAll())[0]![0]).to.equal(0);
      await wal.close();
    });

    it('rotate drops the records and records the height, durably; equal height truncates; lower is refused', async () => {
      const a = make(dir);
      const wal = await a.open();
      await wal.append(b(1));
      await wal.rotate(7);
      expect(wal.height).to.equal(7);
      expect(await wal.readAll()).to.deep.equal([]);
      await wal.append(b(2));
      await wal.close();
      const again = await a.open();
      expect(again.height).to.equal(7);
      expect(await again.readAll()).to.deep.equal([b(2)]);
      await again.rotate(7);
      expect(await again.readAll()).to.deep.equal([]);
      await expectCode(again.rotate(6), 'WAL_HEIGHT_REGRESSION');
      expect(again.height).to.equal(7);
      await again.close();
    });

    it('use after close is WAL_CLOSED; an oversized record is WAL_RECORD_TOO_LARGE', async () => {
      const wal = await make(dir).open();
      await expectCode(wal.append(new Uint8Array(WAL_MAX_RECORD_BYTES + 1)), 'WAL_RECORD_TOO_LARGE');
      expect(await wal.readAll()).to.deep.equal([]);
      await wal.close();
      await expectCode(wal.append(b(1)), 'WAL_CLOSED');
      await expectCode(wal.readAll(), 'WAL_CLOSED');
      await expectCode(wal.rotate(1), 'WAL_CLOSED');
    });
  });
}

describe('MemoryWal crash model', () => {
  it('a crash loses the records after the last synced append, and keeps rotations', async () => {
    const disk = new MemoryWalDisk();
    const wal = new MemoryWal(disk);
    await wal.rotate(3);
    await wal.append(b(1));
    await wal.append(b(2), { sync: true });
    await wal.append(b(3));
    disk.crash();
    const after = new MemoryWal(disk);
    expect(after.height).to.equal(3);
    expect(await after.readAll()).to.deep.equal([b(1), b(2)]);
  });
});
