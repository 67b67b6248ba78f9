/**
 * Where a node's CPU goes: sums the main-thread V8 CPU profiles of a directory (written by
 * `node --cpu-prof --cpu-prof-dir=DIR`, e.g. through the network bench's BENCH_NODE_ARGS) over a
 * time window, by part of the node. A sample counts for the part of the nearest frame, from the
 * sampled function up its stack, that belongs to one (so cborg or bn.js work counts for whoever
 * called it); samples with no such frame (async continuations of the ledger's state reads, mostly)
 * are "other", with their top functions listed.
 *
 *   npx tsx test/bench/cpu-profile-summary.ts DIR [FROM_S TO_S]
 *
 * FROM_S/TO_S: seconds after each profile's start (default: all). The profiler samples wall time,
 * so on a saturated machine a share is of time on the CPU or waiting for it; the shares, not the
 * milliseconds, are the figure.
 */
import fs from 'node:fs';
import path from 'node:path';

const PARTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['ed25519 signature checks', /^verifyOneShot$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['block execution and proposal checks', /apply-block|execute-block|run-tx|execution-memo|proposal-blocks|sparse-merkle|state-store/],
  ['mempool admission (decode, checks)', /mempool\/|check-tx|tx-codec|caching-verifier|signature-verifier/],
  ['HTTP server (fastify, node:http)', /fastify|_http_|rpc\/server|find-my-way|avvio/],
  ['libp2p (gossipsub, yamux, noise, tcp)', /@libp2p|@chainsafe|libp2p|uint8arraylist|protons|p2p-host|host-network|gossip-validator|byte-counter/],
  ['consensus, WAL, driver', /consensus\/|\/wal|driver/],
  ['LevelDB', /classic-level|abstract-level/],
];

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function partOf(frame: ProfileNode['callFrame']): string | undefined {
  return PARTS.find(([, re]) => re.test(frame.functionName) || (frame.url !== '' && re.test(frame.url)))?.[0];
}

function summarize(profiles: readonly Profile[], from: number, to: number): { parts: Map<string, number>; other: Map<string, number>; busy: number } {
  const parts = new Map<string, number>();
  const other = new Map<string, number>();
  let busy = 0;
  for (const p of profiles) {
    const byId = new Map(p.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const memo = new Map<number, string>();
    const partOfNode = (id: number): string => {
      let part = memo.get(id);
      if (part !== undefined) return part;
      for (let at: number | undefined = id; at !== undefined && part === undefined; at = parent.get(at)) part = partOf(byId.get(at)!.callFrame);
      memo.set(id, part ?? 'other');
      return part ?? 'other';
    };
    let t = 0;
    p.samples.forEach((id, i) => {
      t += p.timeDeltas[i]!;
      const node = byId.get(id)!;
      if (t / 1e6 < from || t / 1e6 > to || node.callFrame.functionName === '(idle)') return;
      const ms = p.timeDeltas[i]! / 1000;
      busy += ms;
      const part = partOfNode(id);
      parts.set(part, (parts.get(part) ?? 0) + ms);
      if (part === 'other') {
        const name = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/.*node_modules\//, '').replace(/^file:\/\/.*?\/(chain|rpc)\//, '$1/')}`;
        other.set(name, (other.get(name) ?? 0) + ms);
      }
    });
  }
  return { parts, other, busy };
}

function main(): void {
  const [dir, fromText, toText] = process.argv.slice(2);
  if (dir === undefined) {
    console.error('usage: cpu-profile-summary.ts DIR [FROM_S TO_S]');
    process.exit(2);
  }
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (workers are others).
  const files = fs.readdirSync(dir).filter((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
  const profiles = files.map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Profile);
  const { parts, other, busy } = summarize(profiles, Number(fromText ?? 0), Number(toText ?? Infinity));
  const pct = (ms: number): string => `${((100 * ms) / busy).toFixed(1).padStart(5)}%`;
  console.log(`${files.length} main-thread profiles, ${(busy / 1000).toFixed(1)} s of busy samples`);
  for (const [part, ms] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`${pct(ms)}  ${part}`);
  console.log('top of "other":');
  for (const [name, ms] of [...other].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`${pct(ms)}    ${name}`);
}

main();
