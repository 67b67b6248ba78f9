import { expect } from 'chai';
import type { NodeUptime } from '../../../dao/farming/farming-types.ts';
import { creditUptime } from '../../../dao/farming/uptime-credit.ts';

const S = 1_000_000_000; // period 3 starts here (ms)
const P3 = { period: 3, startTime: S };
const fresh: NodeUptime = { lastReportTime: 0, lastUptime: 0, period: 3, creditedSeconds: 0, nuBytes: 0 };
const reported: NodeUptime = { lastReportTime: S + 600_000, lastUptime: 1000, period: 3, creditedSeconds: 600, nuBytes: 5 };

describe('farming: uptime credit', () => {
  const rows: Array<[string, NodeUptime, number, number, number, number]> = [
    // name, before, time, uptime, credited by the report, creditedSeconds after
    ['first report: its whole uptime, when the period is that old', fresh, S + 600_000, 300, 300, 300],
    ['first report: never time before the period start', fresh, S + 600_000, 10_000, 600, 600],
    ['normal report: the uptime gained', reported, S + 900_000, 1300, 300, 900],
    ['reboot (uptime went down): the new uptime', reported, S + 900_000, 120, 120, 720],
    ['over-claim: capped by the time since the last report', reported, S + 900_000, 5000, 300, 900],
    ['no progress: nothing', reported, S + 900_000, 1000, 0, 600],
    ['a second report in the same block: nothing', reported, S + 600_000, 1300, 0, 600],
    ['elapsed time is rounded up per report (2 s) ...', { ...reported, creditedSeconds: 590 }, S + 601_001, 1300, 2, 592],
    ['... but the period total never exceeds the time it has run', { ...reported, creditedSeconds: 601 }, S + 601_500, 1300, 0, 601],
    ['sub-second blocks with whole-second uptimes lose nothing', { ...reported, lastReportTime: S + 599_400, lastUptime: 999, creditedSeconds: 599 }, S + 600_100, 1000, 1, 600],
  ];
  for (const [name, before, time, uptimeSeconds, credited, total] of rows) {
    it(name, () => {
      const r = creditUptime(before, { time, uptimeSeconds, nuBytes: 7 }, P3);
      expect(r.credited).to.equal(credited);
      expect(r.uptime).to.deep.equal({ lastReportTime: time, lastUptime: uptimeSeconds, period: 3, creditedSeconds: total, nuBytes: before.nuBytes + 7 });
    });
  }

  it('period change: counters restart, time before the new period is not credited', () => {
    const old: NodeUptime = { lastReportTime: S - 100_000, lastUptime: 5000, period: 2, creditedSeconds: 4000, nuBytes: 99 };
    const r = creditUptime(old, { time: S + 60_000, uptimeSeconds: 5160, nuBytes: 1 }, P3);
    expect(r.credited).to.equal(60);
    expect(r.uptime).to.deep.equal({ lastReportTime: S + 60_000, lastUptime: 5160, period: 3, creditedSeconds: 60, nuBytes: 1 });
  });

  it('a node registered mid-period (registration = a report of uptime 0) gets only the time since', () => {
    const registered: NodeUptime = { lastReportTime: S + 500_000, lastUptime: 0, period: 3, creditedSeconds: 0, nuBytes: 0 };
    expect(creditUptime(registered, { time: S + 503_000, uptimeSeconds: 86_400, nuBytes: 0 }, P3).credited).to.equal(3);
  });

  it('traffic saturates below 2^53 instead of making an unstorable number', () => {
    const full: NodeUptime = { ...reported, nuBytes: Number.MAX_SAFE_INTEGER - 1 };
    expect(creditUptime(full, { time: S + 900_000, uptimeSeconds: 1300, nuBytes: Number.MAX_SAFE_INTEGER }, P3).uptime.nuBytes).to.equal(Number.MAX_SAFE_INTEGER);
  });
});
