/**
 * Committed throughput of a real 4-validator network: one `tfr node` process per validator on
 * loopback (libp2p between them, fresh data directories per run), and this process as the
 * clients: signed transfers (pre-signed before the run, 1,000 funded senders, each sending
 * sequential nonces to one node) POSTed to the 4 nodes' RPCs at a fixed offered rate, open loop,
 * over keep-alive connections (network-load.ts). Commits are observed on node 1's `/events`
 * WebSocket (network-commits.ts). The nodes and the load share the machine's cores; the nodes run
 * with `--tx-checks main-thread` (no core is idle for the thread pool; BENCH_TX_CHECKS=thread-pool
 * for the default).
 *
 * Per run: a warm-up (not counted; the rate rises linearly to the offered one), then the measured
 * window; txs due in the window are followed until committed (or a drain timeout). Reported per
 * offered rate, median over the runs: committed tx/s, p50/p99 latency from a tx's due time (its
 * submit time) to the arrival of its block's message, block interval, txs per block, refusals,
 * and the CPU used by the nodes, by this process and by anything else on the machine
 * (network-window.ts, network-cpu.ts).
 *
 * Knobs: BENCH_RATES (offered tx/s, comma-separated, default 500,1000,2000,3000), BENCH_SECONDS
 * (window, default 20), BENCH_WARMUP (s, default 5), BENCH_RUNS (per rate, default 3),
 * BENCH_NODE_ARGS (extra node options for the validator processes, e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof`, then `npx tsx test/bench/cpu-profile-summary.ts /tmp/prof FROM TO` says
 * where the nodes' CPU went), BENCH_KEEP=1 (keep the data directories, with each node's output in
 * node-N.log), BENCH_TX_CHECKS.
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
import { median, report, say } from './harness.ts';
import { watchCommits } from './network-commits.ts';
import { CpuWindow, type CpuShares } from './network-cpu.ts';
import { offerLoad, type LoadTx } from './network-load.ts';
import { startNetwork, writeGenesis } from './network-nodes.ts';
import { LatencyWindow, type WindowFigures } from './network-window.ts';
import { signTransfers } from './throughput.bench.ts';

const RATES = (process.env['BENCH_RATES'] ?? '500,1000,2000,3000').split(',').map(Number);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 5);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const NODE_ARGS = (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
const KEEP = process.env['BENCH_KEEP'] === '1';
// Four processes share the machine's cores: no core is idle for libuv's thread pool, whose
// hand-offs then only add latency (rpc/cli/node-command.ts, --tx-checks).
const TX_CHECKS = process.env['BENCH_TX_CHECKS'] ?? 'main-thread';
const DRAIN_MS = 20_000;
const VALIDATORS = 4;
const ACCOUNTS = 1000;
const SEED = 'tfr-network-bench';

interface RunFigures extends WindowFigures {
  readonly rejected: number;
  readonly cpu: CpuShares;
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
  // Signed before the nodes start, so signing does not compete with them (the ramp sends half a warm-up's worth).
  const txs = loadTxs(genesisFile, Math.ceil(rate * (WARMUP / 2 + SECONDS)) + 10);
  const network = await startNetwork({ dir, genesisFile, validators: VALIDATORS, seed: SEED, nodeArgs: NODE_ARGS, tfrArgs: TX_CHECKS === 'thread-pool' ? [] : ['--tx-checks', TX_CHECKS], keepLogs: KEEP });
  try {
    const watch = await watchCommits(network.nodes[0]!.rpcUrl);
    // Load starts once the chain commits blocks (the processes found each other).
    await new Promise<void>((resolve) => watch.onBlock(() => resolve()));
    const start = performance.now() + 50;
    const window = new LatencyWindow(start + WARMUP * 1000, start + (WARMUP + SECONDS) * 1000);
    watch.onBlock((b) => window.committed(b));
    const cpu = new CpuWindow(network.nodes.map((n) => n.pid));
    let shares: CpuShares | undefined;
    const cpuStart = setTimeout(() => cpu.start(), window.start - performance.now());
    const cpuStop = setTimeout(() => (shares = cpu.stop()), window.end - performance.now());

    const load = await offerLoad({
      rpcUrls: network.nodes.map((n) => n.rpcUrl),
      txs,
      rate,
      start,
      rampMs: WARMUP * 1000,
      until: window.end,
      retryUntil: window.end + DRAIN_MS / 2,
      onSubmit: (tx, at) => window.submitted(tx.hash, at),
      onReject: (tx) => window.refused(tx.hash),
    });
    await window.drain(DRAIN_MS);
    clearTimeout(cpuStart);
    clearTimeout(cpuStop);
    watch.close();

    const rejected = [...load.rejections.values()].reduce((a, b) => a + b, 0);
    const f: RunFigures = { ...window.figures(), rejected, cpu: shares ?? { nodes: [], load: NaN, other: NaN } };
    const codes = (m: Map<string, number>): string => [...m.entries()].map(([c, n]) => `${c} ${n}`).join(', ') || 'none';
    const mempools = await Promise.all(network.nodes.map((n) => mempoolSize(n.rpcUrl)));
    say(
      `  ${rate} tx/s run ${run + 1}: ${f.committedPerS.toFixed(0)} tx/s committed, latency p50 ${f.p50.toFixed(0)} ms p99 ${f.p99.toFixed(0)} ms, ` +
        `block ${f.blockMs.toFixed(0)} ms, ${f.txsPerBlock.toFixed(0)} txs/block; sent ${load.sent}, retried (${codes(load.retries)}), refused (${codes(load.rejections)}), ` +
        `not committed ${f.lost}, mempools at end ${mempools.join('/')}; CPU % of one core: nodes ${f.cpu.nodes.map((c) => c.toFixed(0)).join('/')}, ` +
        `load ${f.cpu.load.toFixed(0)}, other programs ${f.cpu.other.toFixed(0)}`,
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
    `network: ${VALIDATORS} validators, one \`tfr node --tx-checks ${TX_CHECKS}\` process each on loopback (libp2p), and the load generator in this process, ` +
      `all sharing this machine's ${os.cpus().length} cores; ${ACCOUNTS} senders, POST /txs spread over the 4 RPCs, offered ${RATES.join(' / ')} tx/s ` +
      `for ${SECONDS} s after a ${WARMUP} s warm-up ramp, ${RUNS} run(s) per rate, commits seen on node 1's /events`,
  );
  for (const rate of RATES) {
    const runs: RunFigures[] = [];
    for (let r = 0; r < RUNS; r++) runs.push(await runOnce(rate, r));
    const m = (pick: (f: RunFigures) => number) => median(runs.map(pick));
    const spread = (pick: (f: RunFigures) => number) => `runs: ${runs.map((f) => Math.round(pick(f))).join(' / ')}`;
    const nodesCpu = (f: RunFigures) => f.cpu.nodes.reduce((a, b) => a + b, 0);
    const name = `network.${rate}`;
    report(`${name}.committed`, m((f) => f.committedPerS), 'tx/s', `offered ${rate} tx/s; ${spread((f) => f.committedPerS)}`);
    report(`${name}.latency.p50`, m((f) => f.p50), 'ms', `submit -> block seen on /events; ${spread((f) => f.p50)}`);
    report(`${name}.latency.p99`, m((f) => f.p99), 'ms', spread((f) => f.p99));
    report(`${name}.block-interval`, m((f) => f.blockMs), 'ms', spread((f) => f.blockMs));
    report(`${name}.txs-per-block`, m((f) => f.txsPerBlock), 'txs', spread((f) => f.txsPerBlock));
    report(`${name}.refused`, m((f) => f.rejected), 'txs', `finally refused (503 and 429 are retried); ${spread((f) => f.rejected)}`);
    report(`${name}.not-committed`, m((f) => f.lost), 'txs', `window txs not committed ${DRAIN_MS / 1000} s after the window; ${spread((f) => f.lost)}`);
    report(`${name}.cpu.nodes`, m(nodesCpu), '% of one core', `the 4 node processes together; ${spread(nodesCpu)}`);
    report(`${name}.cpu.load`, m((f) => f.cpu.load), '% of one core', `this process; ${spread((f) => f.cpu.load)}`);
    // What one validator spends per committed transfer, its idle consensus work (~6% of a core) included.
    const perTx = (f: RunFigures) => (nodesCpu(f) * 10) / f.committedPerS / VALIDATORS;
    report(`${name}.cpu.per-tx`, m(perTx), 'ms', `CPU of one node per committed transfer (nodes' CPU / committed tx/s / ${VALIDATORS}); ${runs.map((f) => perTx(f).toFixed(2)).join(' / ')}`);
    report(`${name}.cpu.other`, m((f) => f.cpu.other), '% of one core', `other programs on the machine meanwhile; ${spread((f) => f.cpu.other)}`);
  }
}
