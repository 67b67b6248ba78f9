/**
 * `farming/report-uptime`, signed by the node key: credits the node's uptime in the open period by
 * the rule of uptime-credit.ts and adds its reported public traffic.
 */
import type { Command } from '../../chain/execution/module.ts';
import { decodeReportUptime, encodeReportUptime, FARMING_COMMANDS, type ReportUptimeParams } from './farming-params.ts';
import { getOpenPeriod, putNode, requireNode } from './farming-state.ts';
import { requireNodeKey } from './node-commands.ts';
import { creditUptime } from './uptime-credit.ts';

export function reportUptimeCommand(): Command<ReportUptimeParams> {
  return {
    name: FARMING_COMMANDS.reportUptime,
    decodeParams: decodeReportUptime,
    encodeParams: encodeReportUptime,
    async execute(ctx, p) {
      const node = requireNodeKey(await requireNode(ctx.state, p.nodeId), ctx.tx.sender);
      // A chain without a farming section has no open period: reports count for period 0, never paid.
      const open = (await getOpenPeriod(ctx.state)) ?? { period: 0, startTime: 0 };
      const { uptime, credited } = creditUptime(node.uptime, { time: ctx.block.time, uptimeSeconds: p.uptimeSeconds, nuBytes: p.nuBytes }, open);
      putNode(ctx.state, { ...node, uptime });
      ctx.emit('uptime-reported', { nodeId: node.id, period: uptime.period, credited, creditedSeconds: uptime.creditedSeconds });
    },
  };
}
