/**
 * Committed throughput of a real 4-validator network: one `tfr node` process per validator on
 * loopback (libp2p between them, fresh data directories per run), and this process as the
 * clients: signed transfers (pre-signed before the run, 1,000 funded senders, each sending
 * sequential nonces to one node) POSTed to the 4 nodes' RPCs at a fixed offered rate, open loop,
 * over keep-alive connections (network-load.ts). Commits are observed on node 1's `/events`
 * WebSocket (network-commits.ts).
 *
 * Per run: a warm-up (not counted), then the measured window; txs due in the window are followed
 * until committed (or a drain timeout). Reported per offered rate, median over the runs: committed
 * tx/s (the txs of the blocks observed in the window after its first one, over the time from that
 * first one to the last), p50/p99 latency from a tx's due time (its submit time) to the arrival of
 * its block's message, block interval, txs per block, refusals, and the CPU used by each node
 * process and by this one (the 4 nodes and the load share the machine's cores).
 *
 * Knobs: BENCH_RATES (offered tx/s, comma-separated, default 1000,2000,3000), BENCH_SECONDS
 * (window, default 20), BENCH_WARMUP (s, default 5), BENCH_RUNS (per rate, default 3),
 * BENCH_NODE_ARGS (extra node options for the validator processes, e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof`), BENCH_KEEP=1 (keep the data directories, with each node's output in
 * node-N.log).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { addressBytesFromPublicKey } from '../../chain/crypto/addresses.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { regionGenesisSections } from '../../chain/node/region-modules.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { testAccountKey, testAccountNames } from '../../genesis/test-accounts.ts';
import { median, percentile, report, say } from './harness.ts';
import { watchCommits } from './network-commits.ts';
import { offerLoad, type LoadTx } from './network-load.ts';
import { cpuSeconds, startNetwork, writeGenesis } from './network-nodes.ts';
import { signTransfers } from './throughput.bench.ts';

const RATES = (process.env['BENCH_RATES'] ?? '1000,2000,3000').split(',').map(Number);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 5);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
const KEEP = process.env['BENCH_KEEP'] === '1';
const DRAIN_MS = 20_000;
const VALIDATORS = 4;
const ACCOUNTS = 1000;
const SEED = 'tfr-network-bench';

interface RunFigures {
  readonly committedPerS: number;
  readonly p50: number;
  readonly p99: number;
  readonly blockMs: number;
  readonly txsPerBlock: number;
  readonly rejected: number;
  readonly lost: number;
  /** CPU of each node process and of the load generator during the window, in % of one core. */
  readonly nodeCpu: readonly number[];
  readonly loadCpu: number;
}

function senders() {
  const keys = testAccountNames(ACCOUNTS).map((n) => testAccountKey(SEED, n));
  return keys.map((key, i) => ({ key, to: addressBytesFromPublicKey(keys[(i + 1) % keys.length]!.publicKey), nonce: 0 }));
}

/** The run's txs in sending order: tx i is sender i % ACCOUNTS's, sent to that sender's node. */
function loadTxs(genesisFile: string, count: number): LoadTx[] {
  const genesis = parseGenesis(fs.readFileSync(genesisFile, 'utf8'), { sections: regionGenesisSections() });
  return signTransfers(genesis, senders(), count).map((t, i) => {
    const sender = i % ACCOUNTS;
    return { body: `{"tx":"${toHex(t.bytes)}"}`, hash: t.hash, sender, node: sender % VALIDATORS };
  });
}

async function runOnce(rate: number, run: number): Promise<RunFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-network-'));
  const genesisFile = writeGenesis({ dir, validators: VALIDATORS, seed: SEED, accounts: ACCOUNTS });
  // Signed before the nodes start, so signing does not compete with them.
  const txs = loadTxs(genesisFile, Math.ceil(rate * (WARMUP + SECONDS)) + 10);
  const network = await startNetwork({ dir, genesisFile, validators: VALIDATORS, seed: SEED, nodeArgs: NODE_ARGS, keepLogs: KEEP });
  try {
    const watch = await watchCommits(network.nodes[0]!.rpcUrl);
    // Load starts once the chain commits blocks (the processes found each other).
    await new Promise<void>((resolve) => watch.onBlock(() => resolve()));

    const start = performance.now() + 50;
    const windowStart = start + WARMUP * 1000;
    const windowEnd = windowStart + SECONDS * 1000;
    const inWindow = (t: number): boolean => t >= windowStart && t < windowEnd;
    const pending = new Map<string, number>();
    const latencies: number[] = [];
    let pendingInWindow = 0;
    let drained: () => void = () => undefined;
    const allDrained = new Promise<void>((resolve) => (drained = resolve));
    const settle = (): void => {
      if (--pendingInWindow === 0 && performance.now() >= windowEnd) drained();
    };
    watch.onBlock((b) => {
      for (const h of b.hashes) {
        const t = pending.get(h);
        if (t === undefined) continue;
        pending.delete(h);
        if (inWindow(t)) {
          latencies.push(b.at - t);
          settle();
        }
      }
    });
    let cpuAtStart: number[] = [];
    let loadCpuAtStart = process.cpuUsage();
    const cpuTimer = setTimeout(() => {
      cpuAtStart = network.nodes.map((n) => cpuSeconds(n.pid));
      loadCpuAtStart = process.cpuUsage();
    }, windowStart - performance.now());
    let nodeCpu: number[] = [];
    let loadCpu = NaN;
    const cpuEndTimer = setTimeout(() => {
      nodeCpu = network.nodes.map((n, i) => ((cpuSeconds(n.pid) - cpuAtStart[i]!) / SECONDS) * 100);
      const u = process.cpuUsage(loadCpuAtStart);
      loadCpu = ((u.user + u.system) / 1e6 / SECONDS) * 100;
    }, windowEnd - performance.now());

    const load = await offerLoad({
      rpcUrls: network.nodes.map((n) => n.rpcUrl),
      txs,
      rate,
      start,
      until: windowEnd,
      onSubmit: (tx, at) => {
        pending.set(tx.hash, at);
        if (inWindow(at)) pendingInWindow++;
      },
      onReject: (tx) => {
        const at = pending.get(tx.hash);
        if (at !== undefined && pending.delete(tx.hash) && inWindow(at)) settle();
      },
    });
    if (pendingInWindow > 0) {
      let giveUp: NodeJS.Timeout | undefined;
      await Promise.race([allDrained, new Promise((r) => (giveUp = setTimeout(r, DRAIN_MS)))]);
      clearTimeout(giveUp);
    }
    clearTimeout(cpuTimer);
    clearTimeout(cpuEndTimer);
    watch.close();

    const blocks = watch.blocks.filter((b) => inWindow(b.at));
    const span = blocks.length < 2 ? NaN : blocks[blocks.length - 1]!.at - blocks[0]!.at;
    const committed = blocks.slice(1).reduce((n, b) => n + b.hashes.length, 0);
    const intervals = blocks.slice(1).map((b, i) => b.at - blocks[i]!.at);
    const rejected = [...load.rejections.values()].reduce((a, b) => a + b, 0);
    const mempools = await Promise.all(network.nodes.map((n) => mempoolSize(n.rpcUrl)));
    const f: RunFigures = {
      committedPerS: (committed / span) * 1000,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      blockMs: median(intervals),
      txsPerBlock: blocks.length < 2 ? 0 : committed / (blocks.length - 1),
      rejected,
      lost: pendingInWindow,
      nodeCpu,
      loadCpu,
    };
    const codes = [...load.rejections.entries()].map(([c, n]) => `${c} ${n}`).join(', ');
    say(
      `  ${rate} tx/s run ${run + 1}: ${f.committedPerS.toFixed(0)} tx/s committed, latency p50 ${f.p50.toFixed(0)} ms p99 ${f.p99.toFixed(0)} ms, ` +
        `block ${f.blockMs.toFixed(0)} ms, ${f.txsPerBlock.toFixed(0)} txs/block, sent ${load.sent}, rejected ${rejected}${codes ? ` (${codes})` : ''}, ` +
        `not committed ${f.lost}, mempools at end ${mempools.join('/')}; CPU (% of one core) nodes ${nodeCpu.map((c) => c.toFixed(0)).join('/')}, load ${loadCpu.toFixed(0)}`,
    );
    for (const e of watch.errors) say(`    commit watch: ${e}`);
    for (const l of network.stderr.slice(0, 10)) say(`    ${l}`);
    if (network.stderr.length > 10) say(`    ... ${network.stderr.length - 10} more stderr lines`);
    return f;
  } finally {
    await network.stop();
    if (KEEP) say(`    kept ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

function mempoolSize(rpcUrl: string): Promise<string> {
  return new Promise((resolve) => {
    http
      .get(`${rpcUrl}/status`, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c));
        res.on('end', () => resolve(String((JSON.parse(body) as { mempoolSize?: number }).mempoolSize ?? '?')));
      })
      .on('error', () => resolve('?'));
  });
}

export async function runNetworkBench(): Promise<void> {
  say(
    `network: ${VALIDATORS} validators, one \`tfr node\` process each on loopback (libp2p), and the load generator in this process, ` +
      `all sharing this machine's ${os.cpus().length} cores; ${ACCOUNTS} senders, POST /txs spread over the 4 RPCs, offered ${RATES.join(' / ')} tx/s ` +
      `for ${SECONDS} s after ${WARMUP} s warm-up, ${RUNS} run(s) per rate, commits seen on node 1's /events`,
  );
  for (const rate of RATES) {
    const runs: RunFigures[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await runOnce(rate, r));
    const m = (pick: (f: RunFigures) => number) => median(runs.map(pick));
    const spread = (pick: (f: RunFigures) => number) => `runs: ${runs.map((f) => Math.round(pick(f))).join(' / ')}`;
    const name = `network.${rate}`;
    report(`${name}.committed`, m((f) => f.committedPerS), 'tx/s', `offered ${rate} tx/s; ${spread((f) => f.committedPerS)}`);
    report(`${name}.latency.p50`, m((f) => f.p50), 'ms', `submit -> block seen on /events; ${spread((f) => f.p50)}`);
    report(`${name}.latency.p99`, m((f) => f.p99), 'ms', spread((f) => f.p99));
    report(`${name}.block-interval`, m((f) => f.blockMs), 'ms', spread((f) => f.blockMs));
    report(`${name}.txs-per-block`, m((f) => f.txsPerBlock), 'txs', spread((f) => f.txsPerBlock));
    report(`${name}.rejected`, m((f) => f.rejected), 'txs', spread((f) => f.rejected));
    report(`${name}.not-committed`, m((f) => f.lost), 'txs', `window txs not committed ${DRAIN_MS / 1000} s after the window; ${spread((f) => f.lost)}`);
    report(`${name}.cpu.nodes`, m((f) => f.nodeCpu.reduce((a, b) => a + b, 0)), '% of one core', `sum of the 4 node processes; ${spread((f) => f.nodeCpu.reduce((a, b) => a + b, 0))}`);
    report(`${name}.cpu.load`, m((f) => f.loadCpu), '% of one core', `the load generator; ${spread((f) => f.loadCpu)}`);
  }
}
