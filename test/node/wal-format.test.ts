import { expect } from 'chai';
import { concatBytes } from '../../chain/codec/bytes.ts';
import { decodeWalHeader, encodeWalHeader, encodeWalRecord, scanWalRecords, WAL_HEADER_BYTES } from '../../chain/node/adapters/wal-format.ts';
import { codeOf } from '../fixtures/expect-code.ts';
import type { ChainError } from '../../chain/errors.ts';
import { seededRng } from '../../chain/ports/seeded-rng.ts';

const payloads = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(40).fill(7), new Uint8Array([9, 8, 7, 6, 5])];

function walBytes(records: Uint8Array[], height = 5): Uint8Array {
  return concatBytes(encodeWalHeader(height), ...records.map(encodeWalRecord));
}

describe('WAL format', () => {
  it('header round-trips the height; a damaged or short header is WAL_CORRUPT', () => {
    expect(decodeWalHeader(encodeWalHeader(0))).to.equal(0);
    expect(decodeWalHeader(encodeWalHeader(Number.MAX_SAFE_INTEGER))).to.equal(Number.MAX_SAFE_INTEGER);
    const h = encodeWalHeader(7);
    for (let i = 0; i < h.length; i++) {
      const bad = h.slice();
      bad[i]! ^= 0x10;
      expect(codeOf(() => decodeWalHeader(bad)), `byte ${i}`).to.equal('WAL_CORRUPT');
    }
    expect(codeOf(() => decodeWalHeader(h.subarray(0, 19)))).to.equal('WAL_CORRUPT');
  });

  it('a record is u32be length || u32be crc32(length || payload) || payload', () => {
    const r = encodeWalRecord(new Uint8Array([0xaa, 0xbb]));
    expect(Array.from(r.subarray(0, 4))).to.deep.equal([0, 0, 0, 2]);
    // crc32 of 00 00 00 02 aa bb, computed independently with Python's zlib.crc32.
    expect(new DataView(r.buffer).getUint32(4)).to.equal(0xba1d4baa);
    expect(Array.from(r.subarray(8))).to.deep.equal([0xaa, 0xbb]);
  });

  it('every prefix of a log reads as its complete records, the rest dropped as a torn tail', () => {
    const file = walBytes(payloads);
    const ends = [WAL_HEADER_BYTES];
    for (const p of payloads) ends.push(ends.at(-1)! + 8 + p.length);
    for (let cut = WAL_HEADER_BYTES; cut <= file.length; cut++) {
      const complete = ends.filter((e) => e <= cut).length - 1;
      const scan = scanWalRecords(file.subarray(0, cut), WAL_HEADER_BYTES);
      expect(scan.records, `cut ${cut}`).to.deep.equal(payloads.slice(0, complete));
      expect(scan.end).to.equal(ends[complete]);
      expect(scan.damage === undefined).to.equal(cut === ends[complete]);
    }
  });

  it('a flipped byte anywhere in the last record drops it; in an earlier record it is WAL_CORRUPT', () => {
    const file = walBytes(payloads);
    const lastStart = file.length - 8 - payloads.at(-1)!.length;
    for (let i = WAL_HEADER_BYTES; i < file.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const bad = file.slice();
        bad[i]! ^= mask;
        if (i >= lastStart) {
          const scan = scanWalRecords(bad, WAL_HEADER_BYTES);
          expect(scan.records, `byte ${i}`).to.deep.equal(payloads.slice(0, -1));
          expect(scan.end).to.equal(lastStart);
        } else {
          expect(codeOf(() => scanWalRecords(bad, WAL_HEADER_BYTES)), `byte ${i} mask ${mask}`).to.equal('WAL_CORRUPT');
        }
      }
    }
  });

  it('zeros after the last record (a file system filling an extended file) are a torn tail', () => {
    const file = concatBytes(walBytes(payloads), new Uint8Array(100));
    const scan = scanWalRecords(file, WAL_HEADER_BYTES);
    expect(scan.records).to.deep.equal(payloads);
    expect(scan.end).to.equal(file.length - 100);
  });

  it('with repair, middle damage keeps only the records before it', () => {
    const file = walBytes(payloads);
    const bad = file.slice();
    bad[WAL_HEADER_BYTES + 8 + 3 + 3]! ^= 1; // inside the second record's header
    const scan = scanWalRecords(bad, WAL_HEADER_BYTES, { repair: true });
    expect(scan.records).to.deep.equal(payloads.slice(0, 1));
    expect(scan.damage?.offset).to.equal(WAL_HEADER_BYTES + 8 + 3);
  });

  it('with records larger than the crc stride: a length pointing past the end mid-log is WAL_CORRUPT, a torn big tail is dropped', () => {
    const rng = seededRng('big-records');
    const big = [30_000, 50_000, 20_000].map((n) => new Uint8Array(n).map(() => rng.nextInt(256)));
    const file = walBytes(big);
    const bad = file.slice();
    new DataView(bad.buffer).setUint32(WAL_HEADER_BYTES, 200_000); // first record claims more than the file holds
    const err = (() => {
      try {
        scanWalRecords(bad, WAL_HEADER_BYTES);
      } catch (e) {
        return e as ChainError;
      }
      return undefined;
    })();
    expect(err?.code).to.equal('WAL_CORRUPT');
    expect(err?.details?.['intactAt']).to.equal(WAL_HEADER_BYTES + 8 + 30_000);
    const torn = file.subarray(0, file.length - 7_000);
    expect(scanWalRecords(torn, WAL_HEADER_BYTES).records).to.deep.equal(big.slice(0, 2));
  });
});
