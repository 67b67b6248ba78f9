/**
 * Benchmark harness: every figure is printed for people, or with `--json` as one JSON line
 * {"bench": NAME, "value": N, "unit": U} so runs can be compared by a script.
 */
import os from 'node:os';

export const jsonOutput = process.argv.includes('--json');

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The nearest-rank percentile (`p` in 0..100) of `xs`; NaN when empty. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export function report(bench: string, value: number, unit: string, note = ''): void {
  const rounded = Math.round(value * 100) / 100;
  if (jsonOutput) console.log(JSON.stringify({ bench, value: rounded, unit }));
  else console.log(`${bench.padEnd(48)} ${String(rounded).padStart(12)} ${unit}${note ? `  (${note})` : ''}`);
}

export function say(line: string): void {
  if (!jsonOutput) console.log(line);
}

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
