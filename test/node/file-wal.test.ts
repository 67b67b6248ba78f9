import { expect } from 'chai';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileWal, openFileWal } from '../../chain/node/adapters/file-wal.ts';
import { WAL_HEADER_BYTES } from '../../chain/node/adapters/wal-format.ts';
import { MemoryLogger } from '../../chain/ports/memory-logger.ts';
import { expectCode } from '../fixtures/expect-code.ts';
import { useTempDir } from './temp-dir.ts';

const records = [new Uint8Array([1, 1]), new Uint8Array(300).fill(2), new Uint8Array([3]), new Uint8Array(25).map((_, i) => i + 1)];

/** Writes `records` through a FileWal at `height` 4 and returns the file's bytes. */
async function writeLog(path: string): Promise<Uint8Array> {
  const wal = await openFileWal(path);
  await wal.rotate(4);
  for (const r of records) await wal.append(r, { sync: true });
  await wal.close();
  return new Uint8Array(await readFile(path));
}

describe('FileWal on real files', () => {
  const dir = useTempDir();

  it('a file cut at every byte offset of the last record replays the complete records and is truncated to them', async () => {
    const full = await writeLog(join(dir(), 'full'));
    const lastStart = full.length - 8 - records.at(-1)!.length;
    for (let cut = lastStart; cut < full.length; cut++) {
      const path = join(dir(), `cut-${cut}`);
      await writeFile(path, full.subarray(0, cut));
      const log = new MemoryLogger();
      const wal = await openFileWal(path, { logger: log });
      expect(wal.height).to.equal(4);
      expect(await wal.readAll(), `cut ${cut}`).to.deep.equal(records.slice(0, -1));
      expect(wal.droppedBytes).to.equal(cut - lastStart);
      expect((await stat(path)).size).to.equal(lastStart);
      expect(log.entries.length).to.equal(cut === lastStart ? 0 : 1);
      // The log goes on from the last good record.
      await wal.append(new Uint8Array([9]), { sync: true });
      await wal.close();
      const again = await openFileWal(path);
      expect(await again.readAll()).to.deep.equal([...records.slice(0, -1), new Uint8Array([9])]);
      await again.close();
    }
  });

  it('a flipped byte in the last record drops that record', async () => {
    const full = await writeLog(join(dir(), 'full'));
    const path = join(dir(), 'flipped');
    const bad = full.slice();
    bad[full.length - 3]! ^= 0x40;
    await writeFile(path, bad);
    const wal = await openFileWal(path);
    expect(await wal.readAll()).to.deep.equal(records.slice(0, -1));
    await wal.close();
  });

  it('a flipped byte in a middle record is WAL_CORRUPT and leaves the file untouched; repair keeps what precedes it', async () => {
    const full = await writeLog(join(dir(), 'full'));
    const path = join(dir(), 'middle');
    const bad = full.slice();
    bad[WAL_HEADER_BYTES + 10 + 8 + 150]! ^= 0x01; // inside the 300-byte second record
    await writeFile(path, bad);
    const err = await expectCode(openFileWal(path), 'WAL_CORRUPT');
    expect(err.details?.['offset']).to.equal(WAL_HEADER_BYTES + 10);
    expect(new Uint8Array(await readFile(path))).to.deep.equal(bad);
    const repaired = await openFileWal(path, { repair: true });
    expect(await repaired.readAll()).to.deep.equal(records.slice(0, 1));
    await repaired.close();
    const again = await openFileWal(path);
    expect(await again.readAll()).to.deep.equal(records.slice(0, 1));
    await again.close();
  });

  it('a damaged or missing header is WAL_CORRUPT; a leftover .tmp from an interrupted rotate is ignored', async () => {
    const full = await writeLog(join(dir(), 'full'));
    const path = join(dir(), 'hdr');
    const bad = full.slice();
    bad[9]! ^= 1;
    await writeFile(path, bad);
    await expectCode(openFileWal(path), 'WAL_CORRUPT');
    await writeFile(path, full.subarray(0, 10));
    await expectCode(openFileWal(path), 'WAL_CORRUPT');

    const good = join(dir(), 'good');
    await writeFile(good, full);
    await writeFile(`${good}.tmp`, new Uint8Array([1, 2, 3]));
    const wal = await openFileWal(good);
    expect(await wal.readAll()).to.deep.equal(records);
    await wal.close();
    const tmpLeft = await stat(`${good}.tmp`).then(
      () => true,
      () => false,
    );
    expect(tmpLeft).to.equal(false);
  });

  it('after a failed write every call is WAL_FAILED until the log is reopened; close still releases the file', async () => {
    const path = join(dir(), 'failing');
    await (await openFileWal(path)).close();
    // A read-only handle makes the next write fail the way a full disk would.
    const wal = new FileWal(path, await open(path, 'r'), 0, WAL_HEADER_BYTES, 0);
    // Group commit: an unsynced append is queued and resolves; its write fails in the background...
    await wal.append(new Uint8Array([1]));
    await new Promise((r) => setTimeout(r, 50));
    // ...and every later call reports it.
    await expectCode(wal.append(new Uint8Array([2])), 'WAL_FAILED');
    await expectCode(wal.readAll(), 'WAL_FAILED');
    await wal.close();
    // A synced append reports its own failure directly.
    const wal2 = new FileWal(path, await open(path, 'r'), 0, WAL_HEADER_BYTES, 0);
    let failed = false;
    await wal2.append(new Uint8Array([3]), { sync: true }).catch(() => (failed = true));
    expect(failed).to.equal(true);
    await wal2.close();
    const reopened = await openFileWal(path);
    expect(await reopened.readAll()).to.deep.equal([]);
    await reopened.close();
  });

  it('group commit: unsynced appends reach the file in one write per turn, a synced append writes them first', async () => {
    const path = join(dir(), 'group');
    const wal = await openFileWal(path);
    await Promise.all([1, 2, 3].map((b) => wal.append(new Uint8Array([b]))));
    await wal.append(new Uint8Array([4]), { sync: true });
    expect(await wal.readAll()).to.deep.equal([1, 2, 3, 4].map((b) => new Uint8Array([b])));
    await wal.append(new Uint8Array([5]));
    await wal.close(); // close writes what is pending
    const reopened = await openFileWal(path);
    expect(await reopened.readAll()).to.deep.equal([1, 2, 3, 4, 5].map((b) => new Uint8Array([b])));
    await reopened.close();
  });
});
