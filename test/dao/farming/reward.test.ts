import { expect } from 'chai';
import BN from 'bn.js';
import type { FarmNode, PolicyFields } from '../../../dao/farming/farming-types.ts';
import { nodeEarning, uptimePermille, usageIn, type NodePeriodUsage } from '../../../dao/farming/reward.ts';

const DIY: PolicyFields = {
  name: 'diy',
  cu: new BN(24_000_000),
  su: new BN(10_000_000),
  nu: new BN(300_000),
  ipv4: new BN(50_000),
  minimalUptime: 950,
  policyEnd: 0,
  immutable: false,
  default: true,
  nodeCertification: 'diy',
  farmCertification: 'notCertified',
};
const MACHINE = { cuMilli: 7750, suMilli: 7509 };
const usage = (o: Partial<NodePeriodUsage>): NodePeriodUsage => ({ ...MACHINE, publicIps: 0, creditedSeconds: 0, nuBytes: 0, ...o });

describe('farming: reward formula', () => {
  it('uptime permille: floored, capped at 1000, 0 for an empty period', () => {
    expect(uptimePermille(7200, 7200)).to.equal(1000);
    expect(uptimePermille(9499, 10_000)).to.equal(949);
    expect(uptimePermille(10, 3)).to.equal(1000);
    expect(uptimePermille(5, 0)).to.equal(0);
  });

  // (7750 * 24,000,000 + 7509 * 10,000,000) = 261,090,000,000 per 1000 permille, / 10^6.
  const rows: Array<[string, NodePeriodUsage, number, number, boolean]> = [
    // name, usage, duration, amount, below uptime
    ['full uptime: capacity + 5 GB of traffic + 2 IP-hours', usage({ publicIps: 1, creditedSeconds: 7200, nuBytes: 5_000_000_000 }), 7200, 261_090_000 + 1_500_000 + 100_000, false],
    ['exactly the minimal uptime (950) pays pro rata', usage({ creditedSeconds: 950 }), 1000, 248_035_500, false],
    ['one permille below the minimal uptime pays nothing', usage({ creditedSeconds: 949, publicIps: 4, nuBytes: 10 ** 12 }), 1000, 0, true],
    ['949.9 permille floors to 949: nothing', usage({ creditedSeconds: 9499 }), 10_000, 0, true],
    ['NU: whole GB only (2.999999999 GB -> 2)', { cuMilli: 0, suMilli: 0, publicIps: 0, creditedSeconds: 100, nuBytes: 2_999_999_999 }, 100, 600_000, false],
    ['IPv4: whole address-hours of credited uptime (3 IPs x 7199 s -> 5)', { cuMilli: 0, suMilli: 0, publicIps: 3, creditedSeconds: 7199, nuBytes: 0 }, 7199, 250_000, false],
    ['capacity floors once (1 milli-CU at 999 per CU -> 0)', { cuMilli: 1, suMilli: 0, publicIps: 0, creditedSeconds: 10, nuBytes: 0 }, 10, 0, false],
  ];
  for (const [name, u, duration, amount, below] of rows) {
    it(name, () => {
      const policy = name.startsWith('capacity floors') ? { ...DIY, cu: new BN(999) } : DIY;
      const e = nodeEarning(u, duration, policy);
      expect(e.amount.toString()).to.equal(String(amount));
      expect(e.belowUptime).to.equal(below);
    });
  }

  it('capacity with 1000 per CU at full uptime is 1 base unit per milli-CU', () => {
    expect(nodeEarning({ cuMilli: 1, suMilli: 0, publicIps: 0, creditedSeconds: 10, nuBytes: 0 }, 10, { ...DIY, cu: new BN(1000) }).amount.toString()).to.equal('1');
  });

  it('no policy: nothing, and not counted as below uptime', () => {
    const e = nodeEarning(usage({ creditedSeconds: 100 }), 100, undefined);
    expect(e).to.deep.include({ uptimePermille: 1000, belowUptime: false });
    expect(e.amount.isZero()).to.equal(true);
  });

  it('rates near 2^128 stay exact (no float, no 2^26 limit of BN.muln)', () => {
    const huge = new BN(1).shln(120);
    const e = nodeEarning(usage({ creditedSeconds: 100_000_000, publicIps: 256 }), 100_000_000, { ...DIY, cu: huge, su: new BN(0), ipv4: new BN(1) });
    expect(e.amount.toString()).to.equal(huge.muln(7750).divn(1000).addn(7_111_111).toString()); // 256 * 10^8 / 3600 IP-hours
  });

  it("a node's counters count only in their own period", () => {
    const node = { units: MACHINE, publicIps: 2, uptime: { lastReportTime: 5, lastUptime: 5, period: 4, creditedSeconds: 77, nuBytes: 88 } } as unknown as FarmNode;
    expect(usageIn(node, 4)).to.deep.equal({ ...MACHINE, publicIps: 2, creditedSeconds: 77, nuBytes: 88 });
    expect(usageIn(node, 5)).to.deep.equal({ ...MACHINE, publicIps: 2, creditedSeconds: 0, nuBytes: 0 });
  });
});
