/**
 * How an uptime report is credited (pure). A report at header time t (ms) stating U seconds since
 * boot, in period p that started at time S:
 *
 *   counters (creditedSeconds, nuBytes) restart at 0 when the node's counters belong to another period;
 *   elapsed = floor((t - max(lastReportTime, S)) / 1000)
 *   delta   = U - lastUptime when U >= lastUptime, else U (the node rebooted); the first report: U
 *   credit  = max(0, min(delta, elapsed))
 *
 * So a node is never credited more time than has passed since its previous report (or the period
 * start, or its registration: see add-node), and never time before the period start. Time between a
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
  const elapsed = Math.floor((report.time - since) / 1000);
  // lastUptime is 0 before the first report, so the first report's delta is U.
  const delta = report.uptimeSeconds >= u.lastUptime ? report.uptimeSeconds - u.lastUptime : report.uptimeSeconds;
  const credited = Math.max(0, Math.min(delta, elapsed));
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
