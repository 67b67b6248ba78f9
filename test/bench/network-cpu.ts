/**
 * CPU accounting of the network benchmark (Linux /proc; NaN elsewhere): what each node process,
 * this process (the load) and the whole machine used between `start()` and `stop()`, so a run
 * says whether the cores were saturated and whether something else was running meanwhile.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc's counters (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** CPU seconds (user + system) a process used so far. */
export function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, so split after its closing parenthesis).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return NaN;
  }
}

/** Busy CPU seconds of the whole machine so far (all cores: everything but idle and iowait). */
function machineBusySeconds(): number {
  try {
    const [, ...counts] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const n = counts.map(Number);
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - n[3]! - n[4]!) / TICKS;
  } catch {
    return NaN;
  }
}

export interface CpuShares {
  /** Each node process, in % of one core. */
  readonly nodes: readonly number[];
  /** This process (the load generator and the commit watch). */
  readonly load: number;
  /** Everything else on the machine (other programs), in % of one core. */
  readonly other: number;
}

export class CpuWindow {
  private at = 0;
  private nodes: number[] = [];
  private load = process.cpuUsage();
  private busy = 0;

  constructor(private readonly pids: readonly number[]) {}

  start(): void {
    this.at = performance.now();
    this.nodes = this.pids.map(processCpuSeconds);
    this.load = process.cpuUsage();
    this.busy = machineBusySeconds();
  }

  stop(): CpuShares {
    const seconds = (performance.now() - this.at) / 1000;
    const pct = (s: number): number => (s / seconds) * 100;
    const nodes = this.pids.map((pid, i) => pct(processCpuSeconds(pid) - this.nodes[i]!));
    const u = process.cpuUsage(this.load);
    const load = pct((u.user + u.system) / 1e6);
    const other = pct(machineBusySeconds() - this.busy) - nodes.reduce((a, b) => a + b, 0) - load;
    return { nodes, load, other: Math.max(0, other) };
  }
}
