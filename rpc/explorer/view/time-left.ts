/**
 * Time left to a height (a proposal's last voting block, a farming period's end) in blocks and
 * roughly in seconds, from the page's own view of the chain: its latest height and the mean block
 * interval of the blocks it holds. Recomputed on every block without asking the node.
 */
import { formatDuration } from './format.ts';

export interface TimeLeft {
  /** endHeight - height, at least 0 (the RPC's `blocksLeft`). */
  readonly blocks: number;
  /** blocks x mean interval, rounded; null without an interval. */
  readonly seconds: number | null;
}

export function timeLeft(endHeight: number, height: number, meanBlockMs: number | undefined): TimeLeft {
  const blocks = Math.max(0, endHeight - height);
  return { blocks, seconds: meanBlockMs === undefined || !Number.isFinite(meanBlockMs) ? null : Math.round((blocks * meanBlockMs) / 1000) };
}

/** "12 blocks left (~9 s)", "1 block left", "ends with this block", or "ended". */
export function timeLeftText(t: TimeLeft, closed: boolean): string {
  if (closed) return 'ended';
  if (t.blocks === 0) return 'ends with this block';
  const about = t.seconds === null ? '' : ` (~${formatDuration(t.seconds)})`;
  return `${t.blocks} block${t.blocks === 1 ? '' : 's'} left${about}`;
}
