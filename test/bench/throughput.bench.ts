/**
 * Committed throughput of the 99-validator testnet in one process, set up as `tfr testnet` runs it
 * (`startTestnet`: own LevelDB, file WAL and signer state per validator, real timers, the in-process
 * network), under an offered load of signed transfers submitted through validator 0's
 * `driver.submitTx` (what the RPC's POST /txs calls), paced by a timer. The genesis is generated
 * in memory: 99 validators, 1,000 funded accounts; each account sends transfers with sequential
 * nonces (round robin, so a sender's next tx follows ~1,000 txs later).
 *
 * Per run: a warm-up (not counted), then the measured window; txs submitted in the window are
 * followed until committed (or a drain timeout). Reported, median over the runs: committed tx/s
 * (onCommit of validator 0: the txs of the blocks announced in the window after its first one, over
 * the time from that first one to the last), p50/p99 latency from submit to
 * onCommit (what `?wait=commit` clients see) and to the moment validator 0 decided the block,
 * block interval and txs per block, mempool rejections.
 *
 * Knobs: BENCH_RATE (offered tx/s, default 1200), BENCH_SECONDS (window, default 30),
 * BENCH_WARMUP (s, default 5), BENCH_RUNS (default 3).
 */
import { regionGenesisSections } from '../../chain/node/region-modules.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Ed25519KeyPair } from '../../chain/crypto/key-derivation.ts';
import BN from 'bn.js';
import { amountToBytes } from '../../chain/amount.ts';
import { toHex } from '../../chain/codec/bytes.ts';
import { sha256 } from '../../chain/codec/hash.ts';
import { addressBytesFromPublicKey } from '../../chain/crypto/addresses.ts';
import { isChainError } from '../../chain/errors.ts';
import { startTestnet } from '../../chain/node/testnet.ts';
import { SILENT_LOGGER } from '../../chain/ports/silent-logger.ts';
import { formatGenesisJson } from '../../genesis/genesis-file.ts';
import { generateGenesis } from '../../genesis/generate-genesis.ts';
import { parseGenesis } from '../../genesis/parse-genesis.ts';
import { testAccountKey, testAccountNames } from '../../genesis/test-accounts.ts';
import type { Genesis } from '../../genesis/genesis-types.ts';
import { fastSignTx } from './fast-sign.ts';
import { median, percentile, report, say } from './harness.ts';

const RATE = Number(process.env['BENCH_RATE'] ?? 1200);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 30);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 5);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const DRAIN_MS = 20_000;
const SEED = 'tfr-throughput-bench';
const ACCOUNTS = 1000;

interface Sender {
  readonly key: Ed25519KeyPair;
  readonly to: Uint8Array;
  nonce: number;
}

export function senders(): Sender[] {
  const keys = testAccountNames(ACCOUNTS).map((n) => testAccountKey(SEED, n));
  return keys.map((k, i) => ({
    key: k,
    to: addressBytesFromPublicKey(keys[(i + 1) % keys.length]!.publicKey),
    nonce: 0,
  }));
}

/** `count` signed transfers, round robin over the senders, each sender's nonces in sequence. */
export function signTransfers(genesis: Genesis, from: Sender[], count: number): Array<{ bytes: Uint8Array; hash: string }> {
  const out: Array<{ bytes: Uint8Array; hash: string }> = [];
  for (let i = 0; i < count; i++) {
    const s = from[i % from.length]!;
    const unsigned = { chainId: genesis.chainId, sender: s.key.publicKey, nonce: s.nonce++, fee: genesis.ledger.minFee, expiry: 1_000_000, body: { module: 'ledger', command: 'transfer', params: [s.to, 'TFT', amountToBytes(new BN(1))] } };
    const bytes = fastSignTx(unsigned, s.key);
    out.push({ bytes, hash: toHex(sha256(bytes)) });
  }
  return out;
}

interface RunFigures {
  readonly committedPerS: number;
  readonly p50: number;
  readonly p99: number;
  readonly decidedP50: number;
  readonly decidedP99: number;
  readonly blockMs: number;
  readonly txsPerBlock: number;
  readonly rejected: number;
  readonly lost: number;
  readonly offeredPerS: number;
}

async function runOnce(genesis: Genesis, run: number): Promise<RunFigures> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfr-bench-throughput-'));
  const txs = signTransfers(genesis, senders(), Math.ceil(RATE * (WARMUP + SECONDS)) + 10);
  const testnet = await startTestnet({ genesis, seed: SEED, dataDir: dir, logger: SILENT_LOGGER });
  const node = testnet.nodes[0]!;
  const submittedAt = new Map<string, number>();
  const decidedAt = new Map<number, number>();
  const commits: Array<{ at: number; txs: number }> = [];
  const latencies: number[] = [];
  const decidedLatencies: number[] = [];
  const rejections = new Map<string, number>();
  let windowStart = Infinity;
  let windowEnd = Infinity;
  let pendingInWindow = 0;
  let drained: () => void = () => undefined;
  const allDrained = new Promise<void>((resolve) => (drained = resolve));

  node.driver.onEvent((e) => {
    if (e.kind === 'decided') decidedAt.set(e.height, performance.now());
  });
  testnet.onCommit((c) => {
    const now = performance.now();
    commits.push({ at: now, txs: c.block.txs.length });
    const decided = decidedAt.get(c.height) ?? now;
    for (const bytes of c.block.txs) {
      const hex = toHex(sha256(bytes));
      const t = submittedAt.get(hex);
      if (t === undefined) continue;
      submittedAt.delete(hex);
      if (t >= windowStart && t < windowEnd) {
        latencies.push(now - t);
        decidedLatencies.push(decided - t);
        if (--pendingInWindow === 0 && now >= windowEnd) drained();
      }
    }
  });

  try {
    // Load: every 5 ms, submit what the rate says is due by now.
    const t0 = performance.now();
    windowStart = t0 + WARMUP * 1000;
    windowEnd = windowStart + SECONDS * 1000;
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const now = performance.now();
        const due = Math.min(txs.length, Math.floor(((Math.min(now, windowEnd) - t0) / 1000) * RATE));
        for (; sent < due; sent++) {
          const tx = txs[sent]!;
          submittedAt.set(tx.hash, now);
          const inWindow = now >= windowStart && now < windowEnd;
          if (inWindow) pendingInWindow++;
          node.driver.submitTx(tx.bytes).catch((e: unknown) => {
            const code = isChainError(e) ? e.code : String(e);
            rejections.set(code, (rejections.get(code) ?? 0) + 1);
            if (submittedAt.delete(tx.hash) && inWindow && --pendingInWindow === 0 && performance.now() >= windowEnd) drained();
          });
        }
        if (now >= windowEnd) {
          clearInterval(timer);
          resolve();
        }
      }, 5);
    });
    if (pendingInWindow > 0) {
      let giveUp: NodeJS.Timeout | undefined;
      await Promise.race([allDrained, new Promise((r) => (giveUp = setTimeout(r, DRAIN_MS)))]);
      clearTimeout(giveUp);
    }

    const inWindow = commits.filter((c) => c.at >= windowStart && c.at < windowEnd);
    // Rate between the first and the last block announced in the window (the txs of the blocks after the first).
    const span = inWindow.length < 2 ? NaN : inWindow[inWindow.length - 1]!.at - inWindow[0]!.at;
    const committed = inWindow.slice(1).reduce((n, c) => n + c.txs, 0);
    const intervals = inWindow.slice(1).map((c, i) => c.at - inWindow[i]!.at);
    const rejected = [...rejections.values()].reduce((a, b) => a + b, 0);
    const offered = Math.floor(SECONDS * RATE);
    const f: RunFigures = {
      committedPerS: (committed / span) * 1000,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      decidedP50: percentile(decidedLatencies, 50),
      decidedP99: percentile(decidedLatencies, 99),
      blockMs: median(intervals),
      txsPerBlock: inWindow.length < 2 ? 0 : committed / (inWindow.length - 1),
      rejected,
      lost: pendingInWindow,
      offeredPerS: offered / SECONDS,
    };
    const codes = [...rejections.entries()].map(([c, n]) => `${c} ${n}`).join(', ');
    say(
      `  run ${run + 1}: ${f.committedPerS.toFixed(0)} tx/s committed, latency p50 ${f.p50.toFixed(0)} ms p99 ${f.p99.toFixed(0)} ms ` +
        `(decided p50 ${f.decidedP50.toFixed(0)} p99 ${f.decidedP99.toFixed(0)}), block ${f.blockMs.toFixed(0)} ms, ${f.txsPerBlock.toFixed(0)} txs/block, ` +
        `rejected ${rejected}${codes ? ` (${codes})` : ''}, not committed ${f.lost}, mempool at end ${node.mempool.size}`,
    );
    return f;
  } finally {
    await testnet.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function benchGenesis(): Genesis {
  return parseGenesis(formatGenesisJson(generateGenesis({ region: 'bench', validators: 99, seed: SEED, accounts: ACCOUNTS })), { sections: regionGenesisSections() });
}

export async function runThroughputBench(): Promise<void> {
  const genesis = benchGenesis();
  say(
    `throughput: 99 validators in one process (startTestnet), ${ACCOUNTS} senders, offered ${RATE} tx/s to validator 0 for ${SECONDS} s ` +
      `after ${WARMUP} s warm-up, ${RUNS} runs, commit pause ${genesis.consensus.timeouts.commitMs} ms`,
  );
  const runs: RunFigures[] = [];
  for (let r = 0; r < RUNS; r++) runs.push(await runOnce(genesis, r));
  const m = (pick: (f: RunFigures) => number) => median(runs.map(pick));
  const spread = (pick: (f: RunFigures) => number) => `runs: ${runs.map((f) => Math.round(pick(f))).join(' / ')}`;
  report('throughput.committed', m((f) => f.committedPerS), 'tx/s', `offered ${RATE} tx/s; ${spread((f) => f.committedPerS)}`);
  report('throughput.latency.p50', m((f) => f.p50), 'ms', `submit -> onCommit; ${spread((f) => f.p50)}`);
  report('throughput.latency.p99', m((f) => f.p99), 'ms', spread((f) => f.p99));
  report('throughput.latency.decided.p50', m((f) => f.decidedP50), 'ms', `submit -> validator 0 decided; ${spread((f) => f.decidedP50)}`);
  report('throughput.latency.decided.p99', m((f) => f.decidedP99), 'ms', spread((f) => f.decidedP99));
  report('throughput.block-interval', m((f) => f.blockMs), 'ms', spread((f) => f.blockMs));
  report('throughput.txs-per-block', m((f) => f.txsPerBlock), 'txs', spread((f) => f.txsPerBlock));
  report('throughput.rejected', m((f) => f.rejected), 'txs', spread((f) => f.rejected));
  report('throughput.not-committed', m((f) => f.lost), 'txs', `window txs not committed ${DRAIN_MS / 1000} s after the window; ${spread((f) => f.lost)}`);
}
