/**
 * How an uptime report is credited (pure). A report at header time t (ms) stating U seconds since
 * boot, in period p that started at time S:
 *
 *   counters (creditedSeconds, nuBytes) restart at 0 when the node's counters belong to another period;
 *   elapsed = ceil((t - max(lastReportTime, S)) / 1000)
 *   budget  = floor((t - S) / 1000) - creditedSeconds
 *   delta   = U - lastUptime when U >= lastUptime, else U (the node rebooted); the first report: U
 *   credit  = max(0, min(delta, elapsed, budget))
 *
 * So a node is credited at most the time since its previous report (or the period start, or its
 * registration: see add-node) rounded up, and over the period never more than the time the period
 * has run, nor time before its start. Rounding each interval up and capping the sum is what keeps
 * frequent reports exact: sub-second blocks and whole-second uptimes, each interval floored, would
 * lose up to a second per report (a node reporting every second would fall below 95%). Time between a
 * node's last report and the period end is not credited: nodes report often (every few seconds on
 * the testnet, tfchain's nodes every 40 minutes would lose up to that much per period).
 */
import type { NodeUptime } from './farming-types.ts';

export interface UptimeReport {
  /** Header time of the block carrying the report, ms. */
  readonly time: number;
  readonly uptimeSeconds: number;
  readonly nuBytes: number;
}

export interface PeriodStart {
  readonly period: number;
  readonly startTime: number;
}

export interface CreditResult {
  readonly uptime: NodeUptime;
  /** Seconds credited by this report. */
  readonly credited: number;
}

export function creditUptime(u: NodeUptime, report: UptimeReport, current: PeriodStart): CreditResult {
  const samePeriod = u.period === current.period;
  const creditedBefore = samePeriod ? u.creditedSeconds : 0;
  const nuBefore = samePeriod ? u.nuBytes : 0;
  const since = Math.max(u.lastReportTime, current.startTime);
  const elapsed = Math.ceil((report.time - since) / 1000);
  const budget = Math.floor((report.time - current.startTime) / 1000) - creditedBefore;
  // lastUptime is 0 before the first report, so the first report's delta is U.
  const delta = report.uptimeSeconds >= u.lastUptime ? report.uptimeSeconds - u.lastUptime : report.uptimeSeconds;
  const credited = Math.max(0, Math.min(delta, elapsed, budget));
  return {
    credited,
    uptime: {
      lastReportTime: report.time,
      lastUptime: report.uptimeSeconds,
      period: current.period,
      creditedSeconds: creditedBefore + credited,
      // Saturates: a stored integer must stay below 2^53 whatever nodes claim.
      nuBytes: Math.min(Number.MAX_SAFE_INTEGER, nuBefore + report.nuBytes),
    },
  };
}
