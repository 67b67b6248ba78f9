import { expect } from 'chai';
import { capacityUnits, voteWeightMilli } from '../../../dao/farming/capacity-units.ts';
import type { NodeResources } from '../../../dao/farming/farming-types.ts';

const GIB = 2 ** 30;
const TIB = 2 ** 40;
const MIB = 2 ** 20;

// Each row computed by hand from CU = min(2*cru, (mru - 1 GiB)/4 GiB, sru/50 GiB) and
// SU = hru/1200 GiB + sru/250 GiB, in milli-units, floored.
const rows: Array<[string, NodeResources, number, number]> = [
  ['8 cores, 32 GiB, 1 TiB SSD, 4 TiB HDD: memory bounds CU (31/4)', { cru: 8, mru: 32 * GIB, sru: TIB, hru: 4 * TIB }, 7750, 7509],
  ['a tie of all three CU terms (2 cores, 17 GiB, 200 GiB SSD)', { cru: 2, mru: 17 * GIB, sru: 200 * GIB, hru: 0 }, 4000, 800],
  ['a tie of two CU terms (cores = SSD, memory above)', { cru: 1, mru: 64 * GIB, sru: 100 * GIB, hru: 0 }, 2000, 400],
  ['cores bound CU', { cru: 1, mru: 64 * GIB, sru: 1 * TIB, hru: 0 }, 2000, 4096],
  ['SSD bounds CU', { cru: 16, mru: 64 * GIB, sru: 75 * GIB, hru: 0 }, 1500, 300],
  ['tiny memory (512 MiB): no CU', { cru: 4, mru: 512 * MIB, sru: 100 * GIB, hru: 0 }, 0, 400],
  ['exactly 1 GiB of memory: no CU', { cru: 4, mru: GIB, sru: 100 * GIB, hru: 0 }, 0, 400],
  ['1 GiB + 1 byte of memory: floors to 0', { cru: 4, mru: GIB + 1, sru: 100 * GIB, hru: 0 }, 0, 400],
  ['zero disks: no CU, no SU', { cru: 4, mru: 16 * GIB, sru: 0, hru: 0 }, 0, 0],
  ['HDD only: 1200 GiB is one SU, no CU', { cru: 4, mru: 16 * GIB, sru: 0, hru: 1200 * GIB }, 0, 1000],
  ['SSD one byte short of 50 GiB floors to 0.999 CU', { cru: 1, mru: 5 * GIB, sru: 50 * GIB - 1, hru: 0 }, 999, 199],
  ['SU floors the exact sum once (0.833 + 0.5 = 1.333 -> 1, not 0 + 0)', { cru: 1, mru: 0, sru: GIB / 8, hru: GIB }, 0, 1],
  ['half and half make one SU exactly', { cru: 1, mru: 0, sru: 125 * GIB, hru: 600 * GIB }, 0, 1000],
  ['the largest node: cores bound CU, products beyond 2^53', { cru: 4096, mru: 2 ** 50, sru: 2 ** 50, hru: 2 ** 50 }, 8_192_000, 5_068_117],
];

describe('farming: capacity units', () => {
  for (const [name, r, cu, su] of rows) {
    it(name, () => {
      expect(capacityUnits(r)).to.deep.equal({ cuMilli: cu, suMilli: su });
    });
  }

  it('vote weight is 2*CU + SU in milli-units', () => {
    expect(voteWeightMilli({ cuMilli: 7750, suMilli: 7509 })).to.equal(23_009);
    expect(voteWeightMilli({ cuMilli: 0, suMilli: 0 })).to.equal(0);
    expect(voteWeightMilli({ cuMilli: 4000, suMilli: 800 })).to.equal(8800);
  });
});
