/**
 * RPC benchmarks over loopback HTTP, with autocannon in a separate process (rpc-load.ts):
 *
 * - `GET /accounts/:address` requests/s (64 connections, 10 s) against a full node of the bench
 *   genesis (99 validators, 1,000 accounts) on LevelDB, set up like `tfr testnet`'s node 0 but not
 *   running consensus, so the figure is the route's own.
 * - `GET /pool/quote` requests/s (an exact-in quote of 100 TFT), the same way, against the same
 *   node: a pool read from the state, the AMM math and the answer.
 * - `POST /txs` accepted signed transfers/s: the same node, a fresh mempool per run, pre-signed
 *   transfers of 1,000 senders in nonce order, 64 connections; every request must be admitted
 *   (202), or the run reports how many were not.
 * - Committed transfers/s and submit-to-commit latency on the 99-validator testnet (`startTestnet`,
 *   as `tfr testnet` runs it) behind the RPC: POST /txs at a fixed offered rate (autocannon
 *   `overallRate`, 64 connections), latency from the moment the server admits a tx to the moment
 *   its block is announced to the RPC (when a `?wait=commit` request is answered). Measured at the
 *   node rather than by waiting clients: an open-loop load with `?wait=commit` would need ~1,500
 *   connections each holding a sender's next tx back.
 *
 * Median of BENCH_RUNS runs (default 3). Knobs: BENCH_RPC_SECONDS (default 10),
 * BENCH_RATE (offered tx/s of the committed run, default 1200), BENCH_SECONDS (its window, default 30),
 * BENCH_RPC_PARTS (comma list of accounts, quote, submit, committed; default all).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChainStore } from '../../chain/block/chain-store.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { addressFromPublicKey } from '../../chain/crypto/addresses.ts';
import { ExecutionMemo } from '../../chain/execution/execution-memo.ts';
import { systemClock } from '../../chain/node/adapters/system-clock.ts';
import { systemTimers } from '../../chain/node/adapters/system-timers.ts';
import { createNode } from '../../chain/node/create-node.ts';
import { LocalNetwork } from '../../chain/node/local-network.ts';
import type { NodeMessage } from '../../chain/node/node-messages.ts';
import { regionModules } from '../../chain/node/region-modules.ts';
import { startTestnet } from '../../chain/node/testnet.ts';
import { MemoryWal } from '../../chain/ports/memory-wal.ts';
import { SILENT_LOGGER } from '../../chain/ports/silent-logger.ts';
import { openLevelKvStore } from '../../chain/state/level-kv-store.ts';
import { cachingVerifier } from '../../chain/tx/caching-verifier.ts';
import { mainThreadVerifier, threadPoolVerifier } from '../../chain/tx/signature-verifier.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { buildServer } from '../../rpc/server/build-server.ts';
import { rpcNodeOf } from '../../rpc/server/rpc-node.ts';
import { median, percentile, report, say } from './harness.ts';
import { benchGenesis, senders, signTransfers } from './throughput.bench.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const SECONDS = Number(process.env['BENCH_RPC_SECONDS'] ?? 10);
const RATE = Number(process.env['BENCH_RATE'] ?? 1200);
const COMMIT_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 30);
const CONNECTIONS = 64;

interface LoadResult {
  result: { requests: { average: number; total: number }; latency: { p50: number; p99: number; p97_5: number }; '2xx': number; non2xx: number; errors: number; timeouts: number; duration: number };
  sent: number;
}

function runLoad(cfg: Record<string, unknown>): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./rpc-load.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(cfg)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult) : reject(new Error(`load generator exited ${code}`))));
  });
}

/** A full node of `genesis` on LevelDB behind the RPC, listening on loopback; not running consensus. */
async function idleNodeServer(genesis: Genesis) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-rpc-'));
  const kv = await openLevelKvStore(path.join(dir, 'db'), { maxOpenFiles: 50 });
  // Signatures as `tfr testnet` checks them: votes on the main thread, client txs on the thread pool.
  const verifier = cachingVerifier(mainThreadVerifier());
  const node = await createNode({
    genesis,
    registry: regionModules(genesis),
    store: await ChainStore.open(kv),
    verifier,
    txVerifier: verifier.through(threadPoolVerifier()),
    memo: new ExecutionMemo(),
    network: new LocalNetwork<NodeMessage>(1).endpoint(0),
    timers: systemTimers(),
    clock: systemClock(),
    wal: new MemoryWal(),
    signer: null,
    logger: SILENT_LOGGER,
    mempoolLimits: { maxTxs: 1_000_000, maxBytes: 1024 * 1024 * 1024 },
  });
  const app = buildServer({ node: rpcNodeOf(node, genesis, () => 0), rateLimit: false });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    mempool: node.mempool,
    async close() {
      await app.close();
      await kv.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `perSender` transfers of each of the 1,000 bench senders, signed in advance, written grouped by
 * sender in nonce order (the layout rpc-load.ts reads).
 */
function writeBodies(genesis: Genesis, perSender: number): string {
  const from = senders();
  const txs = signTransfers(genesis, from, from.length * perSender); // round robin: tx i is sender i % n, nonce i / n
  const lines: string[] = [];
  for (let s = 0; s < from.length; s++) for (let k = 0; k < perSender; k++) lines.push(toHex(txs[k * from.length + s]!.bytes));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-bodies-')), 'txs.hex');
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

/** Requests/s of one GET route against the idle node (the goal of both read benches: >= 10,000). */
async function getRouteBench(genesis: Genesis, label: string, route: string): Promise<void> {
  const s = await idleNodeServer(genesis);
  const runs: LoadResult[] = [];
  try {
    await runLoad({ url: s.url, path: route, method: 'GET', connections: CONNECTIONS, seconds: 2 }); // warm-up
    for (let r = 0; r < RUNS; r++) runs.push(await runLoad({ url: s.url, path: route, method: 'GET', connections: CONNECTIONS, seconds: SECONDS }));
  } finally {
    await s.close();
  }
  const bad = runs.reduce((n, x) => n + x.result.non2xx + x.result.errors, 0);
  report(label, median(runs.map((x) => x.result.requests.average)), 'req/s', `goal >= 10,000; ${CONNECTIONS} connections; p50 ${median(runs.map((x) => x.result.latency.p50))} ms, p99 ${median(runs.map((x) => x.result.latency.p99))} ms; non-2xx ${bad}`);
}

async function accountsBench(genesis: Genesis): Promise<void> {
  const address = addressFromPublicKey(genesis.addressPrefix, senders()[7]!.key.publicKey);
  await getRouteBench(genesis, 'rpc: GET /accounts/:address', `/accounts/${address}`);
}

/** An exact-in quote of 100 TFT against the bench genesis pool: a pool read, the AMM math and the JSON answer. */
async function quoteBench(genesis: Genesis): Promise<void> {
  if (genesis.app['pool'] === undefined) {
    say('rpc: GET /pool/quote skipped: the bench genesis has no pool');
    return;
  }
  await getRouteBench(genesis, 'rpc: GET /pool/quote', '/pool/quote?in=TFT&amount=1000000000');
}

async function submitBench(genesis: Genesis): Promise<void> {
  const rates: number[] = [];
  let refused = 0;
  for (let r = 0; r < RUNS; r++) {
    const s = await idleNodeServer(genesis);
    // Each connection ends partway through its last sender: leave those senders' txs unsent.
    const perSender = 60;
    const count = (1000 - CONNECTIONS) * perSender;
    const file = writeBodies(genesis, perSender);
    try {
      const t0 = performance.now();
      const out = await runLoad({ url: s.url, path: '/txs', method: 'POST', connections: CONNECTIONS, amount: count, bodiesFile: file, perSender });
      const seconds = (performance.now() - t0) / 1000;
      refused += out.result.non2xx + out.result.errors;
      if (out.result.non2xx + out.result.errors > 0) say(`  refused: ${JSON.stringify((out.result as unknown as { statusCodeStats: unknown }).statusCodeStats)}, errors ${out.result.errors}`);
      // Admitted txs are what the mempool holds; the load generator's own start-up is outside its timing.
      say(`  run ${r + 1}: ${s.mempool.size} admitted in ${out.result.duration} s (wall ${seconds.toFixed(1)} s), sent ${out.sent}, latency p50 ${out.result.latency.p50} ms p99 ${out.result.latency.p99} ms`);
      rates.push(s.mempool.size / (out.result.duration || seconds));
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      await s.close();
    }
  }
  report('rpc: POST /txs accepted transfers', median(rates), 'tx/s', `goal >= 5,000; ${CONNECTIONS} connections, ${(1000 - CONNECTIONS) * 60} pre-signed transfers per run; refused ${refused}`);
}

async function committedBench(genesis: Genesis): Promise<void> {
  const committed: number[] = [];
  const p50: number[] = [];
  const p99: number[] = [];
  let refused = 0;
  for (let r = 0; r < RUNS; r++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-rpc-testnet-'));
    const perSender = Math.ceil((RATE * (COMMIT_SECONDS + 10)) / (1000 - CONNECTIONS));
    const file = writeBodies(genesis, perSender);
    const testnet = await startTestnet({ genesis, seed: 'tfr-throughput-bench', dataDir: dir, logger: SILENT_LOGGER });
    // The RPC's own port, timed: when POST /txs admitted each tx, and when its block was announced
    // (what a `?wait=commit` client waits for).
    const inner = rpcNodeOf(testnet.nodes[0]!, genesis, () => testnet.nodes.length - 1);
    const admittedAt = new Map<string, number>();
    const latencies: number[] = [];
    let first = Infinity;
    let last = 0;
    let count = 0;
    inner.onCommit((c) => {
      const now = performance.now();
      for (const bytes of c.block.txs) {
        const at = admittedAt.get(toHex(sha256(bytes)));
        if (at === undefined) continue;
        latencies.push(now - at);
        first = Math.min(first, at);
        last = now;
        count++;
      }
    });
    const node = { ...inner, submitTx: async (bytes: Uint8Array) => {
      const at = performance.now();
      const hash = await inner.submitTx(bytes);
      admittedAt.set(toHex(hash), at);
      return hash;
    } };
    const app = buildServer({ node, rateLimit: false });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      while (testnet.status().height < 3) await new Promise((res) => setTimeout(res, 100));
      const out = await runLoad({ url, path: '/txs', method: 'POST', connections: CONNECTIONS, overallRate: RATE, seconds: COMMIT_SECONDS, bodiesFile: file, perSender });
      refused += out.result.non2xx + out.result.errors;
      // Let the last submitted txs commit.
      for (let i = 0; i < 100 && testnet.nodes[0]!.mempool.size > 0; i++) await new Promise((res) => setTimeout(res, 100));
      await new Promise((res) => setTimeout(res, 2000)); // the last block is announced after the commit pause
      committed.push((count / (last - first)) * 1000);
      p50.push(percentile(latencies, 50));
      p99.push(percentile(latencies, 99));
      say(`  run ${r + 1}: ${count} of ${admittedAt.size} admitted txs committed, ${((count / (last - first)) * 1000).toFixed(0)} tx/s, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`);
    } finally {
      await app.close();
      await testnet.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }
  report('rpc: committed transfers, 99-validator testnet', median(committed), 'tx/s', `offered ${RATE} tx/s for ${COMMIT_SECONDS} s through POST /txs; goal >= 1,000; refused ${refused}`);
  report('rpc: submit-to-commit latency p50', median(p50), 'ms', 'goal <= 1,500');
  report('rpc: submit-to-commit latency p99', median(p99), 'ms');
}

export async function runRpcBench(): Promise<void> {
  const genesis = benchGenesis();
  say(`rpc: autocannon in its own process over loopback, ${RUNS} runs each`);
  const parts = (process.env['BENCH_RPC_PARTS'] ?? 'accounts,quote,submit,committed').split(',');
  if (parts.includes('accounts')) await accountsBench(genesis);
  if (parts.includes('quote')) await quoteBench(genesis);
  if (parts.includes('submit')) await submitBench(genesis);
  if (parts.includes('committed')) await committedBench(genesis);
}
